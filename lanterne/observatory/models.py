import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from lanterne.accounts.scoping import scope_for
from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel
from lanterne.core.privacy import NO_MINOR_NAMES
from lanterne.core.workflow import Stateful, TransitionLog, Workflow

from .enums import (
    AuditAction,
    Deadline,
    PeriodType,
    PublicKind,
    ReturnState,
    ShareGroup,
    Unit,
    ValueStatus,
)
from .language import IndicatorTexts, in_language


class CampaignQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published campaigns for everyone; every campaign for the network admin; the
        campaigns a structure reports to for its members."""
        scope = scope_for(user)
        if scope.sees_all():
            return self
        query = models.Q(is_published=True)
        if scope.structure_ids:
            query |= models.Q(structures__in=list(scope.structure_ids))
        return self.filter(query).distinct()


class Campaign(BaseModel):
    """A yearly indicator collection, e.g. *Panorama 2024-2025*."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=220, unique=True)
    # The school year starting in `year` (2024 → 2024-2025) and the calendar year `year`.
    year = models.PositiveSmallIntegerField(_("année"))
    previous = models.ForeignKey(
        "self",
        verbose_name=_("campagne précédente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    structures = models.ManyToManyField(
        "network.Structure",
        verbose_name=_("structures qui rendent compte"),
        related_name="observatory_campaigns",
    )
    first_returns_due = models.DateField(_("premiers retours attendus le"))
    checkpoint_on = models.DateField(_("point d'étape le"))
    consolidation_on = models.DateField(_("consolidation le"))
    method_notes = models.TextField(_("méthode et limites"), blank=True)
    method_notes_en = models.TextField(_("méthode et limites (anglais)"), blank=True)
    is_published = models.BooleanField(_("panorama publié"), default=False)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    illustrative_returns = models.BooleanField(
        _("retours par structure illustratifs (démonstration)"),
        default=False,
        help_text=_("Les retours par structure sont inventés ; seuls les totaux sont réels."),
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campagne d'indicateurs")
        verbose_name_plural = _("campagnes d'indicateurs")
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("observatory:panorama", args=[self.slug])

    @property
    def school_year(self) -> str:
        return f"{self.year}-{self.year + 1}"

    @property
    def calendar_year(self) -> str:
        return str(self.year)

    @property
    def method_notes_text(self) -> str:
        """The method notes in the active language (the French ones when no English is given)."""
        return in_language(self.method_notes, self.method_notes_en)

    def period_label(self, period_type: str) -> str:
        return self.school_year if period_type == PeriodType.SCHOOL_YEAR else self.calendar_year

    def deadlines(self) -> list[tuple[str, datetime.date]]:
        return [
            (Deadline.FIRST_RETURNS, self.first_returns_due),
            (Deadline.CHECKPOINT, self.checkpoint_on),
            (Deadline.CONSOLIDATION, self.consolidation_on),
        ]

    def clean(self):
        if not (self.first_returns_due <= self.checkpoint_on <= self.consolidation_on):
            raise ValidationError(
                _(
                    "Les échéances doivent se suivre : premiers retours, point d'étape, "
                    "consolidation."
                )
            )


class Indicator(IndicatorTexts, BaseModel):
    """What each structure reports, with its unit, its period and how to count it."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campagne"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=60)
    label_fr = models.CharField(_("libellé (français)"), max_length=200)
    label_en = models.CharField(_("libellé (anglais)"), max_length=200)
    unit = models.CharField(_("unité"), max_length=12, choices=Unit.choices)
    period_type = models.CharField(_("période"), max_length=16, choices=PeriodType.choices)
    public_kind = models.CharField(
        _("type de public"),
        max_length=16,
        choices=PublicKind.choices,
        default=PublicKind.NOT_APPLICABLE,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("total décomposé"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="breakdowns",
    )
    share_group = models.CharField(
        _("part calculée"), max_length=24, choices=ShareGroup.choices, blank=True, default=""
    )
    definition = models.TextField(_("définition"), blank=True)
    definition_en = models.TextField(_("définition (anglais)"), blank=True)
    counting_method = models.TextField(_("méthode de comptage"), blank=True)
    counting_method_en = models.TextField(_("méthode de comptage (anglais)"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        ordering = ["campaign", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="indicator_code_unique"),
        ]

    def __str__(self):
        return f"{self.code} — {self.label}"

    @property
    def unit_label(self) -> str:
        return choice_label(Unit, self.unit)

    @property
    def period_type_label(self) -> str:
        return choice_label(PeriodType, self.period_type)

    @property
    def public_kind_label(self) -> str:
        return choice_label(PublicKind, self.public_kind)

    def clean(self):
        parent = self.parent
        if parent is None:
            return
        errors = {}
        if parent.parent_id is not None:
            errors["parent"] = _("Une décomposition ne se décompose pas à nouveau.")
        if parent.campaign_id != self.campaign_id:
            errors["parent"] = _("Le total doit appartenir à la même campagne.")
        # Relays never enter a beneficiaries' total, and a breakdown keeps its total's unit
        # and period: a school-year figure is never added to a calendar-year one.
        for name in ("unit", "period_type", "public_kind"):
            if getattr(parent, name) != getattr(self, name):
                errors[name] = _(
                    "Une décomposition a l'unité, la période et le public de son total."
                )
        if errors:
            raise ValidationError(errors)


class ReturnQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The network admin sees every return; a structure's members see their own only."""
        scope = scope_for(user)
        if scope.sees_all():
            return self
        return self.filter(structure__in=list(scope.structure_ids))


class Return(Stateful, ConcurrentTransitionMixin, FSMModelMixin, BaseModel):
    """One structure's return to one campaign, filled over several visits."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campagne"), on_delete=models.CASCADE, related_name="returns"
    )
    structure = models.ForeignKey(
        "network.Structure",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="observatory_returns",
    )
    # Changed only by the transitions below, called from services.
    state = FSMField(
        _("état"),
        max_length=16,
        choices=ReturnState.choices,
        default=ReturnState.DRAFT,
        protected=True,
    )
    submitted_at = models.DateTimeField(_("transmis le"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepté le"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("données illustratives (démonstration)"), default=False)

    objects = ReturnQuerySet.as_manager()

    class Meta:
        verbose_name = _("retour d'indicateurs")
        verbose_name_plural = _("retours d'indicateurs")
        ordering = ["campaign", "structure__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "structure"], name="return_unique"),
        ]

    def __str__(self):
        return f"{self.campaign} — {self.structure}"

    def get_absolute_url(self):
        return reverse("observatory:return", args=[self.campaign.slug, self.structure.slug])

    @transition(
        field=state, source=[ReturnState.DRAFT, ReturnState.SENT_BACK], target=ReturnState.SUBMITTED
    )
    def submit(self):
        pass

    @transition(field=state, source=ReturnState.SUBMITTED, target=ReturnState.ACCEPTED)
    def accept(self):
        pass

    @transition(
        field=state,
        source=[ReturnState.SUBMITTED, ReturnState.ACCEPTED],
        target=ReturnState.SENT_BACK,
    )
    def send_back(self):
        pass


class ReturnTransition(TransitionLog):
    """Who moved a return from one state to another, when and why."""

    value_return = models.ForeignKey(
        Return, verbose_name=_("retour"), on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("changement d'état d'un retour")
        verbose_name_plural = _("changements d'état des retours")


RETURN_WORKFLOW = Workflow(
    model=Return,
    log=ReturnTransition,
    states=ReturnState,
    actions={
        "submit": AuditAction.RETURN_SUBMIT,
        "accept": AuditAction.RETURN_ACCEPT,
        "send_back": AuditAction.RETURN_SEND_BACK,
    },
    stamps={"submit": ("submitted_at",), "accept": ("accepted_at",)},
    editable=frozenset({ReturnState.DRAFT, ReturnState.SENT_BACK}),
    refusal=_("Le retour est %(state)s : cette action n'est pas possible."),
    queryset=lambda: Return.objects.select_related("campaign", "structure"),
)


class Value(BaseModel):
    """One indicator's figure in one return: an integer, or explicitly *non transmis*."""

    value_return = models.ForeignKey(
        Return, verbose_name=_("retour"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicateur"), on_delete=models.CASCADE, related_name="values"
    )
    status = models.CharField(_("statut"), max_length=16, choices=ValueStatus.choices)
    # Never 0 as a stand-in: a missing figure has no amount and the status says so.
    amount = models.PositiveBigIntegerField(_("valeur"), null=True, blank=True)
    counting_note = models.TextField(_("méthode de comptage de la structure"), blank=True)
    comment = models.TextField(_("commentaire"), blank=True, help_text=NO_MINOR_NAMES)
    change_reason = models.TextField(_("motif d'un écart avec l'an dernier"), blank=True)

    class Meta:
        verbose_name = _("valeur")
        verbose_name_plural = _("valeurs")
        ordering = ["indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["value_return", "indicator"], name="value_unique"),
            models.CheckConstraint(
                condition=models.Q(status=ValueStatus.PROVIDED, amount__isnull=False)
                | models.Q(status=ValueStatus.NOT_TRANSMITTED, amount__isnull=True),
                name="value_amount_matches_status",
            ),
        ]

    @property
    def is_provided(self) -> bool:
        return self.status == ValueStatus.PROVIDED


class ValueChange(models.Model):
    """The history of a value: who changed it, when, from what to what."""

    value = models.ForeignKey(
        Value, verbose_name=_("valeur"), on_delete=models.CASCADE, related_name="changes"
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.RESTRICT,
        related_name="+",
    )
    old_status = models.CharField(
        _("ancien statut"), max_length=16, choices=ValueStatus.choices, blank=True
    )
    old_amount = models.PositiveBigIntegerField(_("ancienne valeur"), null=True, blank=True)
    new_status = models.CharField(_("nouveau statut"), max_length=16, choices=ValueStatus.choices)
    new_amount = models.PositiveBigIntegerField(_("nouvelle valeur"), null=True, blank=True)

    class Meta:
        verbose_name = _("modification d'une valeur")
        verbose_name_plural = _("modifications des valeurs")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.old_amount} → {self.new_amount}"


class Reminder(models.Model):
    """One reminder per return per deadline: the command can run every day."""

    value_return = models.ForeignKey(
        Return, verbose_name=_("retour"), on_delete=models.CASCADE, related_name="reminders"
    )
    deadline = models.CharField(_("échéance"), max_length=16, choices=Deadline.choices)
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("relance")
        verbose_name_plural = _("relances")
        constraints = [
            models.UniqueConstraint(fields=["value_return", "deadline"], name="reminder_unique"),
        ]

    def __str__(self):
        return f"{self.value_return_id} {self.deadline}"


class StoredConsolidation(models.Model):
    """A published panorama's consolidation, computed once (at publication, then whenever its
    accepted returns change) and read by every page, file and API call that shows it, so that
    a reader never re-sums the values. Replaced whole in one transaction: readers see the
    previous version until the new one is committed, never a half-computed one."""

    campaign = models.OneToOneField(
        Campaign,
        verbose_name=_("campagne"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_consolidation",
    )
    # The layout of `figures` (`consolidation.STORED_VERSION`); an older one is not read.
    version = models.PositiveSmallIntegerField(_("version du format"))
    figures = models.JSONField(_("chiffres consolidés"))
    # What the figures were computed from (`selectors.consolidation_fingerprint`): a stored
    # consolidation whose fingerprint no longer matches is recomputed by
    # `manage.py refresh_consolidations`.
    fingerprint = models.CharField(_("empreinte des retours"), max_length=64)
    computed_at = models.DateTimeField(_("calculée le"))

    class Meta:
        verbose_name = _("consolidation enregistrée")
        verbose_name_plural = _("consolidations enregistrées")

    def __str__(self):
        return f"{self.campaign_id} v{self.version} {self.computed_at:%Y-%m-%d %H:%M}"
