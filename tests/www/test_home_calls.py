"""The signed-in home tells each role what it has to do with calls and dossiers: the applicant
its dossiers and the open calls of its région, the coordinator the dossiers waiting per call
and the next steps of its calls, the committee member the dossiers awaiting its opinion."""

from html import unescape

import pytest
from django.urls import reverse

from lanterne.accounts.enums import Role
from lanterne.committee.enums import Verdict
from lanterne.committee.models import Opinion
from lanterne.dossiers.enums import DossierState
from tests.accounts.factories import MembershipFactory, UserFactory, applicant
from tests.calls.factories import CallFactory, call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory
from tests.network.factories import StructureFactory

HOME = reverse("www:home")


@pytest.fixture
def toulouse_applicant(occitanie):
    return StructureFactory(
        name="Association des Faubourgs", applicant_commune=True, commune=occitanie["toulouse"]
    )


def test_applicant_sees_its_dossiers_and_the_open_calls_of_its_region(
    login, occitanie, toulouse_applicant
):
    """Each dossier with its state and a link; the calls open today in its région only."""
    open_call = CallFactory(
        title="Appel ouvert Occitanie", region=occitanie["region"], open_now=True
    )
    CallFactory(title="Appel clos 2024", region=occitanie["region"])
    CallFactory(title="Appel ouvert ailleurs", open_now=True)
    dossier = DossierFactory(
        call=open_call, applicant=toulouse_applicant, title="Regards du quartier"
    )
    DossierFactory(title="Dossier d'un autre porteur", call=open_call)
    text = unescape(login(applicant(structure=toulouse_applicant)).get(HOME).text)
    assert "Regards du quartier" in text
    assert reverse("dossiers:detail", args=[dossier.pk]) in text
    assert "brouillon" in text
    assert "Dossier d'un autre porteur" not in text
    assert "Appel ouvert Occitanie" in text
    assert "Appel clos 2024" not in text
    assert "Appel ouvert ailleurs" not in text


def test_applicant_without_dossier_is_told_so(login, toulouse_applicant):
    text = unescape(login(applicant(structure=toulouse_applicant)).get(HOME).text)
    assert "Vous n'avez encore aucun dossier." in text
    assert "Aucun appel à projets n'est ouvert dans votre région pour l'instant." in text


def test_coordinator_sees_dossiers_to_instruct_per_call_and_next_steps(login, occitanie):
    """Counts of submitted, under review and returned dossiers per call it manages; calls
    without such dossiers are not listed; upcoming milestones of its calls."""
    call = CallFactory(title="Appel ouvert Occitanie", region=occitanie["region"], open_now=True)
    for state in (DossierState.SUBMITTED, DossierState.SUBMITTED, DossierState.SENT_BACK):
        DossierFactory(call=call, state=state)
    DossierFactory(call=call)  # a draft: not the coordination's business yet
    CallFactory(title="Appel 2024 sans dossier", region=occitanie["region"])
    CallFactory(title="Appel d'une autre région", open_now=True)
    response = login(call_coordinator(call)).get(HOME)
    dashboard = response.context["dashboards"]["coordinator"]
    [listed] = dashboard["calls_to_instruct"]
    assert listed.title == "Appel ouvert Occitanie"
    assert (listed.submitted_count, listed.under_review_count, listed.sent_back_count) == (2, 0, 1)
    assert {m.call.title for m in dashboard["upcoming_milestones"]} == {"Appel ouvert Occitanie"}
    text = unescape(response.text)
    assert reverse("calls:dossiers", args=[call.slug]) in text
    assert "date limite de dépôt des dossiers" in text
    assert "Appel d'une autre région" not in text


def test_committee_member_sees_dossiers_awaiting_its_opinion(login):
    """Per open session: how many of its dossiers still lack this member's opinion."""
    session = CommitteeSessionFactory(title="Comité de décembre")
    dossiers = [
        DossierFactory(call=session.call, state=DossierState.IN_COMMITTEE) for _ in range(3)
    ]
    session.dossiers.add(*dossiers)
    member = committee_member_of(session)
    other = committee_member_of(session)
    Opinion.objects.create(
        session=session, dossier=dossiers[0], member=member, verdict=Verdict.FAVOURABLE
    )
    Opinion.objects.create(
        session=session, dossier=dossiers[1], member=other, verdict=Verdict.FAVOURABLE
    )
    CommitteeSessionFactory(title="Comité clos", is_closed=True).members.add(member)
    response = login(member).get(HOME)
    [listed] = response.context["dashboards"]["committee_member"]["sessions"]
    assert (listed.dossier_count, listed.awaiting_count) == (3, 2)
    text = unescape(response.text)
    assert "Comité de décembre" in text
    assert "2 dossiers attendent votre avis" in text
    assert "Comité clos" not in text


@pytest.mark.parametrize("rows", [2, 20])
def test_home_with_calls_query_count_is_constant(
    login, django_assert_num_queries, occitanie, toulouse_applicant, rows
):
    """With ten times the calls, dossiers and sessions, the home runs the same queries."""
    user = UserFactory()
    MembershipFactory(user=user, structure=toulouse_applicant, role=Role.APPLICANT)
    coordination = StructureFactory(pi_coordination=True)
    for _ in range(rows):
        call = CallFactory(region=occitanie["region"], coordination=coordination, open_now=True)
        DossierFactory(call=call, applicant=toulouse_applicant, state=DossierState.SUBMITTED)
        session = CommitteeSessionFactory(call=call)
        session.members.add(user)
        session.dossiers.add(DossierFactory(call=call, state=DossierState.IN_COMMITTEE))
    MembershipFactory(user=user, structure=coordination, role=Role.COORDINATOR)
    MembershipFactory(user=user, structure=StructureFactory(drac=True), role=Role.COMMITTEE_MEMBER)
    client = login(user)
    with django_assert_num_queries(27):
        response = client.get(HOME)
    dashboards = response.context["dashboards"]
    assert len(dashboards["applicant"]["dossiers"]) == rows
    assert len(dashboards["applicant"]["open_calls"]) == rows
    assert len(dashboards["coordinator"]["calls_to_instruct"]) == rows
    assert len(dashboards["committee_member"]["sessions"]) == rows
