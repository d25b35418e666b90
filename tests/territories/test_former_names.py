"""A former name or code (INSEE's mouvements des communes) leads to today's commune in the
suggestions, the commune field and the API, after the communes that bear the name today, in
one query whatever the number of former communes."""

import datetime

import pytest
from django import forms
from django.urls import reverse

from lanterne.territories.models import Commune, FormerCommune
from lanterne.territories.search import search_key
from lanterne.www.communes.forms import CommuneField
from tests.territories.factories import CommuneFactory, DepartementFactory

SUGGESTIONS = reverse("www:commune_suggestions")


def former_commune(commune, code, name):
    return FormerCommune.objects.create(
        commune=commune,
        code=code,
        name=name,
        search_name=search_key(name),
        ended_on=datetime.date(2017, 1, 1),
    )


@pytest.fixture
def annecy():
    # Real: Annecy-le-Vieux (74011) and Seynod (74268) merged into Annecy on 1 January 2017.
    haute_savoie = DepartementFactory(code="74", name="Haute-Savoie")
    annecy = CommuneFactory(
        code="74010", name="Annecy", departement=haute_savoie, population=130_000
    )
    former_commune(annecy, "74011", "Annecy-le-Vieux")
    former_commune(annecy, "74268", "Seynod")
    return annecy


def test_a_former_name_suggests_todays_commune(annecy):
    """ "annecy-le-vieux", "ANNECY LE VIEUX" and "Annécy-le" all give Annecy."""
    for typed in ("annecy-le-vieux", "ANNECY LE VIEUX", "Annécy-le"):
        found = list(Commune.objects.suggest(typed))
        assert [(c.code, c.former_name) for c in found] == [("74010", "Annecy-le-Vieux")]
    # Found by its own name, Annecy carries no former name.
    assert [c.former_name for c in Commune.objects.suggest("annecy")] == [None]


def test_current_names_come_before_former_ones(annecy):
    """A commune named so today comes first, even a small one; then the exact former name,
    before communes whose current name only begins so."""
    other = DepartementFactory(code="73", name="Savoie")
    seynod_today = CommuneFactory(code="73999", name="Seynod", departement=other, population=10)
    longer = CommuneFactory(
        code="73998", name="Seynod-les-Bains", departement=other, population=90_000
    )
    found = [c.code for c in Commune.objects.suggest("seynod")]
    assert found == [seynod_today.code, annecy.code, longer.code]


def test_suggestions_say_the_former_name(client, annecy, django_assert_num_queries):
    """The suggestion reads "Annecy (74) — Haute-Savoie, anciennement Annecy-le-Vieux"; a
    former code says its name too."""
    with django_assert_num_queries(1):
        results = client.get(SUGGESTIONS, {"q": "annecy-le-vi"}).json()["results"]
    assert results == [
        {
            "code": "74010",
            "label": "Annecy (74)",
            "name": "Annecy",
            "departement": "Haute-Savoie",
            "note": "anciennement Annecy-le-Vieux",
        }
    ]
    by_code = client.get(SUGGESTIONS, {"q": "74268"}).json()["results"]
    assert [(r["code"], r["note"]) for r in by_code] == [("74010", "anciennement Seynod")]
    assert client.get(SUGGESTIONS, {"q": "annecy"}).json()["results"][0]["note"] == ""


def test_suggestions_cost_one_query_with_ten_times_the_former_communes(
    client, annecy, django_assert_num_queries
):
    """Ten times more communes found by a former name: still one query."""
    departement = DepartementFactory(code="01", name="Ain")
    for number in range(10):
        commune = CommuneFactory(
            code=f"01{number:03d}", name=f"Bourg {number}", departement=departement
        )
        former_commune(commune, f"01{100 + number:03d}", f"Annecy-le-Vieux-{number}")
    with django_assert_num_queries(1):
        results = client.get(SUGGESTIONS, {"q": "annecy le vieux"}).json()["results"]
    assert len(results) == 11
    assert results[0]["code"] == "74010"
    assert all(r["note"].startswith("anciennement Annecy-le-Vieux") for r in results)


def test_commune_field_reads_a_former_name(annecy):
    """Typed in full, a former name borne by no commune today reads as today's commune, with
    or without its département."""
    field = CommuneField()
    assert field.clean("Annecy-le-Vieux") == annecy
    assert field.clean("annecy le vieux (74)") == annecy
    assert field.clean("74011") == annecy
    with pytest.raises(forms.ValidationError):
        field.clean("Annecy-le-Vieux (73)")


def test_a_former_name_of_several_communes_is_ambiguous(annecy):
    """A former name taken over by two communes asks which one."""
    other = CommuneFactory(code="73010", name="Autre", departement=DepartementFactory(code="73"))
    former_commune(other, "73011", "Seynod")
    with pytest.raises(forms.ValidationError) as error:
        CommuneField().clean("Seynod")
    assert error.value.code == "ambiguous"


def test_api_redirects_a_code_known_only_from_the_mouvements(client, annecy):
    """/api/v1/communes/74011/ answers 301 to Annecy, whose former codes and names list it."""
    response = client.get("/api/v1/communes/74011/", {"format": "json"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/communes/74010/?format=json"
    body = client.get(response["Location"]).json()
    assert body["former_codes"] == ["74011", "74268"]
    assert body["former_names"] == [
        {"code": "74011", "name": "Annecy-le-Vieux", "ended_on": "2017-01-01"},
        {"code": "74268", "name": "Seynod", "ended_on": "2017-01-01"},
    ]
    assert client.get("/api/v1/communes/74999/", {"format": "json"}).status_code == 404


def test_api_list_cost_does_not_grow_with_former_communes(
    client, annecy, django_assert_max_num_queries
):
    """The list prefetches former names: the same queries for 1 commune or 11."""
    departement = DepartementFactory(code="01", name="Ain")
    with django_assert_max_num_queries(10) as few:
        client.get("/api/v1/communes/", {"format": "json"})
    for number in range(10):
        commune = CommuneFactory(code=f"01{number:03d}", departement=departement)
        former_commune(commune, f"01{100 + number:03d}", f"Ancienne {number}")
    with django_assert_max_num_queries(10) as many:
        client.get("/api/v1/communes/", {"format": "json"})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_search_of_the_api_and_the_admin_reads_former_names_and_codes(client, annecy):
    """`?q=` finds a commune by a part of a former name or by a former code."""
    for term in ("vieux", "74011"):
        response = client.get("/api/v1/communes/", {"q": term, "format": "json"})
        assert [c["code"] for c in response.json()["results"]] == ["74010"]
    assert list(Commune.objects.search("seyno")) == [annecy]


def test_a_former_name_corrected_by_hand_is_searched_by_its_new_spelling(db):
    commune = CommuneFactory(name="Annecy")
    former = FormerCommune.objects.create(commune=commune, code="74011", name="Anecy-le-Vieux")
    former.name = "Annecy-le-Vieux"
    former.save()
    assert Commune.objects.suggest("annecy-le-vieux")[0] == commune
