"""The API's workshop films are those the gate lets out, through the same query as the gallery:
a withdrawal or an expiry takes a film out of the API at once. Who appears is never published."""

import datetime

import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from lanterne.logbook import services
from lanterne.logbook.enums import FilmState, Scope
from tests.logbook.factories import TODAY, at, consent, film, member


def _titles(client, **params):
    response = client.get(reverse("api:workshop-film-list"), params)
    assert response.status_code == 200
    return [row["title"] for row in response.json()["results"]]


@time_machine.travel(at(TODAY), tick=False)
def test_the_api_lists_public_films_the_gate_lets_out(group, staff):
    lina, sami = member(group, "Lina"), member(group, "Sami")
    authorisation = consent(lina)
    consent(sami, scopes=[Scope.GROUP])
    film(group, appears=[lina], state=FilmState.PUBLIC, title="Ceux d'ici")
    film(group, appears=[lina, sami], state=FilmState.PUBLIC, title="Le Marché")
    film(group, appears=[lina], title="Rushes")
    client = APIClient()
    assert _titles(client) == ["Ceux d'ici"]
    row = client.get(reverse("api:workshop-film-list")).json()["results"][0]
    assert "appears" not in row and row["release"] == "public"
    assert _titles(client, year=2024, region=group.action.project.call.region_id) == ["Ceux d'ici"]
    assert _titles(client, genre="comedy") == []
    services.consent_withdraw(consent=authorisation, by=staff, reason="Demande des parents.")
    assert _titles(client) == []


def test_an_expired_authorisation_takes_the_film_out_of_the_api(group):
    lina = member(group, "Lina")
    consent(lina, expires_on=TODAY)
    item = film(group, appears=[lina], state=FilmState.PUBLIC, title="Ceux d'ici")
    client = APIClient()
    detail = reverse("api:workshop-film-detail", args=[item.pk])
    with time_machine.travel(at(TODAY), tick=False):
        assert client.get(detail).status_code == 200
    with time_machine.travel(at(TODAY + datetime.timedelta(days=1)), tick=False):
        assert client.get(detail).status_code == 404
        assert _titles(client) == []
