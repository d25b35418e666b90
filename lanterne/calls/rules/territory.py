"""The project reaches a priority territory: a QPV, or a commune classified ZRR or FRR at the
start of the call's actions."""

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanterne.core.money import format_day

from ..enums import RuleCode
from .base import FAIL, PASS, PENDING, Rule


def territory_reference_date(call) -> datetime.date:
    """The day at which rural zoning is read: the start of the call's actions period."""
    return call.actions_start or datetime.date(call.year, 1, 1)


class Territory(Rule):
    code = RuleCode.TERRITORY
    defaults = {"qpv": True, "rural": True}

    def params_fields(self):
        return {
            "qpv": forms.BooleanField(label=gettext_lazy("un QPV suffit"), required=False),
            "rural": forms.BooleanField(
                label=gettext_lazy("une commune ZRR ou FRR suffit"), required=False
            ),
        }

    def check(self, facts, params):
        dossier = facts.dossier
        day = territory_reference_date(facts.call)
        qpvs = list(dossier.qpvs.all()) if params["qpv"] else []
        communes = list(dossier.communes.all())
        if not qpvs and not communes:
            return PENDING, _("Indiquez les communes et, le cas échéant, les QPV concernés.")
        if qpvs:
            return PASS, _("Le projet concerne le QPV %(qpv)s.") % {"qpv": qpvs[0]}
        if params["rural"]:
            for commune in communes:
                zoning = commune.rural_priority_on(day)
                if zoning is not None:
                    return PASS, _("%(commune)s est classée %(scheme)s au %(day)s.") % {
                        "commune": commune.name,
                        "scheme": zoning.get_scheme_display(),
                        "day": format_day(day),
                    }
        return FAIL, _(
            "Aucun QPV n'est déclaré et aucune commune du projet n'est classée ZRR ou FRR au "
            "%(day)s (début des actions)."
        ) % {"day": format_day(day)}

    def describe(self, params):
        options = []
        if params["qpv"]:
            options.append(_("au moins un quartier prioritaire (QPV)"))
        if params["rural"]:
            options.append(_("au moins une commune classée ZRR ou FRR au début des actions"))
        return _("Le projet concerne %(options)s.") % {
            "options": _(" ou ").join(str(o) for o in options) or "—"
        }
