"""`/api/v1/actions/`: sessions, participants by age band and gender, priority publics and,
apart, the relays, which are never added to the final beneficiaries; the film shown, the
open-air authorisation, the workshop's films; filters by project, year, format and kind."""

import datetime

import pytest

from lanterne.projects import services
from lanterne.projects.models import WorkshopFilm
from tests.projects.factories import project, project_applicant, project_coordinator, session


@pytest.fixture
def p():
    return project()


def action_of(p, action_type):
    return p.actions.get(action_type=action_type)


def test_relays_are_never_added_to_the_beneficiaries(api, p):
    """11 participants and 2 relays: `beneficiaries` is 11, `relays_total` 2, and the relays
    appear only in `relays`."""
    workshop = action_of(p, "creation_workshop")
    user = project_applicant(p)
    services.participants_record(
        action=workshop,
        by=user,
        beneficiaries={("12_15", "f"): 6, ("12_15", "m"): 5},
        priority={"qpv": 8},
        relays={"youth_worker": 2},
    )
    data = api.as_user(user).get(f"/api/v1/actions/{workshop.pk}/").json()
    assert data["beneficiaries"] == 11
    assert data["relays_total"] == 2
    assert sum(row["count"] for row in data["participants"]) == 11
    assert sorted(
        (row["age_band"], row["gender"], row["count"]) for row in data["participants"]
    ) == [("12_15", "f", 6), ("12_15", "m", 5)]
    assert data["priority_publics"] == [{"priority": "qpv", "count": 8}]
    assert data["relays"] == [{"relay_kind": "youth_worker", "count": 2}]


def test_sessions_show_day_hours_length_and_place(api, p):
    """Each session with its day, hours, minutes and the place in plain words."""
    workshop = action_of(p, "creation_workshop")
    s = session(workshop, day="2024-03-06", start="14:00", end="17:30")
    data = api.as_user(project_applicant(p)).get(f"/api/v1/actions/{workshop.pk}/").json()
    assert data["sessions"] == [
        {
            "day": "2024-03-06",
            "starts_at": "14:00:00",
            "ends_at": "17:30:00",
            "minutes": 210,
            "place": s.place_commune.name,
            "place_structure": None,
            "place_commune": s.place_commune_id,
            "place_detail": "",
        }
    ]


def test_open_air_screening_shows_its_film_and_authorisation(api, p):
    """An open-air screening: the film from the call's list and its authorisation request
    (status, dates, technical provider); a workshop has no authorisation."""
    open_air = action_of(p, "open_air")
    services.authorisation_update(
        action=open_air,
        by=project_applicant(p),
        status="granted",
        requested_on=datetime.date(2024, 5, 10),
        decided_on=datetime.date(2024, 5, 20),
        technical_provider="Écran Mobile Occitanie",
    )
    client = api.as_user(project_coordinator(p))
    data = client.get(f"/api/v1/actions/{open_air.pk}/").json()
    assert data["film"]["title"] == open_air.film.title
    assert data["authorisation"]["status"] == "granted"
    assert data["authorisation"]["requested_on"] == "2024-05-10"
    assert data["authorisation"]["decided_on"] == "2024-05-20"
    assert data["authorisation"]["technical_provider"] == "Écran Mobile Occitanie"
    workshop = client.get(f"/api/v1/actions/{action_of(p, 'creation_workshop').pk}/").json()
    assert workshop["authorisation"] is None
    assert workshop["film"] is None


def test_workshop_shows_the_films_it_made(api, p):
    """A workshop lists its films with title, duration, year and group."""
    workshop = action_of(p, "creation_workshop")
    WorkshopFilm.objects.create(
        action=workshop, title="Nos rues", duration_seconds=420, year=2024, group="Les Lilas"
    )
    data = api.as_user(project_applicant(p)).get(f"/api/v1/actions/{workshop.pk}/").json()
    assert [(f["title"], f["duration_seconds"], f["group"]) for f in data["workshop_films"]] == [
        ("Nos rues", 420, "Les Lilas")
    ]


def test_actions_filter_by_project_year_type_and_kind(api, p):
    """`?project=`, `?year=`, `?action_type=` and `?kind=` (voir / faire) narrow the list."""
    other = project(call=p.call)
    client = api.as_user(project_coordinator(p))

    def ids(**params):
        response = client.get("/api/v1/actions/", params)
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids(project=p.pk) == set(p.actions.values_list("pk", flat=True))
    assert len(ids()) == 6
    assert len(ids(year=2024)) == 6
    assert ids(year=2023) == set()
    assert ids(project=p.pk, kind="faire") == {action_of(p, "creation_workshop").pk}
    assert ids(project=p.pk, kind="voir") == {
        action_of(p, "open_air").pk,
        action_of(p, "accompanied").pk,
    }
    assert ids(action_type="open_air") == {
        action_of(p, "open_air").pk,
        action_of(other, "open_air").pk,
    }
    assert client.get("/api/v1/actions/", {"kind": "regarder"}).status_code == 400
