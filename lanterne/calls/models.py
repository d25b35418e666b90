import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanterne.accounts.scoping import scope_for
from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel, parts_of
from lanterne.network.models import Structure
from lanterne.territories.models import Departement, Region

from .enums import ApplicantArea, DocumentKind, FilmListKind, MilestoneKind, RuleCode

REGION_OUTSIDE_COORDINATION = _(
    "La structure qui porte l'appel n'a pas de mission dans cette région : la région d'un appel "
    "est celle de sa coordination."
)


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open_on(self, moment: datetime.datetime):
        """Published calls whose opening has come and whose deadline has not passed."""
        return (
            self.published()
            .filter(
                milestones__kind=MilestoneKind.OPENING,
                milestones__starts_at__lte=moment,
            )
            .filter(
                pk__in=CallMilestone.objects.filter(
                    kind=MilestoneKind.DEADLINE, starts_at__gte=moment
                ).values("call_id")
            )
        )

    def open(self):
        return self.open_on(timezone.now())

    def managed_by(self, user):
        """Calls `user` manages: those carried by a structure it coordinates for
        (`Scope.coordinated_calls`), not every call of its régions."""
        return self.filter(scope_for(user).coordinated_calls())

    def visible_to(self, user):
        """Published calls for everyone; unpublished ones to their coordination."""
        scope = scope_for(user)
        if scope.sees_all():
            return self
        return self.filter(Q(is_published=True) | scope.coordinated_calls())

    def with_calendar(self):
        return self.prefetch_related("milestones")

    def for_eligibility(self):
        """A call with everything the engine reads of it (see `DossierQuerySet.sharing`)."""
        return self.prefetch_related(
            "milestones",
            Prefetch("rules", queryset=parts_of(CallRule, "call")),
            Prefetch("required_documents", queryset=parts_of(RequiredDocument, "call")),
            "film_lists__films",
        )


