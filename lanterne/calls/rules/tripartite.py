"""The partnership brings together the kinds of structures the call asks for."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanterne.core.choices import choice_label
from lanterne.core.typography import listed

from ..enums import PartnerRole, RuleCode
from .base import FAIL, PASS, PENDING, Rule


class Tripartite(Rule):
    code = RuleCode.TRIPARTITE
    defaults = {
        "roles": [
            PartnerRole.CULTURAL.value,
            PartnerRole.PUBLIC_SUPPORT.value,
            PartnerRole.DIFFUSION.value,
        ]
    }

    def params_fields(self):
        return {
            "roles": forms.MultipleChoiceField(
                label=gettext_lazy("types de partenaires obligatoires"),
                choices=PartnerRole.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            ),
        }

    def check(self, facts, params):
        required = params["roles"] or []
        if not facts.partner_roles:
            return PENDING, _("Aucun partenaire n'est encore déclaré.")
        missing = [role for role in required if role not in facts.partner_roles]
        if missing:
            return FAIL, _("Il manque : %(roles)s.") % {
                "roles": listed(choice_label(PartnerRole, role) for role in missing)
            }
        return PASS, _("Le partenariat associe les %(count)d types de structures demandés.") % {
            "count": len(required)
        }

    def describe(self, params):
        roles = listed(choice_label(PartnerRole, r) for r in params["roles"] or [])
        return _("Le projet associe au moins : %(roles)s.") % {"roles": roles or "—"}
