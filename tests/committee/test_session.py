"""The coordinator creates a session, puts dossiers on its agenda (« en comité »), closes it;
the page tallies the opinions and compares the proposed amounts to the call's envelope."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.committee.models import CommitteeSession, Opinion
from lanterne.committee.services import session_add_dossiers
from lanterne.core.money import format_euros
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from tests.accounts.factories import committee_member
from tests.calls.factories import CallFactory, call_coordinator, paris
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory


def test_coordinator_creates_a_session_with_members(login):
    """Title, Paris date and time, place and members chosen among committee members."""
    call = CallFactory()
    drac = committee_member(first_name="Agnès", last_name="Drac")
    client = login(call_coordinator(call))
    form = client.get(reverse("committee:create", args=[call.slug]))
    assert "Agnès Drac" in form.text
    response = client.post(
        reverse("committee:create", args=[call.slug]),
        {
            "title": "Comité 2024",
            "meets_at": "2023-12-14T10:00",
            "place": "DRAC Toulouse",
            "members": [drac.pk],
        },
    )
    session = CommitteeSession.objects.get()
    assert response.status_code == 302
    assert session.meets_at == paris("2023-12-14 10:00:00")
    assert list(session.members.all()) == [drac]


def test_bad_date_keeps_what_was_typed(login):
    """An unreadable date: a French message, nothing created, the title kept."""
    call = CallFactory()
    response = login(call_coordinator(call)).post(
        reverse("committee:create", args=[call.slug]),
        {"title": "Comité 2024", "meets_at": "demain"},
    )
    assert response.status_code == 200
    assert "Indiquez une date et une heure" in response.text
    assert 'value="Comité 2024"' in response.text
    assert not CommitteeSession.objects.exists()


def test_agenda_moves_dossiers_to_committee(login):
    """Submitted dossiers put on the agenda are « en comité »; nothing selected is refused."""
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, state="submitted")
    client = login(call_coordinator(session.call))
    url = reverse("committee:add_dossiers", args=[session.pk])
    assert "Cochez au moins un dossier" in client.post(url, {}).text
    assert client.post(url, {"dossiers": [dossier.pk]}).status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.IN_COMMITTEE
    assert list(session.dossiers.all()) == [dossier]


def test_dossier_already_in_committee_joins_another_agenda_without_a_new_step():
    """A dossier on one session's agenda may be put on another: it stays « en comité » and its
    history gains no second « sent to committee » step."""
    first = CommitteeSessionFactory()
    dossier = DossierFactory(call=first.call, state="submitted")
    coordinator = call_coordinator(first.call)
    session_add_dossiers(session=first, by=coordinator, dossiers=[dossier])
    second = CommitteeSessionFactory(call=first.call)
    steps = dossier.transitions.count()
    dossier = Dossier.objects.get(pk=dossier.pk)
    session_add_dossiers(session=second, by=coordinator, dossiers=[dossier])
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.IN_COMMITTEE
    assert list(second.dossiers.all()) == [dossier]
    assert dossier.transitions.count() == steps
    assert dossier.transitions.last().details == {"session": first.pk}


def test_member_cannot_change_the_agenda_nor_close(login):
    """Only the coordination prepares and closes a session (403 for a member)."""
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, state="submitted")
    client = login(committee_member_of(session))
    url = reverse("committee:add_dossiers", args=[session.pk])
    assert client.post(url, {"dossiers": [dossier.pk]}).status_code == 403
    assert client.post(reverse("committee:close", args=[session.pk])).status_code == 403
    assert not CommitteeSession.objects.get(pk=session.pk).is_closed


def test_close_stops_opinions(login):
    """After closing, a member's opinion is refused with a message."""
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, state="in_committee")
    session.dossiers.add(dossier)
    member = committee_member_of(session)
    login(call_coordinator(session.call)).post(reverse("committee:close", args=[session.pk]))
    assert CommitteeSession.objects.get(pk=session.pk).is_closed
    response = login(member).get(reverse("committee:dossier", args=[session.pk, dossier.pk]))
    assert "La séance est close" in response.text


