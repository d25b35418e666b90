"""The action page: sessions, participants (bad counts refused in French, input kept),
open-air authorisation and workshop film."""

import pytest
from django.urls import reverse

from lanterne.projects.enums import AuthorisationStatus
from tests.projects.factories import project, project_applicant, session
from tests.territories.factories import CommuneFactory


@pytest.fixture
def setup(login):
    p = project()
    client = login(project_applicant(p))
    return p, client


def _workshop(p):
    return p.actions.get(action_type="creation_workshop")


@pytest.mark.parametrize(("raw", "message"), [("-3", "négatif"), ("12,5", "entier")])
def test_bad_participant_count_is_refused_and_kept(setup, raw, message):
    """« -3 » and « 12,5 » get a French message and stay in the input."""
    p, client = setup
    action = _workshop(p)
    response = client.post(
        reverse("projects:participants", args=[action.pk]),
        {"b_12_15_f": raw, "b_12_15_m": "7", "r_youth_worker": "2"},
    )
    assert response.status_code == 422
    assert message in response.text
    assert f'value="{raw}"' in response.text
    assert 'value="7"' in response.text
    assert not action.participant_counts.exists()


def test_participants_are_recorded_and_relays_kept_apart(setup):
    """Beneficiaries and relays are recorded; the page shows them apart, never summed."""
    p, client = setup
    action = _workshop(p)
    response = client.post(
        reverse("projects:participants", args=[action.pk]),
        {"b_12_15_f": "6", "b_16_18_m": "5", "p_qpv": "4", "r_youth_worker": "2"},
    )
    assert response.status_code == 302
    assert sum(c.count for c in action.participant_counts.all()) == 11
    page = client.get(reverse("projects:action", args=[action.pk])).text
    assert "11 participant·es" in page
    assert "2 relais" in page
    assert "non comptés dans les participant·es" in page


def test_session_added_by_insee_code(setup):
    """A session's place can be a commune given by its INSEE code; the action's days follow."""
    p, client = setup
    action = _workshop(p)
    commune = CommuneFactory(code="31555", name="Toulouse")
    response = client.post(
        reverse("projects:session_add", args=[action.pk]),
        {"day": "2024-04-10", "starts_at": "14:00", "ends_at": "16:30", "place_commune": "31555"},
    )
    assert response.status_code == 302
    created = action.sessions.get()
    assert created.place_commune == commune
    assert created.minutes == 150
    action.refresh_from_db()
    assert str(action.first_day) == "2024-04-10"


def test_session_without_a_place_or_ending_before_start_is_refused(setup):
    """A session needs a place and must end after it starts; what was typed stays."""
    p, client = setup
    action = _workshop(p)
    response = client.post(
        reverse("projects:session_add", args=[action.pk]),
        {"day": "2024-04-10", "starts_at": "16:00", "ends_at": "15:00", "place_detail": "Salle B"},
    )
    assert response.status_code == 422
    assert "Indiquez le lieu de la séance" in response.text
    assert "finir après son début" in response.text
    assert "Salle B" in response.text
    assert not action.sessions.exists()


def test_unknown_commune_is_named(setup):
    """An unknown commune gets a message naming what was typed."""
    p, client = setup
    action = _workshop(p)
    response = client.post(
        reverse("projects:session_add", args=[action.pk]),
        {"day": "2024-04-10", "starts_at": "14:00", "ends_at": "15:00", "place_commune": "Zzyx"},
    )
    assert response.status_code == 422
    assert "Aucune commune ne correspond à « Zzyx »" in response.text


def test_session_delete(setup):
    """A session can be deleted by the applicant."""
    p, client = setup
    action = _workshop(p)
    s = session(action)
    response = client.post(reverse("projects:session_delete", args=[action.pk, s.pk]))
    assert response.status_code == 302
    assert not action.sessions.exists()


def test_open_air_authorisation_needs_dates(setup):
    """A granted authorisation needs its dates; the page says so and keeps the input."""
    p, client = setup
    action = p.actions.get(action_type="open_air")
    url = reverse("projects:authorisation", args=[action.pk])
    response = client.post(url, {"status": "granted", "technical_provider": "Ciné Plein Air"})
    assert response.status_code == 422
    assert "Indiquez la date" in response.text
    assert "Ciné Plein Air" in response.text
    response = client.post(
        url,
        {
            "status": "granted",
            "requested_on": "2024-05-02",
            "decided_on": "2024-05-20",
            "technical_provider": "Ciné Plein Air",
            "screening_day": "2024-07-14",
        },
    )
    assert response.status_code == 302
    action.authorisation.refresh_from_db()
    assert action.authorisation.status == AuthorisationStatus.GRANTED


def test_workshop_film_recorded_with_minutes_and_seconds(setup):
    """A workshop film's duration is typed in minutes and seconds."""
    p, client = setup
    action = _workshop(p)
    response = client.post(
        reverse("projects:film", args=[action.pk]),
        {"title": "Nos quartiers", "minutes": "7", "seconds": "30", "year": "2024"},
    )
    assert response.status_code == 302
    film = action.films.get()
    assert film.duration_seconds == 450
    assert "Nos quartiers" in client.get(reverse("projects:action", args=[action.pk])).text
