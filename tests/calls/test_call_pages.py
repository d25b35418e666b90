"""Public call pages: the list of open calls, a call's page with its calendar, rules, films."""

import pytest
from django.urls import reverse

from lanterne.calls.models import Film
from tests.accounts.factories import applicant, coordinator
from tests.calls.factories import CallFactory, call_coordinator
from tests.network.factories import StructureFactory


def test_open_call_is_listed_for_everyone(client):
    """Open calls are public and listed; a closed one is not."""
    open_call = CallFactory(open_now=True, title="Appel ouvert")
    CallFactory(title="Appel clos 2024")
    response = client.get(reverse("calls:list"))
    assert response.status_code == 200
    assert "Appel ouvert" in response.text
    assert "Appel clos 2024" not in response.text
    assert open_call.get_absolute_url() in response.text


def test_coordinator_sees_its_regions_calls_and_create_button(login):
    """A coordinator also sees the calls its structure carries, in any state, and can create one."""
    call = CallFactory(unpublished=True, title="Brouillon Occitanie")
    other = CallFactory(unpublished=True, title="Appel Bretagne")
    client = login(call_coordinator(call))
    response = client.get(reverse("calls:list"))
    assert "Brouillon Occitanie" in response.text
    assert "Appel Bretagne" not in response.text
    assert "Créer un appel" in response.text
    assert other.title not in response.text


def test_call_page_shows_calendar_rules_films_documents(client):
    """The call page tells dates in Paris time, the rules in plain French, lists and pieces."""
    call = CallFactory()
    response = client.get(call.get_absolute_url())
    text = response.text
    assert response.status_code == 200
    assert "31 octobre 2023 à 23 h 59 (heure de Paris)" in text
    assert "5\u00a0000,00 €" in text and "60 %" in text and "au plus du budget total" in text
    assert "obligatoire : bloque le dépôt" in text
    assert "Le Voyage de Chihiro" in text and "Wadjda" in text
    assert "CV des intervenant·es" in text
    # Past steps are said in words, not only by colour.
    assert "passé" in text


def test_timeline_marks_the_next_step(client):
    """For an open call the deadline is the next step, and says so."""
    call = CallFactory(open_now=True)
    response = client.get(call.get_absolute_url())
    assert "prochaine étape" in response.text


def test_warning_rule_is_described_as_not_blocking(client):
    """A rule set to warn only is shown as not blocking the submission."""
    call = CallFactory()
    call.rules.filter(code="films").update(is_blocking=False)
    response = client.get(call.get_absolute_url())
    assert "recommandé : signalé sans bloquer le dépôt" in response.text


@pytest.mark.parametrize("role", ["anonymous", "applicant", "other_coordinator"])
def test_unpublished_call_is_404_out_of_scope(client, login, role):
    """An unpublished call does not exist for anyone but its coordination."""
    call = CallFactory(unpublished=True)
    if role == "applicant":
        client = login(applicant())
    elif role == "other_coordinator":
        client = login(coordinator())
    assert client.get(call.get_absolute_url()).status_code == 404


def test_unpublished_call_visible_to_its_coordinator(login):
    call = CallFactory(unpublished=True)
    client = login(call_coordinator(call))
    response = client.get(call.get_absolute_url())
    assert response.status_code == 200
    assert "Publier l'appel" in response.text


def test_applicant_sees_apply_button_only_on_open_call(login):
    """An applicant with an account gets « Déposer un dossier » on an open call only."""
    open_call = CallFactory(open_now=True)
    closed = CallFactory(region=open_call.region)
    # A structure of the call's région, which its coordination covers: it may apply.
    user = applicant(
        StructureFactory(applicant_commune=True, commune__departement__region=open_call.region)
    )
    client = login(user)
    assert "Déposer un dossier" in client.get(open_call.get_absolute_url()).text
    assert "Déposer un dossier" not in client.get(closed.get_absolute_url()).text


def test_anonymous_gets_no_apply_button(client):
    call = CallFactory(open_now=True)
    assert "Déposer un dossier" not in client.get(call.get_absolute_url()).text


def test_call_page_query_count(client, django_assert_num_queries):
    """The call page costs a fixed number of queries whatever the size of its lists (three of
    them read the départements whose structures may apply)."""
    call = CallFactory()
    with django_assert_num_queries(9):
        client.get(call.get_absolute_url())
    film_list = call.film_lists.first()
    for number in range(20):
        Film.objects.create(film_list=film_list, title=f"Film {number}")
    with django_assert_num_queries(9):
        response = client.get(call.get_absolute_url())
    assert "Film 19" in response.text
