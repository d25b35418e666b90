"""A list of dossiers prefetches their partners, budget lines, actions and documents from their
own tables, in their order within each dossier: ordering them "by dossier" would join every
dossier and sort on the dossiers' own ordering, for rows that a prefetch groups by dossier
anyway."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanterne.dossiers.models import BudgetLine, Dossier, Partner
from tests.calls.factories import CallFactory
from tests.dossiers.factories import DossierFactory

PART_TABLES = [
    '"dossiers_partner"',
    '"dossiers_budgetline"',
    '"dossiers_plannedaction"',
    '"dossiers_dossierdocument"',
    '"calls_callrule"',
    '"calls_requireddocument"',
]


def test_parts_are_read_without_joining_their_dossier_or_call():
    """Each part's prefetch reads its own table only (no join with the dossiers or calls)."""
    call = CallFactory()
    DossierFactory(call=call, complete=True)
    DossierFactory(call=call, complete=True)
    with CaptureQueriesContext(connection) as captured:
        list(Dossier.objects.filter(call=call).for_eligibility())
    reads = {
        table: [q["sql"] for q in captured if f"FROM {table}" in q["sql"]] for table in PART_TABLES
    }
    assert all(len(sqls) == 1 for sqls in reads.values()), reads
    for sqls in reads.values():
        assert "JOIN" not in sqls[0]


def test_parts_keep_their_order_within_the_dossier():
    """Budget lines come by side then creation, partners by creation, as their models say."""
    dossier = DossierFactory()
    resource = BudgetLine.objects.create(
        dossier=dossier, side="resource", funder="region", label="r", amount=1
    )
    expense = BudgetLine.objects.create(
        dossier=dossier, side="expense", category="other", label="e", amount=1
    )
    first = Partner.objects.create(dossier=dossier, role="other", name="premier")
    second = Partner.objects.create(dossier=dossier, role="other", name="second")
    (fetched,) = Dossier.objects.filter(pk=dossier.pk).for_eligibility()
    lines = [line for line in fetched.budget_lines.all() if line.pk in (resource.pk, expense.pk)]
    assert [line.pk for line in lines] == [expense.pk, resource.pk]
    partners = [p for p in fetched.partners.all() if p.pk in (first.pk, second.pk)]
    assert [p.pk for p in partners] == [first.pk, second.pk]