class Call(BaseModel):
    """An *appel à projets* of a region's Passeurs d'images coordination for one year."""

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=220, unique=True)
    year = models.PositiveSmallIntegerField(
        _("année des actions"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    region = models.ForeignKey(
        Region, verbose_name=_("région"), on_delete=models.PROTECT, related_name="calls"
    )
    coordination = models.ForeignKey(
        Structure,
        verbose_name=_("coordination"),
        on_delete=models.PROTECT,
        related_name="calls",
        help_text=_("La structure qui porte l'appel et instruit les dossiers."),
    )
    description = models.TextField(_("présentation"), blank=True)
    contact = models.TextField(_("contact"), blank=True)
    envelope = models.DecimalField(
        _("enveloppe disponible (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Montant total que le comité peut attribuer ; comparé aux montants proposés."),
    )
    reminder_days = models.CharField(
        _("rappels avant la date limite (jours)"),
        max_length=50,
        default="14,3",
        help_text=_("Nombre de jours avant la date limite, séparés par des virgules : 14,3."),
    )
    is_published = models.BooleanField(_("publié"), default=False)
    # Who may apply, by where the structure is (`calls.selectors.applicant_may_apply`).
    applicant_area = models.CharField(
        _("structures qui peuvent candidater"),
        max_length=20,
        choices=ApplicantArea.choices,
        default=ApplicantArea.PERIMETER,
        help_text=_(
            "Par défaut, les structures des départements où la coordination porte sa mission."
        ),
    )
    applicant_departements = models.ManyToManyField(
        Departement,
        verbose_name=_("départements des structures qui peuvent candidater"),
        blank=True,
        related_name="+",
        help_text=_("Seulement si l'appel est ouvert aux structures des départements choisis."),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copié de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    is_fictitious = models.BooleanField(_("démonstration"), default=False, editable=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("appel à projets")
        verbose_name_plural = _("appels à projets")
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["region", "year"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:detail", args=[self.slug])

    def clean(self):
        # The région follows the coordination: a call of Hors Cadre is a Hauts-de-France call,
        # whose coordinators manage it (`Scope.coordinated_calls`).
        if (
            self.coordination_id is not None
            and self.region_id is not None
            and self.region_id not in self.coordination.carried_region_codes()
        ):
            raise ValidationError({"region": REGION_OUTSIDE_COORDINATION})

    # The calendar: milestones are prefetched by `with_calendar()` and read from memory.
    def milestone(self, kind: str) -> "CallMilestone | None":
        for milestone in self.milestones.all():
            if milestone.kind == kind:
                return milestone
        return None

    @property
    def deadline(self) -> datetime.datetime | None:
        milestone = self.milestone(MilestoneKind.DEADLINE)
        return milestone.starts_at if milestone else None

    @property
    def opens_at(self) -> datetime.datetime | None:
        milestone = self.milestone(MilestoneKind.OPENING)
        return milestone.starts_at if milestone else None

    @property
    def actions_start(self) -> datetime.date | None:
        milestone = self.milestone(MilestoneKind.ACTIONS)
        return timezone.localdate(milestone.starts_at) if milestone else None

    def is_open_at(self, moment: datetime.datetime) -> bool:
        return (
            self.is_published
            and self.opens_at is not None
            and self.deadline is not None
            and self.opens_at <= moment <= self.deadline
        )

    @property
    def is_open(self) -> bool:
        return self.is_open_at(timezone.now())

    def reminder_offsets(self) -> list[int]:
        offsets = []
        for part in self.reminder_days.split(","):
            part = part.strip()
            if part.isdigit():
                offsets.append(int(part))
        return sorted(set(offsets), reverse=True)


class CallMilestone(models.Model):
    """One step of a call's calendar: a moment, or a period when it has an end."""

    call = models.ForeignKey(
        Call, verbose_name=_("appel"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("étape"), max_length=24, choices=MilestoneKind.choices)
    starts_at = models.DateTimeField(_("date"))
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    note = models.CharField(_("précision"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("étape du calendrier")
        verbose_name_plural = _("étapes du calendrier")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["call", "kind"], name="call_milestone_unique_kind"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="call_milestone_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.call} — {self.label}"

    @property
    def label(self) -> str:
        return choice_label(MilestoneKind, self.kind)


class CallRule(models.Model):
    """One eligibility rule as a call applies it: its parameters and whether it blocks."""

    call = models.ForeignKey(
        Call, verbose_name=_("appel"), on_delete=models.CASCADE, related_name="rules"
    )
    code = models.CharField(_("règle"), max_length=24, choices=RuleCode.choices)
    params = models.JSONField(_("paramètres"), default=dict, blank=True)
    is_blocking = models.BooleanField(
        _("bloquante"),
        default=True,
        help_text=_("Une règle bloquante non respectée empêche le dépôt ; sinon elle avertit."),
    )

    class Meta:
        verbose_name = _("règle d'éligibilité")
        verbose_name_plural = _("règles d'éligibilité")
        ordering = ["call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="call_rule_unique_code")
        ]

    def __str__(self):
        return f"{self.call} — {self.code}"


class FilmList(models.Model):
    call = models.ForeignKey(
        Call, verbose_name=_("appel"), on_delete=models.CASCADE, related_name="film_lists"
    )
    kind = models.CharField(_("liste"), max_length=16, choices=FilmListKind.choices)

    class Meta:
        verbose_name = _("liste de films")
        verbose_name_plural = _("listes de films")
        constraints = [
            models.UniqueConstraint(fields=["call", "kind"], name="film_list_unique_kind")
        ]

    def __str__(self):
        return f"{self.call} — {choice_label(FilmListKind, self.kind)}"


class Film(models.Model):
    film_list = models.ForeignKey(
        FilmList, verbose_name=_("liste"), on_delete=models.CASCADE, related_name="films"
    )
    title = models.CharField(_("titre"), max_length=200)
    director = models.CharField(_("réalisation"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("durée (min)"), null=True, blank=True)

    class Meta:
        verbose_name = _("film")
        verbose_name_plural = _("films")
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.director}, {self.year})" if self.director else self.title


class RequiredDocument(models.Model):
    call = models.ForeignKey(
        Call, verbose_name=_("appel"), on_delete=models.CASCADE, related_name="required_documents"
    )
    kind = models.CharField(_("pièce"), max_length=24, choices=DocumentKind.choices)
    label = models.CharField(_("libellé"), max_length=200, blank=True)
    returning_only = models.BooleanField(
        _("seulement pour un porteur déjà soutenu l'an dernier"), default=False
    )

    class Meta:
        verbose_name = _("pièce demandée")
        verbose_name_plural = _("pièces demandées")
        ordering = ["call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "kind"], name="required_document_unique")
        ]

    def __str__(self):
        return self.display_label

    @property
    def display_label(self) -> str:
        return self.label or choice_label(DocumentKind, self.kind)
