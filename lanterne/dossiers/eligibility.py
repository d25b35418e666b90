"""The eligibility engine: one function evaluates a dossier against its call's rules.

Rules are data (a `CallRule` row: a stable code, parameters, blocking or not). The dossier
form, the API, the committee export and the submission check all call `evaluate()`; nothing
else decides eligibility. The engine reads only prefetched relations (see
`DossierQuerySet.for_eligibility`), so evaluating a list of dossiers costs a fixed number of
queries.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanterne.calls.enums import FilmListKind, Funder, MilestoneKind, PartnerRole, RuleCode
from lanterne.core.choices import choice_label
from lanterne.core.money import format_day, format_euros, format_moment, format_percent, share
from lanterne.dossiers.selectors import budget_totals

from .enums import (
    ACTION_TYPE_KIND,
    SCREENING_FILM_LIST,
    ActionKind,
    ActionType,
    RuleStatus,
)

PASS, FAIL, WARNING, PENDING = (
    RuleStatus.PASS.value,
    RuleStatus.FAIL.value,
    RuleStatus.WARNING.value,
    RuleStatus.PENDING.value,
)


class RuleMisconfigured(Exception):
    pass


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
        """The report that `frozen()` kept."""
        return cls(
            [
                RuleResult(rule["code"], rule["status"], rule["message"], rule["is_blocking"])
                for rule in frozen["rules"]
            ]
        )

    def summary(self) -> str:
        """One line for exports: « éligible » or the codes that block."""
        if self.eligible:
            return _("éligible")
        return _("non éligible : %(codes)s") % {
            "codes": ", ".join(r.code for r in self.blocking_failures)
        }


class Facts:
    """What the rules read about one dossier, computed once from prefetched relations."""

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
        self.document_kinds = {document.kind for document in dossier.documents.all()}

    def funder_request(self, funder: str) -> Decimal | None:
        return self.by_funder.get(funder)


def _decimal(params: dict, key: str) -> Decimal:
    try:
        return Decimal(str(params[key]))
    except (KeyError, InvalidOperation) as error:
        raise RuleMisconfigured(key) from error


def _funder_label(code: str) -> str:
    return choice_label(Funder, code)


def rule_grant_ceiling(facts: Facts, params: dict):
    funder = params.get("funder", Funder.DRAC)
    ceiling = _decimal(params, "max_amount")
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


def rule_grant_share(facts: Facts, params: dict):
    funder = params.get("funder", Funder.DRAC)
    max_percent = _decimal(params, "max_percent")
    request = facts.funder_request(funder)
    names = {"funder": _funder_label(funder), "max": format_percent(max_percent / 100, 0)}
    if request is None or not facts.expenses:
        return PENDING, _(
            "La part de « %(funder)s » se calcule quand le budget a des dépenses et une demande."
        ) % names
    names.update(
        share=format_percent(share(request, facts.expenses)),
        total=format_euros(facts.expenses),
        request=format_euros(request),
    )
    # Exact comparison, no rounding: request / total <= max% ⇔ request × 100 <= max × total.
    if request * 100 > max_percent * facts.expenses:
        return FAIL, _(
            "La demande à « %(funder)s » (%(request)s) représente %(share)s du budget total "
            "(%(total)s) ; le maximum est %(max)s."
        ) % names
    return PASS, _(
        "La demande à « %(funder)s » représente %(share)s du budget total (%(total)s), "
        "dans la limite de %(max)s."
    ) % names


def rule_other_funders(facts: Facts, params: dict):
    minimum = int(params.get("min_funders", 1))
    not_counted = set(params.get("not_counted", [Funder.DRAC]))
    others = sorted(f for f, amount in facts.by_funder.items() if f not in not_counted and amount)
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


def rule_budget_balanced(facts: Facts, params: dict):
    if not (facts.has_expenses and facts.has_resources):
        return PENDING, _("Le budget s'évalue quand dépenses et ressources sont saisies.")
    names = {"expenses": format_euros(facts.expenses), "resources": format_euros(facts.resources)}
    if facts.expenses != facts.resources:
        names["gap"] = format_euros(abs(facts.expenses - facts.resources))
        return FAIL, _(
            "Les dépenses (%(expenses)s) et les ressources (%(resources)s) diffèrent de %(gap)s."
        ) % names
    return PASS, _("Le budget est équilibré : %(expenses)s de dépenses et de ressources.") % names


def rule_tripartite(facts: Facts, params: dict):
    required = params.get("roles") or []
    if not facts.partner_roles:
        return PENDING, _("Aucun partenaire n'est encore déclaré.")
    missing = [role for role in required if role not in facts.partner_roles]
    if missing:
        return FAIL, _("Il manque : %(roles)s.") % {
            "roles": " ; ".join(choice_label(PartnerRole, role) for role in missing)
        }
    return PASS, _("Le partenariat associe les %(count)d types de structures demandés.") % {
        "count": len(required)
    }


def rule_public(facts: Facts, params: dict):
    dossier = facts.dossier
    low, high = int(params.get("min_age", 12)), int(params.get("max_age", 25))
    names = {"low": low, "high": high}
    far_qualifies = params.get("far_from_culture_qualifies", True)
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
            "Le public (%(min)d–%(max)d ans) n'est pas dans la tranche %(low)d–%(high)d ans et "
            "n'est pas déclaré éloigné des pratiques culturelles."
        ) % names
    return FAIL, _(
        "Le public (%(min)d–%(max)d ans) n'est pas dans la tranche %(low)d–%(high)d ans."
    ) % names


def territory_reference_date(call) -> datetime.date:
    """The day at which rural zoning is read: the start of the call's actions period."""
    return call.actions_start or datetime.date(call.year, 1, 1)


