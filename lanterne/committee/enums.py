from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    FAVOURABLE = "favourable", _("favorable")
    RESERVED = "reserved", _("réservé")
    UNFAVOURABLE = "unfavourable", _("défavorable")
