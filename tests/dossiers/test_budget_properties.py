"""Budget arithmetic is exact: the engine's totals and the DRAC share are computed from the
Decimal amounts, whatever they are, and the ceiling/share decisions match exact arithmetic."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from lanterne.calls.enums import Funder, RuleCode
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import BudgetSide
from lanterne.dossiers.models import BudgetLine, Dossier
from tests.dossiers.factories import DossierFactory

cents = st.integers(min_value=0, max_value=2_000_000).map(lambda c: Decimal(c) / 100)


@settings(max_examples=25, deadline=None)
@given(
    expenses=st.lists(cents, min_size=1, max_size=5), drac=cents, others=st.lists(cents, max_size=4)
)
def test_totals_share_and_balance_are_exact(expenses, drac, others):
    dossier = DossierFactory(complete=True)
    dossier.budget_lines.all().delete()
    for amount in expenses:
        BudgetLine.objects.create(
            dossier=dossier, side=BudgetSide.EXPENSE, category="other", label="d", amount=amount
        )
    BudgetLine.objects.create(
        dossier=dossier, side=BudgetSide.RESOURCE, funder=Funder.DRAC, label="DRAC", amount=drac
    )
    for amount in others:
        BudgetLine.objects.create(
            dossier=dossier,
            side=BudgetSide.RESOURCE,
            funder=Funder.COMMUNE,
            label="c",
            amount=amount,
        )
    loaded = Dossier.objects.for_content().get(pk=dossier.pk)
    results = {r.code: r.status for r in evaluate(loaded, at=loaded.call.deadline).results}
    total_expenses = sum(expenses, Decimal(0))
    total_resources = drac + sum(others, Decimal(0))

    assert results[RuleCode.GRANT_CEILING] == ("pass" if drac <= Decimal("5000") else "fail")
    if total_expenses:
        assert results[RuleCode.GRANT_SHARE] == (
            "pass" if drac * 100 <= 60 * total_expenses else "fail"
        )
    else:
        assert results[RuleCode.GRANT_SHARE] == "pending"
    assert results[RuleCode.BUDGET_BALANCED] == (
        "pass" if total_expenses == total_resources else "fail"
    )
    totals = Dossier.objects.with_budget_totals().get(pk=dossier.pk)
    assert totals.total_expenses == total_expenses
    assert totals.total_resources == total_resources
    assert totals.drac_request == drac