def rural_zoning_on(commune, day: datetime.date):
    """The priority rural zoning of a commune on `day`, from its prefetched zonings."""
    return commune.rural_priority_on(day)


def rule_territory(facts: Facts, params: dict):
    dossier = facts.dossier
    day = territory_reference_date(facts.call)
    qpvs = list(dossier.qpvs.all()) if params.get("qpv", True) else []
    communes = list(dossier.communes.all())
    if not qpvs and not communes:
        return PENDING, _("Indiquez les communes et, le cas échéant, les QPV concernés.")
    if qpvs:
        return PASS, _("Le projet concerne le QPV %(qpv)s.") % {"qpv": qpvs[0]}
    if params.get("rural", True):
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


def rule_parcours(facts: Facts, params: dict):
    minimum = int(params.get("min_actions", 3))
    actions = facts.actions
    if not actions:
        return PENDING, _("Aucune fiche action n'est encore saisie.")
    kinds = {ACTION_TYPE_KIND[ActionType(a.action_type)] for a in actions}
    names = {"count": len(actions), "min": minimum}
    if len(actions) < minimum:
        return FAIL, ngettext(
            "Le parcours compte %(count)d action ; il en faut au moins %(min)d.",
            "Le parcours compte %(count)d actions ; il en faut au moins %(min)d.",
            len(actions),
        ) % names
    if params.get("voir_and_faire", True) and kinds != {ActionKind.VOIR, ActionKind.FAIRE}:
        missing = ActionKind.FAIRE if ActionKind.VOIR in kinds else ActionKind.VOIR
        return FAIL, _("Le parcours doit associer le voir et le faire ; il manque : %(kind)s.") % {
            "kind": choice_label(ActionKind, missing)
        }
    return PASS, _("Le parcours compte %(count)d actions et associe le voir et le faire.") % names


def rule_films(facts: Facts, params: dict):
    screenings = [a for a in facts.actions if a.action_type in SCREENING_FILM_LIST]
    if not screenings:
        return PENDING, _("Aucune séance n'est encore prévue.")
    allowed: dict[str, set[int]] = {}
    for film_list in facts.call.film_lists.all():
        allowed[film_list.kind] = {film.pk for film in film_list.films.all()}
    problems = []
    for action in screenings:
        list_kind = SCREENING_FILM_LIST[ActionType(action.action_type)]
        if action.film_id not in allowed.get(list_kind, set()):
            problems.append(
                _("« %(action)s » n'a pas de film de la liste « %(list)s »")
                % {"action": action.title, "list": choice_label(FilmListKind, list_kind)}
            )
    if problems:
        return FAIL, " ; ".join(problems) + "."
    return PASS, ngettext(
        "Le film de la séance prévue est choisi dans les listes de l'appel.",
        "Les films des %(count)d séances prévues sont choisis dans les listes de l'appel.",
        len(screenings),
    ) % {"count": len(screenings)}


