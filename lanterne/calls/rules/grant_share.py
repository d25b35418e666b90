"""The request to a funder is at most a share of the project's total budget."""

from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanterne.core.forms import TypedDecimalField
from lanterne.core.money import (
    CENT,
    format_euros,
    format_limit_percent,
    format_percent_against,
)

from ..enums import Funder, RuleCode
from .base import FAIL, PASS, PENDING, Rule, decimal_or_none, decimal_param, funder_field
from .base import funder_label as _funder_label


class GrantShare(Rule):
    code = RuleCode.GRANT_SHARE
    defaults = {"funder": Funder.DRAC.value, "max_percent": "60"}

    def params_fields(self):
        return {
            "funder": funder_field(),
            "max_percent": TypedDecimalField(
                label=gettext_lazy("part maximum du budget total (%)"),
                max_digits=5,
                decimal_places=2,
                validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
            ),
        }

    def check(self, facts, params):
        funder = params["funder"]
        max_percent = decimal_param(params, "max_percent")
        request = facts.funder_request(funder)
        limit = Fraction(max_percent) / 100
        names = {"funder": _funder_label(funder), "max": format_limit_percent(limit)}
        if request is None or not facts.expenses:
            return PENDING, _(
                "La part de « %(funder)s » se calcule quand le budget a des dépenses et une "
                "demande."
            ) % names
        # The largest request within the limit, to the cent below: what the applicant may ask.
        allowed = (max_percent * facts.expenses / 100).quantize(CENT, rounding=ROUND_DOWN)
        names.update(
            share=format_percent_against(Fraction(request) / Fraction(facts.expenses), limit),
            total=format_euros(facts.expenses),
            request=format_euros(request),
            allowed=format_euros(allowed),
        )
        # Exact comparison, no rounding: request / total <= max% ⇔ request × 100 <= max × total.
        if request * 100 > max_percent * facts.expenses:
            names["over"] = format_euros(request - allowed)
            return FAIL, _(
                "La demande à « %(funder)s » (%(request)s) représente %(share)s du budget total "
                "(%(total)s) ; le maximum est %(max)s, soit %(allowed)s : %(over)s de trop."
            ) % names
        return PASS, _(
            "La demande à « %(funder)s » (%(request)s) représente %(share)s du budget total "
            "(%(total)s), dans la limite de %(max)s, soit %(allowed)s."
        ) % names

    def describe(self, params):
        percent = decimal_or_none(params.get("max_percent"))
        return _("Subvention demandée à « %(funder)s » : %(percent)s au plus du budget total.") % {
            "funder": _funder_label(params["funder"]),
            "percent": format_limit_percent(percent / 100) if percent is not None else "—",
        }
