from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanterne.accounts.scoping import scope_for
from lanterne.calls.models import Call
from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel
from lanterne.dossiers.models import Dossier

from .enums import Verdict


class CommitteeSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_for(user)
        if scope.sees_all(applications=True):
            return self
        if not scope.is_authenticated:
            return self.none()
        return self.filter(scope.coordinated_calls("call__") | Q(members=user)).distinct()


class CommitteeSession(BaseModel):
    call = models.ForeignKey(
        Call, verbose_name=_("appel"), on_delete=models.PROTECT, related_name="committee_sessions"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    meets_at = models.DateTimeField(_("date de la séance"))
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membres"),
        related_name="committee_sessions",
        blank=True,
    )
    dossiers = models.ManyToManyField(
        Dossier, verbose_name=_("dossiers examinés"), related_name="committee_sessions", blank=True
    )
    is_closed = models.BooleanField(_("séance close"), default=False)

    objects = CommitteeSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance de comité")
        verbose_name_plural = _("séances de comité")
        ordering = ["-meets_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committee:detail", args=[self.pk])


class Opinion(models.Model):
    """A committee member's opinion on a dossier: given once, never changed."""

    session = models.ForeignKey(
        CommitteeSession,
        verbose_name=_("séance"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="opinions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.RESTRICT,
        related_name="committee_opinions",
    )
    verdict = models.CharField(_("avis"), max_length=16, choices=Verdict.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    proposed_amount = models.DecimalField(
        _("montant proposé (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    given_at = models.DateTimeField(_("donné le"), default=timezone.now)

    class Meta:
        verbose_name = _("avis")
        verbose_name_plural = _("avis")
        ordering = ["given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "dossier", "member"], name="opinion_once_per_member"
            ),
            models.CheckConstraint(
                condition=Q(proposed_amount__isnull=True) | Q(proposed_amount__gte=0),
                name="opinion_amount_positive",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.dossier_id}: {self.verdict}"

    @property
    def verdict_label(self) -> str:
        return choice_label(Verdict, self.verdict)
