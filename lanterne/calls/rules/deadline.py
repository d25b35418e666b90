"""The dossier is submitted by its deadline (the call's, or the extension granted to it)."""

from django.utils.translation import gettext as _

from lanterne.core.money import format_moment

from ..enums import RuleCode
from .base import FAIL, PASS, PENDING, Rule


class Deadline(Rule):
    code = RuleCode.DEADLINE

    def check(self, facts, params):
        dossier = facts.dossier
        deadline = dossier.effective_deadline()
        if deadline is None:
            return PENDING, _("L'appel n'a pas encore de date limite.")
        moment = dossier.submitted_at or facts.at
        extended = dossier.extended_until is not None and deadline == dossier.extended_until
        names = {"deadline": format_moment(deadline)}
        if moment > deadline:
            return FAIL, _("La date limite de dépôt était le %(deadline)s.") % names
        if extended:
            return PASS, _("Délai accordé par la coordination jusqu'au %(deadline)s.") % names
        return PASS, _("Dépôt possible jusqu'au %(deadline)s.") % names

    def describe(self, params):
        return _("Le dossier est déposé avant la date limite.")
