"""The public is of the call's ages, or (if the call says so) far from cultural practice."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..enums import RuleCode
from .base import FAIL, PASS, PENDING, Rule, non_negative_int_field


class Public(Rule):
    code = RuleCode.PUBLIC
    defaults = {"min_age": 12, "max_age": 25, "far_from_culture_qualifies": True}

    def params_fields(self):
        return {
            "min_age": non_negative_int_field(gettext_lazy("âge minimum"), 120),
            "max_age": non_negative_int_field(gettext_lazy("âge maximum"), 120),
            "far_from_culture_qualifies": forms.BooleanField(
                label=gettext_lazy(
                    "un public éloigné des pratiques culturelles suffit, quel que soit l'âge"
                ),
                required=False,
            ),
        }

    def clean_together(self, params):
        low, high = params.get("min_age"), params.get("max_age")
        if low is not None and high is not None and high < low:
            raise ValidationError(
                {"max_age": _("L'âge maximum doit être supérieur ou égal au minimum.")}
            )

    def check(self, facts, params):
        dossier = facts.dossier
        low, high = int(params["min_age"]), int(params["max_age"])
        names = {"low": low, "high": high}
        far_qualifies = params["far_from_culture_qualifies"]
        if far_qualifies and dossier.far_from_culture:
            return PASS, _("Le public est éloigné des pratiques culturelles.")
        if dossier.age_min is None or dossier.age_max is None:
            return PENDING, _(
                "Indiquez l'âge des participant·es (tranche %(low)d–%(high)d ans)."
            ) % names
        names.update(min=dossier.age_min, max=dossier.age_max)
        if dossier.age_min <= high and dossier.age_max >= low:
            return PASS, _(
                "Le public (%(min)d–%(max)d ans) est dans la tranche %(low)d–%(high)d ans."
            ) % names
        if far_qualifies:
            return FAIL, _(
                "Le public (%(min)d–%(max)d ans) n'est pas dans la tranche %(low)d–%(high)d ans "
                "et n'est pas déclaré éloigné des pratiques culturelles."
            ) % names
        return FAIL, _(
            "Le public (%(min)d–%(max)d ans) n'est pas dans la tranche %(low)d–%(high)d ans."
        ) % names

    def describe(self, params):
        text = _("Le public a entre %(low)s et %(high)s ans") % {
            "low": params["min_age"],
            "high": params["max_age"],
        }
        if params["far_from_culture_qualifies"]:
            text += _(" ou est éloigné des pratiques culturelles")
        return text + "."
