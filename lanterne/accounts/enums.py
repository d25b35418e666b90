from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a membership lets its user do for (or about) a structure."""

    APPLICANT = "applicant", _("porteur de projet")
    COORDINATOR = "coordinator", _("coordination régionale")
    COMMITTEE_MEMBER = "committee_member", _("membre de comité de sélection")
    SPEAKER = "speaker", _("intervenant·e")
    NETWORK_ADMIN = "network_admin", _("réseau national")


class AuditAction(models.TextChoices):
    """What the trail records about an account, named for the people who read it."""

    API_TOKEN_CREATE = "api_token.create", _("création d'un jeton d'accès à l'API")
    API_TOKEN_REVOKE = "api_token.revoke", _("révocation d'un jeton d'accès à l'API")
    ACCOUNT_ERASE = "account.erase", _("effacement du compte")
    TWO_FACTOR_ENABLED = "two_factor_enabled", _("activation de la double authentification")
    TWO_FACTOR_DISABLED = "two_factor_disabled", _("désactivation de la double authentification")
    TWO_FACTOR_RECOVERY_CODES_REGENERATED = (
        "two_factor_recovery_codes_regenerated",
        _("nouveaux codes de secours"),
    )
    TWO_FACTOR_RECOVERY_CODE_USED = (
        "two_factor_recovery_code_used",
        _("connexion avec un code de secours"),
    )
    INVITATION_CREATE = "invitation.create", _("envoi d'une invitation")
    INVITATION_RESEND = "invitation.resend", _("renvoi d'une invitation")
    INVITATION_REVOKE = "invitation.revoke", _("révocation d'une invitation")
    INVITATION_ACCEPT = "invitation.accept", _("acceptation d'une invitation")


class InvitationStatus(models.TextChoices):
    """Where an invitation stands, as its list shows and filters it."""

    PENDING = "pending", _("en attente")
    ACCEPTED = "accepted", _("acceptée")
    EXPIRED = "expired", _("expirée")
    REVOKED = "revoked", _("révoquée")
