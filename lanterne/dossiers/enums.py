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


class AuditAction(models.TextChoices):
    """What the trail records about a dossier, named for the people who read it: its life
    (the workflow's actions), the reads of the committee and the downloads of its files."""

    CREATE = "dossier.create", _("création du dossier")
    EXTENSION = "dossier.extension", _("délai accordé")
    SUBMIT = "dossier.submit", _("dépôt du dossier")
    START_REVIEW = "dossier.start_review", _("début de l'instruction")
    SEND_BACK = "dossier.send_back", _("renvoi pour compléments")
    SEND_TO_COMMITTEE = "dossier.send_to_committee", _("passage en comité")
    ACCEPT = "dossier.accept", _("dossier retenu")
    REFUSE = "dossier.refuse", _("dossier refusé")
    CLOSE = "dossier.close", _("dossier classé sans suite")
    WITHDRAW = "dossier.withdraw", _("retrait du dossier")
    READ = "dossier.read", _("consultation par un membre du comité")
    DOCUMENT_DOWNLOAD = "dossier.document_download", _("téléchargement d'une pièce")
    ATTACHMENT_DOWNLOAD = (
        "dossier.attachment_download",
        _("téléchargement d'une pièce jointe à un message"),
    )
