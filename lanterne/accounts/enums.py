from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a membership lets its user do for (or about) a structure."""

    APPLICANT = "applicant", _("porteur de projet")
    COORDINATOR = "coordinator", _("coordination régionale")
    COMMITTEE_MEMBER = "committee_member", _("membre de comité de sélection")
    SPEAKER = "speaker", _("intervenant·e")
    NETWORK_ADMIN = "network_admin", _("réseau national")
