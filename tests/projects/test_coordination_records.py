"""The coordination of a project's call records actions, sessions and participants on the
projects it follows, as the applicant does; each record says who entered it and in what
capacity. Another coordination never reaches them."""

import pytest
from django.urls import reverse

from lanterne.projects.enums import EnteredAs
from lanterne.projects.models import Action
from tests.accounts.factories import coordinator
from tests.projects.factories import project, project_applicant, project_coordinator
from tests.territories.factories import CommuneFactory

SESSION = {"day": "2024-04-10", "starts_at": "14:00", "ends_at": "16:30"}


@pytest.fixture
def p():
    return project()


def _workshop(p):
    return p.actions.get(action_type="creation_workshop")


def test_coordinator_of_the_call_records_a_session_shown_as_entered_by_the_coordination(p, login):
    """A session added by the call's coordinator is stored with its author and shown as
    « saisi par …, coordination »."""
    user = project_coordinator(p, first_name="Camille", last_name="Martin")
    client = login(user)
    action = _workshop(p)
    commune = CommuneFactory(code="31555", name="Toulouse")
    response = client.post(
        reverse("projects:session_add", args=[action.pk]),
        {**SESSION, "place_commune": commune.code},
    )
    assert response.status_code == 302
    created = action.sessions.get()
    assert created.created_by == user
    assert created.created_as == EnteredAs.COORDINATION
    page = client.get(reverse("projects:action", args=[action.pk])).text
    assert "saisi par Camille Martin, coordination" in page


def test_coordinator_adds_an_action_and_records_participants(p, login):
    """The coordinator adds an action to the project and records its participants; the
    applicant then reads who entered them."""
    user = project_coordinator(p, first_name="Camille", last_name="Martin")
    client = login(user)
    response = client.post(
        reverse("projects:action_add", args=[p.pk]),
        {"action_type": "awareness_workshop", "title": "Atelier tourné-monté"},
    )
    assert response.status_code == 302, response.content
    action = Action.objects.get(project=p, title="Atelier tourné-monté")
    assert (action.created_by, action.created_as) == (user, EnteredAs.COORDINATION)
    response = client.post(
        reverse("projects:participants", args=[action.pk]), {"b_12_15_f": "6", "b_16_18_m": "4"}
    )
    assert response.status_code == 302
    counts = list(action.participant_counts.all())
    assert sum(c.count for c in counts) == 10
    assert {(c.created_by, c.created_as) for c in counts} == {(user, EnteredAs.COORDINATION)}
    page = login(project_applicant(p)).get(reverse("projects:action", args=[action.pk])).text
    assert "saisi par Camille Martin, coordination" in page


def test_applicant_still_records_as_applicant(p, login):
    """The applicant keeps recording its sessions; they say « porteur de projet »."""
    user = project_applicant(p)
    client = login(user)
    action = _workshop(p)
    response = client.post(
        reverse("projects:session_add", args=[action.pk]),
        {**SESSION, "place_commune": CommuneFactory().name},
    )
    assert response.status_code == 302
    assert action.sessions.get().created_as == EnteredAs.APPLICANT
    page = client.get(reverse("projects:action", args=[action.pk])).text
    assert "porteur de projet" in page


def test_coordinator_of_another_coordination_reaches_nothing(p, login):
    """Another coordination of the same région gets a 404 on every write, and nothing is
    stored."""
    client = login(coordinator(region=p.call.region))
    action = _workshop(p)
    posts = [
        (reverse("projects:action_add", args=[p.pk]), {"action_type": "open_air", "title": "X"}),
        (
            reverse("projects:session_add", args=[action.pk]),
            {**SESSION, "place_commune": CommuneFactory().name},
        ),
        (reverse("projects:participants", args=[action.pk]), {"b_12_15_f": "6"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert not action.sessions.exists()
    assert not action.participant_counts.exists()
    assert not p.actions.filter(title="X").exists()


def test_coordinator_cannot_record_once_the_report_is_sent(p, login):
    """Once the bilan is transmitted, the coordination's entries are refused as the
    applicant's are, with the reason in words."""
    from lanterne.projects.services import report_submit

    report_submit(report=p.report, by=project_applicant(p))
    client = login(project_coordinator(p))
    action = _workshop(p)
    response = client.post(
        reverse("projects:session_add", args=[action.pk]),
        {**SESSION, "place_commune": CommuneFactory().name},
    )
    assert response.status_code == 422
    assert "ne peuvent plus être modifiées" in response.text
    assert not action.sessions.exists()


def test_entries_are_in_the_authors_data_and_lose_their_author_on_erasure(p):
    """What a coordinator entered is in its data export; erasing it keeps the records,
    without their author."""
    import datetime

    from lanterne.core import privacy
    from lanterne.projects.models import ActionSession
    from lanterne.projects.services import session_add

    user = project_coordinator(p)
    action = _workshop(p)
    session_add(
        action=action,
        by=user,
        session=ActionSession(
            day=datetime.date(2024, 4, 10),
            starts_at=datetime.time(14),
            ends_at=datetime.time(16),
            place_commune=CommuneFactory(),
        ),
    )
    rows = {kind.key: rows for kind, rows in privacy.export_person(user)}
    assert rows["project_entries"] == [
        {"kind": "séance", "action": action.title, "project": p.title, "as": "coordination"}
    ]
    privacy.erase_person(user)
    assert action.sessions.get().created_by is None
