"""The content of a dossier ready for display: one shape for the live draft and the frozen
submission (both are `content.dossier_content` dicts), read by the page and the PDFs."""

import datetime
from decimal import Decimal

from lanterne.calls.enums import Funder
from lanterne.dossiers.content import relabeled


def _day(value):
    return datetime.date.fromisoformat(value) if value else None


def _money(value):
    return Decimal(value) if value not in (None, "") else None


def for_display(content: dict) -> dict:
    """A copy of `content` with its labels in the reader's language (from its codes), dates as
    dates, amounts as Decimals, totals and balance."""
    content = relabeled(content)
    shown = dict(content)
    shown["first_contact_on"] = _day(content.get("first_contact_on"))
    shown["actions"] = [
        {**a, "starts_on": _day(a.get("starts_on")), "ends_on": _day(a.get("ends_on"))}
        for a in content.get("actions", [])
    ]
    budget = content.get("budget", {})
    expenses = [{**line, "amount": _money(line["amount"])} for line in budget.get("expenses", [])]
    resources = [{**line, "amount": _money(line["amount"])} for line in budget.get("resources", [])]
    total_expenses = _money(budget.get("total_expenses")) or Decimal(0)
    total_resources = _money(budget.get("total_resources")) or Decimal(0)
    drac = sum((line["amount"] for line in resources if line["funder"] == Funder.DRAC), Decimal(0))
    shown["budget"] = {
        "expenses": expenses,
        "resources": resources,
        "total_expenses": total_expenses,
        "total_resources": total_resources,
        "balance": total_resources - total_expenses,
        "drac_request": drac,
        "structure_budget_total": _money(budget.get("structure_budget_total")),
    }
    return shown
