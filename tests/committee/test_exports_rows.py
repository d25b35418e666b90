"""What keeps the dossier exports' rows cheap: the verdict frozen at submission is read, not
recomputed; a dossier's parts are read grouped by chunk of dossiers, so that the queries do not
grow with the rows of a chunk; and the values are those of the dossier, chunk after chunk."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.calls.enums import MilestoneKind, RuleCode
from lanterne.committee import exports
from lanterne.committee.enums import Verdict
from lanterne.committee.models import Opinion
from lanterne.dossiers import content, eligibility
from lanterne.dossiers.models import Dossier
from tests.calls.factories import CallFactory, call_coordinator, paris
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory
from tests.territories.factories import CommuneFactory, RuralZoningFactory


def _rows(client, url) -> list[dict]:
    body = b"".join(client.get(url).streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body[1:]), delimiter=";"))


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert b"".join(client.get(url).streaming_content)
    return len(queries.captured_queries)


@pytest.fixture
def engine_calls(monkeypatch):
    """Every run of the eligibility engine, wherever it is called from."""
    calls = []
    original = eligibility.evaluate

    def spy(dossier, **kwargs):
        calls.append(dossier.pk)
        return original(dossier, **kwargs)

    monkeypatch.setattr(eligibility, "evaluate", spy)
    monkeypatch.setattr(content, "evaluate", spy)
    return calls


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_frozen_verdicts_are_read_and_the_engine_never_runs(login, engine_calls, fmt):
    """Submitted dossiers carry their verdict: the export reads it, the engine is not called."""
    call = CallFactory()
    DossierFactory.create_batch(3, call=call, state="submitted")
    engine_calls.clear()
    client = login(call_coordinator(call))
    response = client.get(reverse("calls:export", args=[call.slug, fmt]))
    assert b"".join(response.streaming_content)
    assert engine_calls == []


def test_a_dossier_never_frozen_is_evaluated_as_of_its_submission(login, engine_calls):
    """A dossier submitted before verdicts were kept is the only one the engine evaluates."""
    call = CallFactory(open_now=True)
    frozen = DossierFactory(call=call, state="submitted")
    older = DossierFactory(call=call, state="submitted")
    Dossier.objects.filter(pk=older.pk).update(submitted_eligibility=None)
    engine_calls.clear()
    rows = _rows(login(call_coordinator(call)), reverse("calls:export", args=[call.slug, "csv"]))
    assert engine_calls == [older.pk]
    by_reference = {row["Référence"]: row for row in rows}
    for dossier in (frozen, older):
        assert by_reference[dossier.reference]["Éligibilité"] == "éligible"
        assert by_reference[dossier.reference][str(RuleCode.GRANT_CEILING.label)] == "respecté"


def test_the_frozen_verdict_is_shown_even_when_the_rules_changed(login):
    """The export says what the committee judges: the verdict as submitted, its statuses."""
    call = CallFactory(open_now=True)
    dossier = DossierFactory(call=call, state="submitted")
    kept = dossier.submitted_eligibility
    for rule in kept["rules"]:
        if rule["code"] == RuleCode.GRANT_CEILING:
            rule["status"] = "fail"
    kept["eligible"] = False
    Dossier.objects.filter(pk=dossier.pk).update(submitted_eligibility=kept)
    [row] = _rows(login(call_coordinator(call)), reverse("calls:export", args=[call.slug, "csv"]))
    assert row["Éligibilité"] == f"non éligible : {RuleCode.GRANT_CEILING.label}"
    assert row[str(RuleCode.GRANT_CEILING.label)] == "non respecté"


def test_a_rows_parts_are_its_own(login):
    """Communes in order with the scheme in force when the call's actions start, QPVs, actions,
    budget, opinions and the amount granted: each dossier gets its own, none of another's."""
    call = CallFactory()
    session = CommitteeSessionFactory(call=call)
    first = DossierFactory(call=call, state="in_committee")
    second = DossierFactory(call=call, state="accepted")
    rural = CommuneFactory(name="Aaron-sur-Lot")
    RuralZoningFactory(commune=rural, zrr=True)
    RuralZoningFactory(commune=rural, frr=True)
    first.communes.add(rural)
    member = committee_member_of(session)
    other = committee_member_of(session)
    for who, verdict, amount in (
        (member, Verdict.FAVOURABLE, Decimal("3000.00")),
        (other, Verdict.FAVOURABLE, Decimal("500.50")),
    ):
        Opinion.objects.create(
            session=session, dossier=first, member=who, verdict=verdict, proposed_amount=amount
        )
    rows = {
        row["Référence"]: row
        for row in _rows(
            login(call_coordinator(call)), reverse("calls:export", args=[call.slug, "csv"])
        )
    }
    one, two = rows[first.reference], rows[second.reference]
    assert one["Communes"].startswith("Aaron-sur-Lot (")
    # The call's actions start on 1 February 2024, under the ZRR classification.
    assert one["ZRR / FRR au début des actions"] == "Aaron-sur-Lot : ZRR"
    assert two["ZRR / FRR au début des actions"] == ""
    assert one["QPV"] == first.qpvs.get().code and two["QPV"] == second.qpvs.get().code
    assert one["Actions voir"] == "2" and one["Actions faire"] == "1"
    assert one["Budget total (€)"] == "10000,00" == two["Budget total (€)"]
    assert one["Avis favorables"] == "2" and two["Avis favorables"] == "0"
    assert one["Total des montants proposés (€)"] == "3500,50"
    assert two["Total des montants proposés (€)"] == "0,00"
    assert one["Montant attribué (€)"] == "" and two["Montant attribué (€)"] == "4000,00"
    assert one["État"] == "en comité" and two["État"] == "retenu"


