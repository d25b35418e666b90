from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PEOPLE = "people", _("personnes")
    DAYS = "days", _("jours")
    HOURS = "hours", _("heures")
    COUNT = "count", _("nombre")
    EUROS = "euros", _("euros")


class PeriodType(models.TextChoices):
    """A figure always says which period it covers: the two are never added together."""

    SCHOOL_YEAR = "school_year", _("année scolaire")
    CALENDAR_YEAR = "calendar_year", _("année civile")


class PublicKind(models.TextChoices):
    BENEFICIARIES = "beneficiaries", _("bénéficiaires finaux")
    # Teachers, youth workers, mediators: never added to the beneficiaries' total.
    RELAYS = "relays", _("relais")
    NOT_APPLICABLE = "none", _("sans objet")


class ShareGroup(models.TextChoices):
    """Breakdowns whose sum is shown as a share of their total."""

    NONE = "", _("aucun")
    NATIONAL_PROGRAMMES = "national_programmes", _("programmes nationaux")


class ReturnState(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("transmis")
    ACCEPTED = "accepted", _("accepté")
    SENT_BACK = "sent_back", _("renvoyé pour correction")


class ValueStatus(models.TextChoices):
    PROVIDED = "provided", _("renseigné")
    NOT_TRANSMITTED = "not_transmitted", _("non transmis")


class CellStatus(models.TextChoices):
    """One structure × one indicator in the completeness matrix."""

    NOT_STARTED = "not_started", _("non commencé")
    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("transmis")
    ACCEPTED = "accepted", _("accepté")
    NOT_TRANSMITTED = "not_transmitted", _("non transmis")


class Deadline(models.TextChoices):
    FIRST_RETURNS = "first_returns", _("premiers retours")
    CHECKPOINT = "checkpoint", _("point d'étape")
    CONSOLIDATION = "consolidation", _("consolidation")


class AuditAction(models.TextChoices):
    """What the trail records in the observatory, named for the people who read it: the life
    of a return (its workflow's actions) and the management of campaigns and indicators."""

    RETURN_OPEN = "observatory.return_open", _("ouverture d'un retour d'indicateurs")
    RETURN_SUBMIT = "observatory.return_submit", _("transmission d'un retour d'indicateurs")
    RETURN_ACCEPT = "observatory.return_accept", _("validation d'un retour d'indicateurs")
    RETURN_SEND_BACK = (
        "observatory.return_send_back",
        _("renvoi d'un retour d'indicateurs pour corrections"),
    )
    CAMPAIGN_CREATE = "observatory.campaign_create", _("création d'une campagne")
    CAMPAIGN_UPDATE = "observatory.campaign_update", _("modification d'une campagne")
    CAMPAIGN_COPY = "observatory.campaign_copy", _("copie d'une campagne")
    CAMPAIGN_PUBLISH = "observatory.campaign_publish", _("publication du panorama")
    CAMPAIGN_UNPUBLISH = "observatory.campaign_unpublish", _("retrait du panorama")
    INDICATOR_SAVE = "observatory.indicator_save", _("enregistrement d'un indicateur")
    INDICATOR_DELETE = "observatory.indicator_delete", _("suppression d'un indicateur")
