"""A dossier's content as one plain structure: what the applicant sees while filling it in,
what is frozen at submission, what the committee and the printable PDF read, and what the
receipt's fingerprint is computed from; and the eligibility verdict frozen beside it."""

import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from lanterne.calls.enums import DocumentKind, Funder, PartnerRole
from lanterne.core.choices import choice_label
from lanterne.dossiers.selectors import budget_totals

from .eligibility import Report, evaluate
from .enums import ActionType, BudgetSide, ExpenseCategory, Typology

CONTENT_VERSION = 1


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def dossier_content(dossier) -> dict:
    """The content of `dossier`, from its (prefetched) relations, as JSON-ready data."""
    lines = list(dossier.budget_lines.all())
    expenses = [line for line in lines if line.side == BudgetSide.EXPENSE]
    resources = [line for line in lines if line.side == BudgetSide.RESOURCE]
    totals = budget_totals(lines)
    applicant = dossier.applicant
    return {
        "content_version": CONTENT_VERSION,
        "reference": dossier.reference,
        "call": {"id": dossier.call_id, "title": dossier.call.title, "year": dossier.call.year},
        "applicant": {
            "id": applicant.pk,
            "name": applicant.name,
            "siret": applicant.siret,
            "address": applicant.address,
            "postal_code": applicant.postal_code,
            "commune": applicant.commune.name if applicant.commune_id else "",
            "email": applicant.email,
            "phone": applicant.phone,
        },
        "title": dossier.title,
        "intention": dossier.intention,
        "public": {
            "age_min": dossier.age_min,
            "age_max": dossier.age_max,
            "expected_participants": dossier.expected_participants,
            "far_from_culture": dossier.far_from_culture,
            "description": dossier.public_description,
        },
        "territories": {
            "communes": [{"code": c.code, "name": c.name} for c in dossier.communes.all()],
            "qpvs": [{"code": q.code, "name": q.name} for q in dossier.qpvs.all()],
        },
        "first_contact_on": dossier.first_contact_on.isoformat()
        if dossier.first_contact_on
        else None,
        "partners": [
            {
                "role": p.role,
                "role_label": choice_label(PartnerRole, p.role),
                "name": p.name,
                "structure_id": p.structure_id,
                "contribution": p.contribution,
            }
            for p in dossier.partners.all()
        ],
        "actions": [
            {
                "action_type": a.action_type,
                "type_label": choice_label(ActionType, a.action_type),
                "kind": a.kind,
                "typology": a.typology,
                "typology_label": choice_label(Typology, a.typology) if a.typology else "",
                "title": a.title,
                "description": a.description,
                "starts_on": a.starts_on.isoformat() if a.starts_on else None,
                "ends_on": a.ends_on.isoformat() if a.ends_on else None,
                "place": a.place,
                "speakers": a.speakers,
                "film": str(a.film) if a.film_id else "",
                "film_id": a.film_id,
                "expected_participants": a.expected_participants,
            }
            for a in dossier.actions.all()
        ],
        "budget": {
            "expenses": [
                {
                    "category": line.category,
                    "heading": choice_label(ExpenseCategory, line.category),
                    "label": line.label,
                    "amount": _money(line.amount),
                }
                for line in expenses
            ],
            "resources": [
                {
                    "funder": line.funder,
                    "heading": choice_label(Funder, line.funder),
                    "label": line.label,
                    "amount": _money(line.amount),
                    "is_secured": line.is_secured,
                }
                for line in resources
            ],
            "total_expenses": _money(totals.expenses),
            "total_resources": _money(totals.resources),
            "structure_budget_total": _money(dossier.structure_budget_total),
        },
        "documents": [
            {
                "kind": d.kind,
                "kind_label": choice_label(DocumentKind, d.kind),
                "name": d.original_name,
                "sha256": d.sha256,
                "size": d.size,
            }
            for d in dossier.documents.all()
        ],
        "previous_dossier": dossier.previous_dossier.reference
        if dossier.previous_dossier_id
        else None,
    }


def _label_of(choices, code, stored: str) -> str:
    """The label of `code` in the active language; the label stored with it when the code is
    missing (content frozen before codes were kept) or no longer one of `choices`."""
    if code in choices.values:
        return choice_label(choices, code)
    return stored or ""


def relabeled(content: dict) -> dict:
    """A copy of `content` (live or frozen) whose labels are those of its codes in the reader's
    language: a dossier submitted in French reads in English on English pages. The frozen
    content itself (and so its fingerprint) is untouched."""
    shown = dict(content)
    shown["partners"] = [
        {**p, "role_label": _label_of(PartnerRole, p.get("role"), p.get("role_label", ""))}
        for p in content.get("partners", [])
    ]
    shown["actions"] = [
        {
            **a,
            "type_label": _label_of(ActionType, a.get("action_type"), a.get("type_label", "")),
            "typology_label": _label_of(Typology, a.get("typology"), a.get("typology_label", ""))
            if a.get("typology") or a.get("typology_label")
            else "",
        }
        for a in content.get("actions", [])
    ]
    if "budget" in content:
        budget = dict(content["budget"])
        budget["expenses"] = [
            {
                **line,
                "heading": _label_of(
                    ExpenseCategory, line.get("category"), line.get("heading", "")
                ),
            }
            for line in budget.get("expenses", [])
        ]
        budget["resources"] = [
            {**line, "heading": _label_of(Funder, line.get("funder"), line.get("heading", ""))}
            for line in budget.get("resources", [])
        ]
        shown["budget"] = budget
    shown["documents"] = [
        {**d, "kind_label": _label_of(DocumentKind, d.get("kind"), d.get("kind_label", ""))}
        for d in content.get("documents", [])
    ]
    return shown


def fingerprint(content: dict) -> str:
    """SHA-256 of the canonical JSON of the content (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def freeze_verdict(dossier, report: Report, *, at=None) -> None:
    """Keep, with the content being submitted, the engine's report that let it through, its
    messages written in every language of the site (each reader reads them in theirs)."""
    frozen = report.frozen()
    # `report` was written in the active language: the engine runs again for the others only.
    active = translation.get_language()
    for language, _name in settings.LANGUAGES:
        if language == active:
            messages = {r.code: r.message for r in report.results}
        else:
            with translation.override(language):
                messages = {r.code: r.message for r in evaluate(dossier, at=at).results}
        for rule in frozen["rules"]:
            rule.setdefault("messages", {})[language] = messages.get(rule["code"], rule["message"])
    dossier.submitted_eligibility = frozen


def verdict_at_submission(dossier) -> Report:
    """The eligibility of `dossier` as it was submitted, whatever the call's rules say since.

    A dossier never frozen (still a draft) is evaluated now, as of its submission moment if it
    has one; the engine reads the relations `for_eligibility` prefetches.
    """
    if dossier.submitted_eligibility is not None:
        return Report.thawed(dossier.submitted_eligibility)
    return evaluate(dossier, at=dossier.submitted_at)
