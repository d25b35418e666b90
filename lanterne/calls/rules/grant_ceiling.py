"""The DRAC (or another funder) is asked no more than a ceiling."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanterne.core.forms import EurosField
from lanterne.core.money import format_euros

from ..enums import Funder, RuleCode
from .base import FAIL, PASS, PENDING, Rule, decimal_or_none, decimal_param, funder_field
from .base import funder_label as _funder_label


class GrantCeiling(Rule):
    code = RuleCode.GRANT_CEILING
    defaults = {"funder": Funder.DRAC.value, "max_amount": "5000.00"}

    def params_fields(self):
        return {
            "funder": funder_field(),
            "max_amount": EurosField(
                label=gettext_lazy("montant maximum demandé (€)"), min_value=Decimal("0")
            ),
        }

    def check(self, facts, params):
        funder = params["funder"]
        ceiling = decimal_param(params, "max_amount")
        request = facts.funder_request(funder)
        names = {"funder": _funder_label(funder), "ceiling": format_euros(ceiling)}
        if request is None:
            return PENDING, _(
                "Aucune demande à « %(funder)s » n'est encore inscrite au budget."
            ) % names
        names["request"] = format_euros(request)
        if request > ceiling:
            return FAIL, _(
                "La demande à « %(funder)s » est de %(request)s, le plafond est de %(ceiling)s."
            ) % names
        return PASS, _(
            "La demande à « %(funder)s » (%(request)s) ne dépasse pas le plafond de %(ceiling)s."
        ) % names

    def describe(self, params):
        return _("Subvention demandée à « %(funder)s » : %(amount)s au plus par porteur.") % {
            "funder": _funder_label(params["funder"]),
            "amount": format_euros(decimal_or_none(params.get("max_amount"))),
        }
