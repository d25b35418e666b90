"""A dossier's budget totals: one Python function over its lines, the twin of the
`with_budget_totals` annotation."""

from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from lanterne.calls.enums import Funder
from lanterne.dossiers.enums import BudgetSide
from lanterne.dossiers.selectors import budget_totals


def _line(side, amount, funder=""):
    return SimpleNamespace(side=side, amount=Decimal(amount), funder=funder)


def test_totals_by_side_and_funder():
    """Expenses and resources are summed apart; each funder's request is its resources."""
    totals = budget_totals(
        [
            _line(BudgetSide.EXPENSE, "1200.50"),
            _line(BudgetSide.EXPENSE, "300"),
            _line(BudgetSide.RESOURCE, "800", Funder.DRAC),
            _line(BudgetSide.RESOURCE, "200.25", Funder.DRAC),
            _line(BudgetSide.RESOURCE, "400", Funder.OWN_FUNDS),
        ]
    )
    assert totals.expenses == Decimal("1500.50")
    assert totals.resources == Decimal("1400.25")
    assert totals.balance == Decimal("-100.25")
    assert totals.request_to(Funder.DRAC) == Decimal("1000.25")
    assert totals.has_expenses and totals.has_resources


def test_no_lines_is_zero_and_asks_nobody():
    """An empty budget sums to zero and asks nothing of any funder."""
    totals = budget_totals([])
    assert (totals.expenses, totals.resources) == (Decimal(0), Decimal(0))
    assert not totals.has_expenses and not totals.has_resources
    assert totals.request_to(Funder.DRAC) == Decimal(0)
    assert totals.by_funder == {}


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)


@given(st.lists(st.tuples(st.sampled_from(list(BudgetSide)), amounts), max_size=20))
def test_sides_add_up(lines):
    """Whatever the lines, expenses + resources is the sum of every amount (exact Decimals)."""
    totals = budget_totals([_line(side, amount, Funder.DRAC) for side, amount in lines])
    assert totals.expenses + totals.resources == sum((a for _s, a in lines), Decimal(0))
    assert totals.request_to(Funder.DRAC) == totals.resources
