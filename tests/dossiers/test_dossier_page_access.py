"""Who reaches a dossier's pages: out of scope is a 404, anonymous goes to the login page."""

import pytest
from django.urls import reverse

from lanterne.dossiers.enums import DossierState
from tests.accounts.factories import applicant, committee_member, coordinator
from tests.calls.factories import call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant

PAGES = ["dossiers:detail", "dossiers:eligibility", "dossiers:print", "dossiers:receipt"]


def _users(dossier):
    session = CommitteeSessionFactory(call=dossier.call)
    session.dossiers.add(dossier)
    return {
        "own_applicant": dossier_applicant(dossier),
        "coordinator": call_coordinator(dossier.call),
        "session_member": committee_member_of(session),
        "other_applicant": applicant(),
        "other_region_coordinator": coordinator(),
        # Another coordination of the call's région (say Hauts-de-France south for a call of
        # the north): the call is not its own.
        "same_region_coordinator": coordinator(region=dossier.call.region),
        "other_member": committee_member(),
    }


ALLOWED = {"own_applicant", "coordinator", "session_member"}


@pytest.mark.parametrize("page", PAGES)
def test_access_matrix(login, client, page):
    """The applicant, its call's coordination and the session's members read the dossier;
    anyone else, another coordination of the same région included, gets a 404."""
    dossier = DossierFactory(state=DossierState.IN_COMMITTEE)
    url = reverse(page, args=[dossier.pk])
    for name, user in _users(dossier).items():
        response = login(user).get(url)
        expected = 200 if name in ALLOWED else 404
        assert response.status_code == expected, (name, response.status_code)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert "/login" in response.url or "connexion" in response.url


def test_anonymous_list_redirects(client):
    response = client.get(reverse("dossiers:list"))
    assert response.status_code == 302


def test_committee_member_does_not_see_a_draft(login):
    """A draft stays between the applicant and the coordination, even on a session."""
    dossier = DossierFactory(call__open_now=True)
    session = CommitteeSessionFactory(call=dossier.call)
    session.dossiers.add(dossier)
    member = committee_member_of(session)
    assert login(member).get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 404


def test_coordinator_cannot_edit_applicant_content(login):
    """The coordination reads a draft but does not write the applicant's content."""
    dossier = DossierFactory(call__open_now=True)
    client = login(call_coordinator(dossier.call))
    response = client.post(
        reverse("dossiers:edit", args=[dossier.pk, "general"]),
        {"general-title": "X", "general-expected_version": dossier.version},
    )
    assert response.status_code == 403


def test_list_shows_own_dossiers_and_coordination_sees_no_drafts(login):
    """An applicant lists its dossiers with their state; a coordination lists the non-draft
    dossiers of its calls; filter by state works."""
    draft = DossierFactory(call__open_now=True)
    submitted = DossierFactory(state="submitted", call=draft.call)
    other = DossierFactory(state="submitted")
    page = login(dossier_applicant(draft)).get(reverse("dossiers:list")).text
    assert draft.reference in page
    assert "brouillon" in page
    assert other.reference not in page
    client = login(call_coordinator(draft.call))
    page = client.get(reverse("dossiers:list")).text
    assert submitted.reference in page
    assert draft.reference not in page
    assert other.reference not in page
    filtered = client.get(reverse("dossiers:list"), {"state": "accepted"}).text
    assert submitted.reference not in filtered
