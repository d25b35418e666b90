"""The project is a parcours: enough actions, mixing seeing (screenings) and doing (practice)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lanterne.core.choices import choice_label

from ..enums import ActionKind, RuleCode
from .base import FAIL, PASS, PENDING, Rule, non_negative_int_field


class Parcours(Rule):
    code = RuleCode.PARCOURS
    defaults = {"min_actions": 3, "voir_and_faire": True}

    def params_fields(self):
        return {
            "min_actions": non_negative_int_field(gettext_lazy("nombre minimum d'actions"), 100),
            "voir_and_faire": forms.BooleanField(
                label=gettext_lazy("le parcours doit associer le voir et le faire"),
                required=False,
            ),
        }

    def check(self, facts, params):
        minimum = int(params["min_actions"])
        actions = facts.actions
        if not actions:
            return PENDING, _("Aucune fiche action n'est encore saisie.")
        kinds = facts.action_kinds
        names = {"count": len(actions), "min": minimum}
        if len(actions) < minimum:
            return FAIL, ngettext(
                "Le parcours compte %(count)d action ; il en faut au moins %(min)d.",
                "Le parcours compte %(count)d actions ; il en faut au moins %(min)d.",
                len(actions),
            ) % names
        if params["voir_and_faire"] and kinds != {ActionKind.VOIR, ActionKind.FAIRE}:
            missing = ActionKind.FAIRE if ActionKind.VOIR in kinds else ActionKind.VOIR
            return FAIL, _(
                "Le parcours doit associer le voir et le faire ; il manque : %(kind)s."
            ) % {"kind": choice_label(ActionKind, missing)}
        return PASS, _(
            "Le parcours compte %(count)d actions et associe le voir et le faire."
        ) % names

    def describe(self, params):
        count = int(params["min_actions"])
        text = ngettext(
            "Le parcours compte au moins %(count)d action",
            "Le parcours compte au moins %(count)d actions",
            count,
        ) % {"count": count}
        if params["voir_and_faire"]:
            text += _(" et associe le voir (diffusion) et le faire (pratique)")
        return text + "."