def rule_first_contact(facts: Facts, params: dict):
    milestone = facts.call.milestone(MilestoneKind.FIRST_CONTACT)
    if milestone is None:
        return PASS, _("L'appel ne demande pas de prise de contact préalable.")
    limit = timezone.localdate(milestone.starts_at)
    contacted = facts.dossier.first_contact_on
    names = {"limit": format_day(limit)}
    if contacted is None:
        return PENDING, _(
            "Indiquez la date de votre prise de contact avec la coordination (avant le %(limit)s)."
        ) % names
    names["contacted"] = format_day(contacted)
    if contacted >= limit:
        return FAIL, _(
            "La prise de contact (le %(contacted)s) n'a pas eu lieu avant le %(limit)s."
        ) % names
    return PASS, _("Contact pris le %(contacted)s, avant le %(limit)s.") % names


def rule_documents(facts: Facts, params: dict):
    required = [
        document
        for document in facts.call.required_documents.all()
        if not document.returning_only or facts.dossier.is_returning
    ]
    missing = [d.display_label for d in required if d.kind not in facts.document_kinds]
    if missing:
        return FAIL, _("Pièces manquantes : %(documents)s.") % {"documents": " ; ".join(missing)}
    return PASS, _("Toutes les pièces demandées sont jointes.")


def rule_deadline(facts: Facts, params: dict):
    deadline = facts.dossier.effective_deadline()
    if deadline is None:
        return PENDING, _("L'appel n'a pas encore de date limite.")
    moment = facts.dossier.submitted_at or facts.at
    extended = facts.dossier.extended_until is not None and deadline == facts.dossier.extended_until
    names = {"deadline": format_moment(deadline)}
    if moment > deadline:
        return FAIL, _("La date limite de dépôt était le %(deadline)s.") % names
    if extended:
        return PASS, _("Délai accordé par la coordination jusqu'au %(deadline)s.") % names
    return PASS, _("Dépôt possible jusqu'au %(deadline)s.") % names


RULES: dict[str, Callable[[Facts, dict], tuple[str, str]]] = {
    RuleCode.GRANT_CEILING: rule_grant_ceiling,
    RuleCode.GRANT_SHARE: rule_grant_share,
    RuleCode.OTHER_FUNDERS: rule_other_funders,
    RuleCode.BUDGET_BALANCED: rule_budget_balanced,
    RuleCode.TRIPARTITE: rule_tripartite,
    RuleCode.PUBLIC: rule_public,
    RuleCode.TERRITORY: rule_territory,
    RuleCode.PARCOURS: rule_parcours,
    RuleCode.FILMS: rule_films,
    RuleCode.FIRST_CONTACT: rule_first_contact,
    RuleCode.DOCUMENTS: rule_documents,
    RuleCode.DEADLINE: rule_deadline,
}
ORDER = {code: index for index, code in enumerate(RULES)}


def evaluate(dossier, *, at: datetime.datetime | None = None) -> Report:
    """Evaluate every rule of the dossier's call; a failed non-blocking rule is a warning."""
    facts = Facts(dossier, at or timezone.now())
    results = []
    for rule in sorted(dossier.call.rules.all(), key=lambda r: ORDER.get(r.code, 99)):
        check = RULES.get(rule.code)
        if check is None:
            continue
        try:
            status, message = check(facts, rule.params or {})
        except (RuleMisconfigured, TypeError, ValueError):
            status, message = (
                PENDING,
                _("Cette règle est mal paramétrée dans l'appel : signalez-le à la coordination."),
            )
        if status == FAIL and not rule.is_blocking:
            status = WARNING
        results.append(RuleResult(rule.code, status, message, rule.is_blocking))
    return Report(results)