def test_rural_zoning_read_on_the_day_the_actions_start(login):
    """A commune classified ZRR until 30 June 2024, then FRR, is shown FRR for actions starting
    after."""
    call = CallFactory(year=2024)
    actions = call.milestones.get(kind=MilestoneKind.ACTIONS)
    actions.starts_at = paris("2024-09-16 09:00:00")
    actions.save()
    dossier = DossierFactory(call=call, state="submitted")
    rural = CommuneFactory(name="Bourg")
    RuralZoningFactory(commune=rural, zrr=True)
    RuralZoningFactory(commune=rural, frr=True)
    dossier.communes.add(rural)
    [row] = _rows(login(call_coordinator(call)), reverse("calls:export", args=[call.slug, "csv"]))
    assert row["ZRR / FRR au début des actions"] == "Bourg : FRR"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_queries_do_not_grow_with_the_rows_nor_their_parts(login, fmt):
    """Ten times the dossiers, with communes, zonings and opinions: the same queries."""
    call = CallFactory()
    session = CommitteeSessionFactory(call=call)
    member = committee_member_of(session)

    def add(n):
        for dossier in DossierFactory.create_batch(n, call=call, state="in_committee"):
            commune = CommuneFactory()
            RuralZoningFactory(commune=commune, frr=True)
            dossier.communes.add(commune)
            Opinion.objects.create(
                session=session, dossier=dossier, member=member, verdict=Verdict.RESERVED
            )

    add(1)
    client = login(call_coordinator(call))
    url = reverse("calls:export", args=[call.slug, fmt])
    _count(client, url)  # warm the session and scope
    small = _count(client, url)
    add(9)
    assert _count(client, url) == small


def test_chunks_add_queries_never_rows(login, monkeypatch):
    """Rows read over several chunks are those of one chunk; each chunk costs the same
    handful of queries."""
    call = CallFactory()
    DossierFactory.create_batch(5, call=call, state="submitted")
    client = login(call_coordinator(call))
    url = reverse("calls:export", args=[call.slug, "csv"])
    _count(client, url)
    whole = _rows(client, url)
    one_chunk = _count(client, url)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)  # 3 chunks: 2 + 2 + 1
    assert _rows(client, url) == whole
    three_chunks = _count(client, url)
    per_chunk = (three_chunks - one_chunk) / 2
    # The chunk's dossiers, then their communes, zonings, QPVs, actions, budget, opinions.
    assert per_chunk == 7


def test_every_call_export_costs_the_same_for_more_calls(login):
    """Three times the calls managed: the same queries (one insert for all their trail lines)."""
    from lanterne.core.models import AuditEvent

    first = CallFactory()
    coordinator = call_coordinator(first)
    url = reverse("calls:export_all", args=["csv"])

    def more_calls(n):
        for _ in range(n):
            call = CallFactory(region=first.region, coordination=first.coordination)
            DossierFactory(call=call, state="submitted")

    more_calls(1)
    client = login(coordinator)
    _count(client, url)
    small = _count(client, url)
    more_calls(4)
    before = AuditEvent.objects.count()
    assert _count(client, url) == small
    assert AuditEvent.objects.count() - before == 6
