"""The applicant contacted the coordination before the day the call's calendar sets."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lanterne.core.money import format_day

from ..enums import MilestoneKind, RuleCode
from .base import FAIL, PASS, PENDING, Rule


class FirstContact(Rule):
    code = RuleCode.FIRST_CONTACT

    def check(self, facts, params):
        milestone = facts.call.milestone(MilestoneKind.FIRST_CONTACT)
        if milestone is None:
            return PASS, _("L'appel ne demande pas de prise de contact préalable.")
        limit = timezone.localdate(milestone.starts_at)
        contacted = facts.dossier.first_contact_on
        names = {"limit": format_day(limit)}
        if contacted is None:
            return PENDING, _(
                "Indiquez la date de votre prise de contact avec la coordination (avant le "
                "%(limit)s)."
            ) % names
        names["contacted"] = format_day(contacted)
        if contacted >= limit:
            return FAIL, _(
                "La prise de contact (le %(contacted)s) n'a pas eu lieu avant le %(limit)s."
            ) % names
        return PASS, _("Contact pris le %(contacted)s, avant le %(limit)s.") % names

    def describe(self, params):
        return _("La coordination a été contactée avant la date indiquée au calendrier.")
