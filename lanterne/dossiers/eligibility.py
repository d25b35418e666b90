"""The eligibility engine: one function evaluates a dossier against its call's rules.

Rules are data (a `CallRule` row: a stable code, parameters, blocking or not); what each rule
checks is declared with the rule, in `lanterne.calls.rules`. The dossier form, the API, the
committee export and the submission check all call `evaluate()`; nothing else decides
eligibility. The engine reads only prefetched relations (see
`DossierQuerySet.for_eligibility`), so evaluating a list of dossiers costs a fixed number of
queries.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lanterne.calls.enums import RuleCode
from lanterne.calls.rules import ORDER, RULES, RuleMisconfigured
from lanterne.calls.rules.base import FAIL, PASS, PENDING, WARNING
from lanterne.calls.rules.territory import territory_reference_date as territory_reference_date
from lanterne.core.choices import choice_label
from lanterne.core.typography import listed
from lanterne.dossiers.selectors import budget_totals

from .enums import ACTION_TYPE_KIND, SCREENING_FILM_LIST, RuleStatus


@dataclass(frozen=True)
class RuleResult:
    code: str
    status: str
    message: str
    is_blocking: bool

    @property
    def label(self) -> str:
        return choice_label(RuleCode, self.code)

    @property
    def status_label(self) -> str:
        return choice_label(RuleStatus, self.status)

    @property
    def blocks_submission(self) -> bool:
        return self.is_blocking and self.status != PASS

    def as_dict(self) -> dict:
        return {"code": self.code, "status": self.status, "message": self.message}


@dataclass(frozen=True)
class Report:
    results: list[RuleResult]

    @property
    def eligible(self) -> bool:
        """Every blocking rule passes (a rule not yet answerable does not pass)."""
        return not any(result.blocks_submission for result in self.results)

    @property
    def blocking_failures(self) -> list[RuleResult]:
        return [result for result in self.results if result.blocks_submission]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(RuleStatus.values, 0)
        for result in self.results:
            counts[result.status] += 1
        return counts

    def as_dict(self) -> dict:
        return {"eligible": self.eligible, "rules": [r.as_dict() for r in self.results]}

    def frozen(self) -> dict:
        """The report as it is kept with a submission (`Dossier.submitted_eligibility`)."""
        return {
            "eligible": self.eligible,
            "rules": [{**r.as_dict(), "is_blocking": r.is_blocking} for r in self.results],
        }

    @classmethod
    def thawed(cls, frozen: dict) -> "Report":
        """The report that `frozen()` kept, its messages in the active language when they were
        kept in it (reports frozen before that keep their one message)."""
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return cls(
            [
                RuleResult(
                    rule["code"],
                    rule["status"],
                    rule.get("messages", {}).get(language) or rule["message"],
                    rule["is_blocking"],
                )
                for rule in frozen["rules"]
            ]
        )

    def summary(self) -> str:
        """One line for exports: « éligible » or the rules that block, by their labels."""
        if self.eligible:
            return _("éligible")
        return _("non éligible : %(rules)s") % {
            "rules": listed(r.label for r in self.blocking_failures)
        }


class Facts:
    """What the rules read about one dossier, computed once from prefetched relations (the
    attributes a rule may read are listed in `lanterne.calls.rules.base`)."""

    def __init__(self, dossier, at: datetime.datetime):
        self.dossier = dossier
        self.call = dossier.call
        self.at = at
        totals = budget_totals(dossier.budget_lines.all())
        self.expenses = totals.expenses
        self.resources = totals.resources
        self.has_expenses = totals.has_expenses
        self.has_resources = totals.has_resources
        self.by_funder: dict[str, Decimal] = totals.by_funder
        self.partner_roles = {partner.role for partner in dossier.partners.all()}
        self.actions = list(dossier.actions.all())
        # The dossier's actions in the rules' vocabulary (`lanterne.calls.rules.base`).
        self.action_kinds = {
            ACTION_TYPE_KIND[a.action_type]
            for a in self.actions
            if a.action_type in ACTION_TYPE_KIND
        }
        self.screenings = [
            (action, SCREENING_FILM_LIST[action.action_type])
            for action in self.actions
            if action.action_type in SCREENING_FILM_LIST
        ]
        self.document_kinds = {document.kind for document in dossier.documents.all()}

    def funder_request(self, funder: str) -> Decimal | None:
        return self.by_funder.get(funder)


def evaluate(dossier, *, at: datetime.datetime | None = None) -> Report:
    """Evaluate every rule of the dossier's call; a failed non-blocking rule is a warning."""
    facts = Facts(dossier, at or timezone.now())
    results = []
    for rule in sorted(dossier.call.rules.all(), key=lambda r: ORDER.get(r.code, 99)):
        definition = RULES.get(rule.code)
        if definition is None:
            continue
        try:
            status, message = definition.check(facts, definition.params(rule.params))
        except (RuleMisconfigured, TypeError, ValueError):
            status, message = (
                PENDING,
                _("Cette règle est mal paramétrée dans l'appel : signalez-le à la coordination."),
            )
        if status == FAIL and not rule.is_blocking:
            status = WARNING
        results.append(RuleResult(rule.code, status, message, rule.is_blocking))
    return Report(results)
