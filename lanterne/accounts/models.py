from typing import ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel

from .enums import InvitationStatus, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        # Log-in is case-insensitive on the e-mail address.
        return self.get(email__iexact=email)

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


# An erased account that something must keep (a dossier's author, a step of its history) stays
# as a row without personal data: its address is in this reserved, never-delivered domain and it
# shows as « compte supprimé » (`accounts.erasure`).
ERASED_DOMAIN = "compte-supprime.invalid"


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address."""

    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=100, blank=True)
    last_name = models.CharField(_("nom"), max_length=100, blank=True)
    # Blank until the person chooses one (the language switcher while signed in, the profile):
    # until then pages follow the URL and e-mails the site's default language.
    language = models.CharField(
        _("langue"), max_length=5, choices=settings.LANGUAGES, blank=True, default=""
    )
    terms_accepted_at = models.DateTimeField(
        _("conditions d'utilisation acceptées le"), null=True, blank=True
    )
    is_staff = models.BooleanField(
        _("accès à l'administration"),
        default=False,
        help_text=_("Peut se connecter à l'interface d'administration technique."),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def is_erased(self) -> bool:
        return self.email.endswith(f"@{ERASED_DOMAIN}")

    def get_full_name(self):
        if self.is_erased:
            return str(_("compte supprimé"))
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        if self.is_erased:
            return self.get_full_name()
        return self.first_name or self.email


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Membership(BaseModel):
    """A user acts for a structure with a role; access is derived from these rows only."""

    user = models.ForeignKey(
        User, verbose_name=_("utilisateur"), on_delete=models.CASCADE, related_name="memberships"
    )
    structure = models.ForeignKey(
        "network.Structure",
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("rôle dans une structure")
        verbose_name_plural = _("rôles dans les structures")
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "structure", "role"], name="membership_unique"),
            # Only a speaker may work independently of any structure.
            models.CheckConstraint(
                condition=models.Q(structure__isnull=False) | models.Q(role=Role.SPEAKER),
                name="membership_structure_required",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.role_label} — {self.structure or '-'}"

    @property
    def role_label(self) -> str:
        return choice_label(Role, self.role)


class ApiTokenQuerySet(models.QuerySet):
    def alive(self, at=None):
        """Tokens that still open the API: neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=at or timezone.now())


class ApiToken(BaseModel):
    """A key to the API for one user. Only its SHA-256 is stored: the key itself is shown once,
    when it is made (`lanterne.accounts.tokens`)."""

    user = models.ForeignKey(
        User, verbose_name=_("utilisateur"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nom"), max_length=100)
    digest = models.CharField(_("empreinte"), max_length=64, unique=True, editable=False)
    # The first characters of the key, enough for its owner to recognise it in a list.
    prefix = models.CharField(_("début du jeton"), max_length=8, editable=False)
    expires_at = models.DateTimeField(_("expire le"))
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Invitations the user may read: every one for whoever sees every structure, those of
        the structures of a coordinator's perimeter, and one's own."""
        from .scoping import scope_for

        scope = scope_for(user)
        if not scope.is_authenticated:
            return self.none()
        if scope.sees_all():
            return self
        query = models.Q(invited_by=user)
        if scope.is_coordinator():
            query |= scope.perimeter_filter("structure__")
        return self.filter(query)

    def with_status(self, status: str, at=None):
        """The invitations in `status` (an `InvitationStatus`) at `at` (now by default)."""
        at = at or timezone.now()
        if status == InvitationStatus.REVOKED:
            return self.filter(revoked_at__isnull=False)
        if status == InvitationStatus.ACCEPTED:
            return self.filter(revoked_at__isnull=True, accepted_at__isnull=False)
        open_ = self.filter(revoked_at__isnull=True, accepted_at__isnull=True)
        if status == InvitationStatus.EXPIRED:
            return open_.filter(expires_at__lte=at)
        return open_.filter(expires_at__gt=at)

    def pending(self, at=None):
        return self.with_status(InvitationStatus.PENDING, at)


class Invitation(BaseModel):
    """An e-mail inviting a person to act with a role (for a structure). Only the SHA-256 of
    its link's key is stored (`lanterne.accounts.invitations`); resending makes a new key."""

    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    structure = models.ForeignKey(
        "network.Structure",
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="invitations",
        null=True,
        blank=True,
    )
    language = models.CharField(_("langue du courriel"), max_length=5, choices=settings.LANGUAGES)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invité·e par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    digest = models.CharField(_("empreinte"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expire le"))
    sent_at = models.DateTimeField(_("envoyée le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        User,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            # As for a membership: only a speaker may be invited without a structure.
            models.CheckConstraint(
                condition=models.Q(structure__isnull=False) | models.Q(role=Role.SPEAKER),
                name="invitation_structure_required",
            ),
        ]

    def __str__(self):
        return f"{self.email} — {self.role_label}"

    @property
    def role_label(self) -> str:
        return choice_label(Role, self.role)

    def status_at(self, at=None) -> str:
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.expires_at <= (at or timezone.now()):
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return choice_label(InvitationStatus, self.status)

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING
