"""The project's budget is balanced: expenses equal resources, to the cent."""

from django.utils.translation import gettext as _

from lanterne.core.money import format_euros

from ..enums import RuleCode
from .base import FAIL, PASS, PENDING, Rule


class BudgetBalanced(Rule):
    code = RuleCode.BUDGET_BALANCED

    def check(self, facts, params):
        if not (facts.has_expenses and facts.has_resources):
            return PENDING, _("Le budget s'évalue quand dépenses et ressources sont saisies.")
        names = {
            "expenses": format_euros(facts.expenses),
            "resources": format_euros(facts.resources),
        }
        if facts.expenses != facts.resources:
            names["gap"] = format_euros(abs(facts.expenses - facts.resources))
            return FAIL, _(
                "Les dépenses (%(expenses)s) et les ressources (%(resources)s) diffèrent de "
                "%(gap)s."
            ) % names
        return PASS, _(
            "Le budget est équilibré : %(expenses)s de dépenses et de ressources."
        ) % names

    def describe(self, params):
        return _("Le budget du projet est équilibré : dépenses et ressources sont égales.")
