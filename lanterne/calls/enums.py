from django.db import models
from django.utils.translation import gettext_lazy as _


class MilestoneKind(models.TextChoices):
    """The dated steps of a call's calendar, in the order they happen."""

    OPENING = "opening", _("ouverture de l'appel à projets")
    FIRST_CONTACT = "first_contact", _("prise de contact obligatoire avec la coordination")
    DEADLINE = "deadline", _("date limite de dépôt des dossiers")
    PREVIOUS_REPORT = "previous_report", _("date limite du bilan de l'édition précédente")
    COMMITTEE = "committee", _("comité de sélection")
    RESULTS = "results", _("résultats et validation des projets")
    ACTIONS = "actions", _("mise en place des actions")
    OPEN_AIR_REQUESTS = "open_air_requests", _("demandes d'autorisation de diffusion en plein air")
    FINAL_REPORTS = "final_reports", _("retour des bilans")


class FilmListKind(models.TextChoices):
    OPEN_AIR = "open_air", _("séances en plein air")
    ACCOMPANIED = "accompanied", _("séances accompagnées")


class DocumentKind(models.TextChoices):
    SPEAKER_CV = "speaker_cv", _("CV des intervenant·es")
    STRUCTURE_BUDGET = "structure_budget", _("budget prévisionnel de la structure")
    PREVIOUS_REPORT = "previous_report", _("bilan de l'édition précédente")
    PREVIOUS_FILMS = "previous_films", _("films ou créations réalisés")
    OTHER = "other", _("autre document")


class RuleCode(models.TextChoices):
    """Stable codes of the eligibility rules: used by the API, exports and each call's settings."""

    GRANT_CEILING = "grant_ceiling", _("plafond de la subvention")
    GRANT_SHARE = "grant_share", _("part de la subvention dans le budget")
    OTHER_FUNDERS = "other_funders", _("autres financeurs")
    BUDGET_BALANCED = "budget_balanced", _("budget équilibré")
    TRIPARTITE = "tripartite", _("partenariat tripartite")
    PUBLIC = "public", _("publics")
    TERRITORY = "territory", _("territoires prioritaires")
    PARCOURS = "parcours", _("logique de parcours")
    FILMS = "films", _("choix des films")
    FIRST_CONTACT = "first_contact", _("prise de contact préalable")
    DOCUMENTS = "documents", _("pièces à fournir")
    DEADLINE = "deadline", _("date limite de dépôt")


class RuleStatus(models.TextChoices):
    PASS = "pass", _("respecté")
    FAIL = "fail", _("non respecté")
    WARNING = "warning", _("à vérifier")
    PENDING = "pending", _("pas encore évaluable")


class DossierState(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("déposé")
    UNDER_REVIEW = "under_review", _("en instruction")
    RETURNED = "returned", _("renvoyé pour compléments")
    IN_COMMITTEE = "in_committee", _("en comité")
    ACCEPTED = "accepted", _("retenu")
    REFUSED = "refused", _("refusé")
    CLOSED = "closed", _("classé sans suite")
    WITHDRAWN = "withdrawn", _("retiré par le porteur")


EDITABLE_STATES = frozenset({DossierState.DRAFT, DossierState.RETURNED})
DECIDED_STATES = frozenset(
    {DossierState.ACCEPTED, DossierState.REFUSED, DossierState.CLOSED, DossierState.WITHDRAWN}
)


class PartnerRole(models.TextChoices):
    CULTURAL = "cultural", _("structure culturelle du cinéma ou de l'audiovisuel")
    PUBLIC_SUPPORT = "public_support", _("structure d'accompagnement des publics")
    DIFFUSION = "diffusion", _("structure de diffusion (salle de projection)")
    FUNDER = "funder", _("financeur")
    OTHER = "other", _("autre partenaire")


class ActionKind(models.TextChoices):
    VOIR = "voir", _("voir (diffusion)")
    FAIRE = "faire", _("faire (pratique)")


class ActionType(models.TextChoices):
    """The formats of DOMAIN §4; each belongs to one kind (see ACTION_TYPE_KIND)."""

    CREATION_WORKSHOP = "creation_workshop", _("atelier de création audiovisuelle")
    FOLEY_WORKSHOP = "foley_workshop", _("atelier de bruitage")
    AWARENESS_WORKSHOP = "awareness_workshop", _("atelier de sensibilisation")
    OPEN_AIR = "open_air", _("séance en plein air")
    ACCOMPANIED = "accompanied", _("séance accompagnée")
    PROGRAMMING_WORKSHOP = "programming_workshop", _("atelier de programmation")


ACTION_TYPE_KIND = {
    ActionType.CREATION_WORKSHOP: ActionKind.FAIRE,
    ActionType.FOLEY_WORKSHOP: ActionKind.FAIRE,
    ActionType.AWARENESS_WORKSHOP: ActionKind.FAIRE,
    ActionType.OPEN_AIR: ActionKind.VOIR,
    ActionType.ACCOMPANIED: ActionKind.VOIR,
    ActionType.PROGRAMMING_WORKSHOP: ActionKind.VOIR,
}

# Screenings show a film that must come from the call's list of the same kind.
SCREENING_FILM_LIST = {
    ActionType.OPEN_AIR: FilmListKind.OPEN_AIR,
    ActionType.ACCOMPANIED: FilmListKind.ACCOMPANIED,
}


class Typology(models.TextChoices):
    FICTION = "fiction", _("fiction")
    DOCUMENTARY = "documentary", _("documentaire")
    DOCUFICTION = "docufiction", _("docufiction")
    ANIMATION = "animation", _("animation / stop motion")
    THEMATIC = "thematic", _("thématique")
    GREEN_SCREEN = "green_screen", _("fond vert")
    ARCHIVE = "archive", _("film d'archives")
    FILM_TRADES = "film_trades", _("métiers du cinéma")
    SCRIPTWRITING = "scriptwriting", _("écriture de scénario")
    MASHUP = "mashup", _("table Mashup")
    OTHER = "other", _("autre")


class BudgetSide(models.TextChoices):
    EXPENSE = "expense", _("dépense")
    RESOURCE = "resource", _("ressource")


class ExpenseCategory(models.TextChoices):
    SPEAKERS = "speakers", _("rémunération des intervenant·es")
    EQUIPMENT = "equipment", _("location de matériel")
    SCREENINGS = "screenings", _("frais de projection et droits")
    TRAVEL = "travel", _("déplacements, hébergement, repas")
    COMMUNICATION = "communication", _("communication")
    STAFF = "staff", _("personnel de la structure")
    OTHER = "other", _("autres dépenses")


class Funder(models.TextChoices):
    DRAC = "drac", _("DRAC (Passeurs d'images)")
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    COMMUNE = "commune", _("commune ou intercommunalité")
    CAF = "caf", _("caisse d'allocations familiales")
    CITY_CONTRACT = "city_contract", _("contrat de ville / contrat de ruralité")
    ANCT = "anct", _("ANCT")
    SPONSORSHIP = "sponsorship", _("mécénat")
    OWN_FUNDS = "own_funds", _("fonds propres")
    OTHER = "other", _("autre financeur")


class Verdict(models.TextChoices):
    FAVOURABLE = "favourable", _("favorable")
    RESERVED = "reserved", _("réservé")
    UNFAVOURABLE = "unfavourable", _("défavorable")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("retenu")
    REFUSED = "refused", _("refusé")
    CLOSED = "closed", _("classé sans suite")
