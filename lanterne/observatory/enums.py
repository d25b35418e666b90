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
