"""Committee pages: a member sees only its sessions and their dossiers (never drafts), the
coordinator the sessions of its calls; out of reach is a 404. Private notes never show."""

from decimal import Decimal

from django.urls import reverse

from lanterne.core.money import format_euros
from lanterne.dossiers.models import DossierNote
from tests.accounts.factories import applicant, coordinator
from tests.calls.factories import CallFactory, call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory


def test_list_shows_a_member_its_sessions_only(login):
    """A member lists the sessions it sits on; not another session of the same call."""
    call = CallFactory()
    mine = CommitteeSessionFactory(call=call, title="Comité de décembre")
    CommitteeSessionFactory(call=call, title="Autre comité")
    response = login(committee_member_of(mine)).get(reverse("committee:list"))
    assert response.status_code == 200
    assert "Comité de décembre" in response.text
    assert "Autre comité" not in response.text
    assert reverse("committee:create", args=[call.slug]) not in response.text


def test_list_offers_the_coordinator_to_create_a_session(login):
    """The coordinator sees the sessions of its calls and a link to create one per call."""
    call = CallFactory()
    CommitteeSessionFactory(call=call, title="Comité de décembre")
    CommitteeSessionFactory(title="Comité ailleurs")
    response = login(call_coordinator(call)).get(reverse("committee:list"))
    assert "Comité de décembre" in response.text
    assert "Comité ailleurs" not in response.text
    assert reverse("committee:create", args=[call.slug]) in response.text


def test_other_coordination_of_the_region_gets_404(login):
    """Another coordination of the call's région neither lists the session nor opens it."""
    call = CallFactory()
    session = CommitteeSessionFactory(call=call, title="Comité de décembre")
    dossier = DossierFactory(call=call, state="in_committee")
    session.dossiers.add(dossier)
    client = login(coordinator(region=call.region))
    assert "Comité de décembre" not in client.get(reverse("committee:list")).text
    assert client.get(reverse("committee:detail", args=[session.pk])).status_code == 404
    url = reverse("committee:dossier", args=[session.pk, dossier.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("committee:create", args=[call.slug])).status_code == 403


def test_member_of_one_session_gets_404_on_another(login):
    """Session B and its dossiers are a 404 for a member of session A."""
    call = CallFactory()
    session_a = CommitteeSessionFactory(call=call)
    session_b = CommitteeSessionFactory(call=call)
    dossier_b = DossierFactory(call=call, state="in_committee")
    session_b.dossiers.add(dossier_b)
    client = login(committee_member_of(session_a))
    assert client.get(reverse("committee:detail", args=[session_b.pk])).status_code == 404
    url = reverse("committee:dossier", args=[session_b.pk, dossier_b.pk])
    assert client.get(url).status_code == 404
    url = reverse("committee:dossier", args=[session_a.pk, dossier_b.pk])
    assert client.get(url).status_code == 404


def test_member_sees_nothing_of_drafts(login):
    """A draft put on a session's agenda stays invisible to its members."""
    session = CommitteeSessionFactory()
    draft = DossierFactory(call=session.call, title="Brouillon secret")
    session.dossiers.add(draft)
    client = login(committee_member_of(session))
    assert client.get(reverse("committee:dossier", args=[session.pk, draft.pk])).status_code == 404
    assert "Brouillon secret" not in client.get(reverse("committee:detail", args=[session.pk])).text


def test_others_cannot_reach_sessions(login):
    """An applicant or another région's coordinator gets a 404; creating is 403 for a member."""
    session = CommitteeSessionFactory()
    url = reverse("committee:detail", args=[session.pk])
    assert login(applicant()).get(url).status_code == 404
    assert login(call_coordinator(CallFactory())).get(url).status_code == 404
    member = committee_member_of(session)
    create = reverse("committee:create", args=[session.call.slug])
    assert login(member).get(create).status_code == 403


def test_member_reads_the_frozen_content_without_private_notes(login):
    """The member reads the submitted content; the coordinator's notes never appear."""
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, state="in_committee")
    session.dossiers.add(dossier)
    DossierNote.objects.create(
        dossier=dossier, author=call_coordinator(session.call), body="Porteur fragile"
    )
    response = login(committee_member_of(session)).get(
        reverse("committee:dossier", args=[session.pk, dossier.pk])
    )
    assert response.status_code == 200
    assert "Un parcours d&#x27;éducation aux images" in response.text
    assert "Cinéma Le Régent" in response.text
    assert format_euros(Decimal("10000")) in response.text  # total expenses
    assert "cv.pdf" in response.text
    assert "Porteur fragile" not in response.text
