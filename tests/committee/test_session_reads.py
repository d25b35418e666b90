"""What keeps the committee's pages cheap: the verdict frozen at submission is read (the engine
runs only for a dossier never frozen), the rows read only what they show, a longer agenda costs
no more queries, and the coordination's blank decision forms are one form rendered once."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.calls.enums import RuleCode
from lanterne.committee.models import Opinion
from lanterne.dossiers import content
from lanterne.dossiers.models import Dossier
from lanterne.www.committee.forms import DecisionForm
from lanterne.www.committee.views import ROW_KEY
from tests.calls.factories import call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory

# Tables the eligibility engine reads and the frozen verdict does not.
ENGINE_TABLES = (
    "dossiers_partner",
    "dossiers_plannedaction",
    "calls_callrule",
    "territories_qpv",
    "territories_ruralzoning",
)


def _session_with(rows: int, *, members: int = 2):
    """A session with `rows` dossiers in committee, each with an opinion of every member."""
    session = CommitteeSessionFactory()
    seated = [committee_member_of(session) for _ in range(members)]
    for index in range(rows):
        dossier = DossierFactory(call=session.call, state="in_committee")
        session.dossiers.add(dossier)
        for member in seated:
            Opinion.objects.create(
                session=session,
                dossier=dossier,
                member=member,
                verdict="favourable",
                proposed_amount=Decimal(1000 + index),
            )
    return session, seated


def _engine_must_not_run(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the engine ran for a dossier whose verdict is frozen")

    monkeypatch.setattr(content, "evaluate", refuse)


def _queries(client, url) -> list[str]:
    client.get(url)  # the session's first request writes its "last seen" stamp
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_session_page_reads_the_frozen_verdicts_not_the_engine(login, monkeypatch):
    """The summary of frozen dossiers never runs the engine nor reads what it reads."""
    session, (member, _other) = _session_with(3)
    _engine_must_not_run(monkeypatch)
    client = login(member)
    queries = _queries(client, reverse("committee:detail", args=[session.pk]))
    assert not [sql for sql in queries if any(table in sql for table in ENGINE_TABLES)]
    agenda = [sql for sql in queries if "committee_committeesession_dossiers" in sql]
    assert not [sql for sql in agenda if '"dossiers_dossier"."submitted_content"' in sql]
    assert not [sql for sql in queries if 'FROM "dossiers_budgetline"' in sql]  # summed in SQL
    assert "éligible" in client.get(reverse("committee:detail", args=[session.pk])).text


@pytest.mark.parametrize("kind", ["member", "coordinator"])
def test_longer_agenda_same_queries(login, kind):
    """Twelve dossiers with two opinions each cost the queries of two, for a member and for the
    coordination (whose page adds the decision forms and the agenda form)."""
    counts = []
    for rows in (2, 12):
        session, (member, _other) = _session_with(rows)
        # Dossiers waiting for the agenda: more of them, no more queries.
        for _ in range(rows):
            DossierFactory(call=session.call, state="submitted")
        user = member if kind == "member" else call_coordinator(session.call)
        queries = _queries(login(user), reverse("committee:detail", args=[session.pk]))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_dossier_never_frozen_is_evaluated(login):
    """A dossier on the agenda without a frozen verdict (one submitted before verdicts were
    kept) still shows its eligibility, evaluated by the engine, on both pages."""
    session, (member, _other) = _session_with(1)
    dossier = session.dossiers.get()
    Dossier.objects.filter(pk=dossier.pk).update(submitted_eligibility=None)
    client = login(member)
    summary = client.get(reverse("committee:detail", args=[session.pk])).text
    page = client.get(reverse("committee:dossier", args=[session.pk, dossier.pk])).text
    evaluated = content.verdict_at_submission(Dossier.objects.for_eligibility().get(pk=dossier.pk))
    assert f"<td>{evaluated.summary()}</td>" in summary
    assert str(RuleCode.GRANT_CEILING.label) in page and "respecté" in page


def test_dossier_page_reads_the_frozen_submission(login, monkeypatch):
    """A member's dossier page shows the frozen verdict without the engine's parts; another
    dossier of a longer agenda costs the same queries."""
    session, (member, _other) = _session_with(3)
    _engine_must_not_run(monkeypatch)
    client = login(member)
    first, *_middle, last = session.dossiers.order_by("pk")
    queries = _queries(client, reverse("committee:dossier", args=[session.pk, first.pk]))
    assert not [sql for sql in queries if any(table in sql for table in ENGINE_TABLES)]
    page = client.get(reverse("committee:dossier", args=[session.pk, last.pk])).text
    assert str(RuleCode.GRANT_CEILING.label) in page and "respecté" in page
    again = _queries(client, reverse("committee:dossier", args=[session.pk, last.pk]))
    assert len(again) == len(queries)


def test_each_row_gets_the_blank_form_under_its_own_key(login):
    """Every decidable row has a blank decision form named and numbered as
    `DecisionForm(prefix=f"d{pk}")` renders it, and nothing of the shared rendering's key."""
    session, _members = _session_with(2)
    client = login(call_coordinator(session.call))
    page = client.get(reverse("committee:detail", args=[session.pk])).text
    assert ROW_KEY not in page
    for dossier in session.dossiers.all():
        form = DecisionForm(prefix=f"d{dossier.pk}")
        for name in ("decision", "amount", "reason"):
            assert f'name="{form[name].html_name}"' in page
        assert f'id="{form["decision"].auto_id}_0"' in page
        assert f'for="{form["amount"].id_for_label}"' in page


def test_a_refused_decision_keeps_what_was_typed_the_other_rows_stay_blank(login):
    """The form sent back with its error keeps the reason typed; the other rows are blank."""
    session, _members = _session_with(2)
    first, second = session.dossiers.order_by("pk")
    client = login(call_coordinator(session.call))
    response = client.post(
        reverse("committee:decide", args=[session.pk, first.pk]),
        {f"d{first.pk}-decision": "accepted", f"d{first.pk}-reason": "Très bon projet"},
    )
    assert response.status_code == 200
    assert 'value="Très bon projet"' in response.text
    assert re.search(rf'name="d{first.pk}-decision" value="accepted"[^>]*checked', response.text)
    assert f'name="d{second.pk}-reason"' in response.text
    assert not re.search(rf'name="d{second.pk}-decision"[^>]*checked', response.text)


def test_agenda_checkboxes_are_the_fields_own(login):
    """The agenda's checkboxes carry the field's name, ids and labels; after a refused
    request, the dossiers ticked stay ticked."""
    session, _members = _session_with(1)
    waiting = [DossierFactory(call=session.call, state="submitted") for _ in range(2)]
    client = login(call_coordinator(session.call))
    page = client.get(reverse("committee:detail", args=[session.pk])).text
    first, second = sorted(waiting, key=lambda dossier: dossier.reference)
    assert (
        f'<input type="checkbox" name="dossiers" value="{first.pk}" class="form-check-input" '
        'id="id_dossiers_0">'
    ) in page
    assert f'<label class="form-check-label" for="id_dossiers_1">{second}</label>' in page
    refused = client.post(
        reverse("committee:add_dossiers", args=[session.pk]), {"dossiers": [second.pk, 0]}
    ).text
    assert f'value="{second.pk}" class="form-check-input" id="id_dossiers_1" checked>' in refused
    assert f'value="{first.pk}" class="form-check-input" id="id_dossiers_0">' in refused
