from django.db import models
from django.utils.translation import gettext_lazy as _

from lanterne.calls.enums import ActionKind as ActionKind  # the parcours rule's vocabulary
from lanterne.calls.enums import FilmListKind
from lanterne.calls.enums import RuleStatus as RuleStatus  # what a rule of the call answers


class DossierState(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("déposé")
    UNDER_REVIEW = "under_review", _("en instruction")
    SENT_BACK = "sent_back", _("renvoyé pour compléments")
    IN_COMMITTEE = "in_committee", _("en comité")
    ACCEPTED = "accepted", _("retenu")
    REFUSED = "refused", _("refusé")
    CLOSED = "closed", _("classé sans suite")
    WITHDRAWN = "withdrawn", _("retiré par le porteur")


EDITABLE_STATES = frozenset({DossierState.DRAFT, DossierState.SENT_BACK})
DECIDED_STATES = frozenset(
    {DossierState.ACCEPTED, DossierState.REFUSED, DossierState.CLOSED, DossierState.WITHDRAWN}
)


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


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("retenu")
    REFUSED = "refused", _("refusé")
    CLOSED = "closed", _("classé sans suite")
