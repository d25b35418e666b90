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
    """What a rule answers about a dossier."""

    PASS = "pass", _("respecté")
    FAIL = "fail", _("non respecté")
    WARNING = "warning", _("à vérifier")
    PENDING = "pending", _("pas encore évaluable")


# The vocabulary of the parcours rule: each action of a dossier is one or the other.
class ActionKind(models.TextChoices):
    VOIR = "voir", _("voir (diffusion)")
    FAIRE = "faire", _("faire (pratique)")


# The vocabulary a call's rules are written in (their parameters name partner roles and
# funders); a dossier's partners and budget lines use the same codes.
class PartnerRole(models.TextChoices):
    CULTURAL = "cultural", _("structure culturelle du cinéma ou de l'audiovisuel")
    PUBLIC_SUPPORT = "public_support", _("structure d'accompagnement des publics")
    DIFFUSION = "diffusion", _("structure de diffusion (salle de projection)")
    FUNDER = "funder", _("financeur")
    OTHER = "other", _("autre partenaire")


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


class ApplicantArea(models.TextChoices):
    """Which structures may apply to a call, by where they are."""

    PERIMETER = "perimeter", _("les structures du territoire de la coordination")
    REGION = "region", _("les structures de toute la région")
    DEPARTEMENTS = "departements", _("les structures des départements choisis")


class AuditAction(models.TextChoices):
    """What the trail records about a call, named for the people who read it."""

    CREATE = "call.create", _("création de l'appel à projets")
    UPDATE = "call.update", _("modification de l'appel à projets")
    CALENDAR = "call.calendar", _("modification du calendrier de l'appel")
    RULE = "call.rule", _("modification d'une règle d'éligibilité")
    PUBLISH = "call.publish", _("publication de l'appel à projets")
    UNPUBLISH = "call.unpublish", _("retrait de la publication de l'appel")
    COPY = "call.copy", _("copie de l'appel à projets")
    FILM_ADD = "call.film_add", _("ajout d'un film à l'appel")
    FILM_REMOVE = "call.film_remove", _("retrait d'un film de l'appel")
    DOCUMENT_ADD = "call.document_add", _("ajout d'un document à l'appel")
    DOCUMENT_REMOVE = "call.document_remove", _("retrait d'un document de l'appel")
    # An export of the call's dossiers (`services.call_record_export`).
    EXPORT = "call.export", _("export des dossiers de l'appel")
