"""What *cerfa n°12156* (Demande de subvention(s) pour les associations) asks for, pre-filled
from an accepted dossier: the structure's identification, the project, its budget by the
cerfa's headings. Lanterne does not reproduce the official form: it gathers what the form asks
so that the applicant can send it to the DRAC (or copy it into the form).

Built from the frozen submission (what the decision was taken on), with the structure's current
identification and contacts."""

import datetime
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanterne.calls.enums import Funder
from lanterne.core.choices import choice_label
from lanterne.network.models import Affiliation, Structure

from .enums import DossierState, ExpenseCategory
from .models import Dossier

CERFA_NUMBER = "12156"

# The cerfa's budget headings (accounts of the associations' chart of accounts) for each of
# the dossier's expense categories and funders.
CHARGE_HEADINGS = {
    ExpenseCategory.EQUIPMENT: _("61 — Services extérieurs (locations)"),
    ExpenseCategory.SPEAKERS: _("62 — Autres services extérieurs (rémunérations d'intervenants)"),
    ExpenseCategory.TRAVEL: _("62 — Autres services extérieurs (déplacements, missions)"),
    ExpenseCategory.COMMUNICATION: _("62 — Autres services extérieurs (publicité, publication)"),
    ExpenseCategory.SCREENINGS: _("65 — Autres charges de gestion courante (droits de diffusion)"),
    ExpenseCategory.STAFF: _("64 — Charges de personnel"),
    ExpenseCategory.OTHER: _("Autres charges (à ventiler selon les comptes du cerfa)"),
}
PRODUCT_HEADINGS = {
    Funder.DRAC: _("74 — Subvention de l'État : ministère de la Culture (DRAC)"),
    Funder.ANCT: _("74 — Subvention de l'État : ANCT (politique de la ville)"),
    Funder.CITY_CONTRACT: _("74 — Subvention : contrat de ville ou de ruralité"),
    Funder.REGION: _("74 — Subvention de la Région"),
    Funder.DEPARTEMENT: _("74 — Subvention du Département"),
    Funder.COMMUNE: _("74 — Subvention de l'intercommunalité ou de la commune"),
    Funder.CAF: _("74 — Organismes sociaux (CAF)"),
    Funder.SPONSORSHIP: _("74 — Aides privées (mécénat, fondations)"),
    Funder.OWN_FUNDS: _("75 — Ressources propres de la structure"),
    Funder.OTHER: _("Autres produits"),
}
# Positions that name who represents a structure legally, folded (no accents, lower case).
REPRESENTATIVE_POSITIONS = ("presid", "direct", "gerant", "maire", "representant")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _amount(value) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _day(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@dataclass
class BudgetHeading:
    heading: str
    lines: list[dict] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line["amount"] or Decimal(0) for line in self.lines), Decimal(0))


@dataclass
class Contact:
    name: str
    position: str
    email: str
    phone: str


def is_available(dossier: Dossier) -> bool:
    """Only an accepted dossier, whose submission is frozen, has a document to send."""
    return dossier.state == DossierState.ACCEPTED and bool(dossier.submitted_content)


def _grouped(lines: list[dict], headings: dict, key: str) -> list[BudgetHeading]:
    groups: dict[str, BudgetHeading] = {}
    order = list(headings)
    for line in sorted(
        lines, key=lambda line: order.index(line[key]) if line[key] in order else 99
    ):
        heading = str(headings.get(line[key], _("Autres")))
        groups.setdefault(heading, BudgetHeading(heading)).lines.append(line)
    return list(groups.values())


def _representative(structure: Structure) -> Contact | None:
    """Who represents the structure legally: the one its record declares, else the affiliated
    person whose position says so, else nobody (the document says it is not given)."""
    if structure.legal_representative_name:
        return Contact(
            name=structure.legal_representative_name,
            position=structure.legal_representative_role,
            email="",
            phone="",
        )
    affiliations = Affiliation.objects.filter(structure_id=structure.pk).select_related("person")
    for affiliation in affiliations.order_by("pk"):
        position = _fold(affiliation.position)
        if any(word in position for word in REPRESENTATIVE_POSITIONS):
            person = affiliation.person
            return Contact(
                name=f"{person.first_name} {person.last_name}".strip(),
                position=affiliation.position,
                email=person.email,
                phone=person.phone,
            )
    return None


def grant_request(dossier: Dossier) -> dict:
    """The document's content (`is_available(dossier)` must hold)."""
    content = dossier.submitted_content or {}
    structure = dossier.applicant
    budget = content.get("budget", {})
    expenses = [
        {
            **line,
            "amount": _amount(line["amount"]),
            "heading": choice_label(ExpenseCategory, line["category"]),
        }
        for line in budget.get("expenses", [])
    ]
    resources = [
        {**line, "amount": _amount(line["amount"]), "heading": choice_label(Funder, line["funder"])}
        for line in budget.get("resources", [])
    ]
    actions = [
        {
            **action,
            "starts_on": _day(action.get("starts_on")),
            "ends_on": _day(action.get("ends_on")),
        }
        for action in content.get("actions", [])
    ]
    starts = [a["starts_on"] for a in actions if a["starts_on"]]
    ends = [a["ends_on"] or a["starts_on"] for a in actions if a["ends_on"] or a["starts_on"]]
    places = sorted({a["place"] for a in actions if a.get("place")})
    requested: dict[str, Decimal] = {}
    for line in resources:
        if line["funder"] and line["amount"] is not None:
            label = str(PRODUCT_HEADINGS.get(line["funder"], _("Autres produits")))
            requested[label] = requested.get(label, Decimal(0)) + line["amount"]
    creator = dossier.created_by
    return {
        "dossier": dossier,
        "cerfa_number": CERFA_NUMBER,
        "structure": structure,
        "applicant": content.get("applicant", {}),
        "representative": _representative(structure),
        # Who filled the dossier in: the cerfa's "personne chargée du dossier".
        "contact": Contact(
            name=creator.get_full_name(), position="", email=creator.email, phone=""
        ),
        "title": content.get("title", dossier.title),
        "call": content.get("call", {}),
        "intention": content.get("intention", ""),
        "public": content.get("public", {}),
        "communes": content.get("territories", {}).get("communes", []),
        "qpvs": content.get("territories", {}).get("qpvs", []),
        "partners": content.get("partners", []),
        "actions": actions,
        "starts_on": min(starts) if starts else None,
        "ends_on": max(ends) if ends else None,
        "places": places,
        "charges": _grouped(expenses, CHARGE_HEADINGS, "category"),
        "products": _grouped(resources, PRODUCT_HEADINGS, "funder"),
        "total_charges": _amount(budget.get("total_expenses")),
        "total_products": _amount(budget.get("total_resources")),
        "structure_budget_total": _amount(budget.get("structure_budget_total")),
        "requested": sorted(requested.items()),
        "granted_amount": dossier.granted_amount,
        "decided_at": dossier.decided_at,
        "generated_at": timezone.now(),
    }