def _opinion(session, dossier, verdict, amount):
    Opinion.objects.create(
        session=session,
        dossier=dossier,
        member=committee_member_of(session),
        verdict=verdict,
        proposed_amount=amount,
    )


def test_page_tallies_opinions_and_compares_to_the_envelope(login):
    """Counts per verdict, each proposal, their mean; the sum of means against the envelope."""
    session = CommitteeSessionFactory(call__envelope=Decimal("6000.00"))
    first = DossierFactory(call=session.call, state="in_committee")
    second = DossierFactory(call=session.call, state="in_committee")
    session.dossiers.add(first, second)
    _opinion(session, first, "favourable", Decimal("4000"))
    _opinion(session, first, "reserved", Decimal("3000"))
    _opinion(session, second, "unfavourable", None)
    _opinion(session, second, "favourable", Decimal("2500"))
    response = login(call_coordinator(session.call)).get(
        reverse("committee:detail", args=[session.pk])
    )
    text = response.text
    assert format_euros(Decimal("3500")) in text  # mean for the first dossier
    assert text.count(format_euros(Decimal("6000"))) == 2  # 3 500 + 2 500, and the envelope
    assert format_euros(Decimal("0")) in text  # remaining
    assert "favorable : 1" in text and "réservé : 1" in text and "défavorable : 1" in text
    assert "éligible" in text


def test_missing_envelope_is_not_zero(login):
    """An envelope not set reads « non renseignée »."""
    session = CommitteeSessionFactory(call__envelope=None)
    response = login(call_coordinator(session.call)).get(
        reverse("committee:detail", args=[session.pk])
    )
    assert "non renseignée" in response.text


def test_minutes_print_as_pdf(login):
    """The minutes are a PDF; the page loads a print stylesheet."""
    session = CommitteeSessionFactory()
    session.dossiers.add(DossierFactory(call=session.call, state="in_committee"))
    client = login(committee_member_of(session))
    response = client.get(reverse("committee:minutes", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    page = client.get(reverse("committee:detail", args=[session.pk]))
    assert "committee-print.css" in page.text
    assert reverse("committee:minutes", args=[session.pk]) in page.text


@pytest.mark.parametrize("rows", [1, 10])
def test_session_page_query_count_is_fixed(login, django_assert_num_queries, rows):
    """1 or 10 dossiers with opinions: the same number of queries for a member."""
    session = CommitteeSessionFactory()
    member = committee_member_of(session)
    for _ in range(rows):
        dossier = DossierFactory(call=session.call, state="in_committee")
        session.dossiers.add(dossier)
        Opinion.objects.create(
            session=session, dossier=dossier, member=member, verdict="favourable"
        )
    client = login(member)
    with django_assert_num_queries(8):
        response = client.get(reverse("committee:detail", args=[session.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 10])
def test_coordinator_session_page_query_count_is_fixed(login, django_assert_num_queries, rows):
    """1 or 10 dossiers, each with its decision form: no query per row for what the summary
    leaves out (the frozen content, the texts) nor for the forms."""
    session = CommitteeSessionFactory()
    for _ in range(rows):
        session.dossiers.add(
            DossierFactory(call=session.call, state="in_committee", submitted_content={"a": 1})
        )
    client = login(call_coordinator(session.call))
    client.get(reverse("committee:detail", args=[session.pk]))
    with CaptureQueriesContext(connection) as one:
        response = client.get(reverse("committee:detail", args=[session.pk]))
    assert response.status_code == 200
    assert response.text.count('name="d') >= rows  # one decision form per dossier
    agenda = [
        q["sql"]
        for q in one.captured_queries
        if q["sql"].startswith('SELECT "dossiers_dossier"."id"')
        and "committee_committeesession_dossiers" in q["sql"]
    ]
    assert len(agenda) == 1
    assert '"dossiers_dossier"."reference"' in agenda[0]
    assert '"dossiers_dossier"."submitted_content"' not in agenda[0]
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("committee:detail", args=[session.pk]))
