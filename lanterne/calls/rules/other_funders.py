"""Other funders than those named take part in the project."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..enums import Funder, RuleCode
from .base import FAIL, PASS, PENDING, Rule, non_negative_int_field
from .base import funder_label as _funder_label


class OtherFunders(Rule):
    code = RuleCode.OTHER_FUNDERS
    defaults = {"min_funders": 1, "not_counted": [Funder.DRAC.value, Funder.OWN_FUNDS.value]}

    def params_fields(self):
        return {
            "min_funders": non_negative_int_field(
                gettext_lazy("nombre minimum d'autres financeurs"), 20
            ),
            "not_counted": forms.MultipleChoiceField(
                label=gettext_lazy("financeurs qui ne comptent pas comme « autres »"),
                choices=Funder.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            ),
        }

    def check(self, facts, params):
        minimum = int(params["min_funders"])
        not_counted = set(params["not_counted"])
        others = sorted(
            f for f, amount in facts.by_funder.items() if f not in not_counted and amount
        )
        if not facts.has_resources:
            return PENDING, _("Les ressources du projet ne sont pas encore saisies.")
        if len(others) < minimum:
            return FAIL, ngettext(
                "Le projet doit associer au moins %(count)d autre financeur ; aucun n'est inscrit.",
                "Le projet doit associer au moins %(count)d autres financeurs ; "
                "%(found)d seulement sont inscrits.",
                minimum,
            ) % {"count": minimum, "found": len(others)}
        return PASS, _("Autres financeurs : %(funders)s.") % {
            "funders": ", ".join(_funder_label(f) for f in others)
        }

    def describe(self, params):
        count = int(params["min_funders"])
        not_counted = ", ".join(_funder_label(f) for f in params["not_counted"])
        text = ngettext(
            "Au moins %(count)d autre financeur doit participer au projet.",
            "Au moins %(count)d autres financeurs doivent participer au projet.",
            count,
        ) % {"count": count}
        if not_counted:
            text += " " + _("Ne comptent pas : %(funders)s.") % {"funders": not_counted}
        return text
