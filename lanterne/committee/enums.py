from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    FAVOURABLE = "favourable", _("favorable")
    RESERVED = "reserved", _("réservé")
    UNFAVOURABLE = "unfavourable", _("défavorable")


class AuditAction(models.TextChoices):
    """What the trail records about a committee, named for the people who read it."""

    CREATE = "committee.create", _("création d'une séance de comité")
    OPINION = "committee.opinion", _("avis d'un membre du comité")
    CLOSE = "committee.close", _("clôture d'une séance de comité")
