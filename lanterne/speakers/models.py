from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from lanterne.accounts.scoping import scope_for
from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel
from lanterne.core.workflow import Stateful, TransitionLog, Workflow
from lanterne.dossiers.storage import private_storage
from lanterne.projects.models import Action
from lanterne.territories.models import Commune, Departement

from .enums import AuditAction, EngagementState, HolidayAvailability, PeriodKind
from .enums import QualificationLevel as Level

# The farthest a speaker may say they travel from home: it also bounds the box of positions
# the matching reads first (see `matching.bounding_box`).
MAX_RADIUS_KM = 250


def perimeter_of(scope) -> Q:
    """Profiles a coordinator follows: those who work in (or live in) one of its
    départements, and those one of its structures qualified."""
    departements = sorted(scope.coordinated_departements)
    return (
        Q(home_commune__departement__in=departements)
        | Q(departements__in=departements)
        | Q(qualifications__structure__in=sorted(scope.coordinated_structure_ids))
    )


class SpeakerProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The directory's reach: the public sees those who opted in to it; a signed-in member
        of the network those listed in the network's directory; a coordinator its pool too
        (`followed_by`); a speaker its own profile."""
        scope = scope_for(user)
        if scope.sees_all():
            return self
        if not scope.is_authenticated:
            return self.filter(in_public_directory=True)
        query = Q(in_directory=True) | Q(person__user=user)
        if scope.is_coordinator():
            query |= Q(pk__in=SpeakerProfile.objects.filter(perimeter_of(scope)).values("pk"))
        return self.filter(query)

    def followed_by(self, user):
        """The pool a coordinator manages (private terms, CV, its notes): the profiles of its
        perimeter. `speakers.follow_speakerprofile` is the rule's twin."""
        scope = scope_for(user)
        if scope.sees_all():
            return self
        if not scope.is_coordinator():
            return self.none()
        return self.filter(pk__in=SpeakerProfile.objects.filter(perimeter_of(scope)).values("pk"))

    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(person__user=user)


def cv_upload_to(instance, filename):
    # No personal data in paths: the content's digest names the file.
    return f"speakers/{instance.pk}/{instance.cv_sha256}"


class SpeakerProfile(BaseModel):
    """What a speaker (*intervenant·e*) says of their work, kept up by themselves."""

    person = models.OneToOneField(
        "network.Person",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="speaker_profile",
    )
    trades = models.JSONField(_("métiers"), default=list, blank=True)
    workshop_types = models.JSONField(_("types d'ateliers menés"), default=list, blank=True)
    publics = models.JSONField(_("publics connus"), default=list, blank=True)
    excluded_publics = models.JSONField(
        _("publics avec lesquels je ne souhaite pas travailler"), default=list, blank=True
    )
    languages = models.JSONField(_("langues"), default=list, blank=True)
    departements = models.ManyToManyField(
        Departement,
        verbose_name=_("départements d'intervention"),
        blank=True,
        related_name="+",
    )
    home_commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune de résidence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The home commune's position, copied on save: the matching's bounding box reads it on an
    # index of this table, without joining every commune.
    home_latitude = models.FloatField(null=True, blank=True, editable=False)
    home_longitude = models.FloatField(null=True, blank=True, editable=False)
    radius_km = models.PositiveSmallIntegerField(
        _("rayon de déplacement (km)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RADIUS_KM)],
    )
    equipment = models.TextField(_("matériel apporté"), blank=True)
    day_rate = models.DecimalField(
        _("tarif journée (€ TTC)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    fee_terms = models.TextField(_("conditions de rémunération"), blank=True)
    mileage_terms = models.TextField(_("frais de déplacement"), blank=True)
    filmography = models.TextField(
        _("filmographie (liens)"), blank=True, help_text=_("Un lien par ligne.")
    )
    cv = models.FileField(_("CV"), upload_to=cv_upload_to, storage=private_storage, blank=True)
    cv_name = models.CharField(_("nom du fichier"), max_length=200, blank=True, editable=False)
    cv_content_type = models.CharField(max_length=100, blank=True, editable=False)
    cv_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    weekdays = models.BooleanField(_("en semaine"), default=True)
    evenings = models.BooleanField(_("en soirée (après 18 h)"), default=False)
    weekends = models.BooleanField(_("le week-end"), default=False)
    school_holidays = models.CharField(
        _("vacances scolaires"),
        max_length=8,
        choices=HolidayAvailability.choices,
        default=HolidayAvailability.ALSO,
    )
    does_not_want = models.TextField(_("ce que je ne souhaite pas faire"), blank=True)
    in_directory = models.BooleanField(
        _("figurer dans l'annuaire du réseau"),
        default=True,
        help_text=_("Visible des membres connectés du réseau."),
    )
    in_public_directory = models.BooleanField(
        _("figurer aussi dans l'annuaire public"),
        default=False,
        help_text=_("Nom, métiers, ateliers et territoires visibles de toutes et tous."),
    )
    is_fictitious = models.BooleanField(_("démonstration"), default=False, editable=False)

    objects = SpeakerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("fiche d'intervenant·e")
        verbose_name_plural = _("fiches d'intervenant·es")
        ordering = ["person__last_name", "person__first_name", "pk"]
        indexes = [models.Index(fields=["home_latitude", "home_longitude"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(radius_km__isnull=True) | Q(home_commune__isnull=False),
                name="speaker_radius_needs_home",
            )
        ]

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("speakers:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        commune = self.home_commune if self.home_commune_id else None
        self.home_latitude = commune.latitude if commune else None
        self.home_longitude = commune.longitude if commune else None
        super().save(*args, **kwargs)

    def labels(self, field: str, choices) -> list[str]:
        return [choice_label(choices, code) for code in getattr(self, field)]

    @property
    def filmography_links(self) -> list[str]:
        return [line.strip() for line in self.filmography.splitlines() if line.strip()]


class SpeakerPeriod(models.Model):
    """A period the speaker is available (only then) or unavailable."""

    profile = models.ForeignKey(
        SpeakerProfile, verbose_name=_("fiche"), on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField(_("type"), max_length=12, choices=PeriodKind.choices)
    starts_on = models.DateField(_("du"))
    ends_on = models.DateField(_("au"))

    class Meta:
        verbose_name = _("période de disponibilité")
        verbose_name_plural = _("périodes de disponibilité")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="speaker_period_ordered"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.starts_on}–{self.ends_on}"


class QualificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A qualification and its notes belong to the coordination that wrote them."""
        scope = scope_for(user)
        if scope.is_superuser:
            return self
        return self.filter(structure__in=sorted(scope.coordinated_structure_ids))


class Qualification(BaseModel):
    """What one coordination (pôle or Passeurs d'images) knows of a speaker: private to it."""

    profile = models.ForeignKey(
        SpeakerProfile,
        verbose_name=_("fiche"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    structure = models.ForeignKey(
        "network.Structure",
        verbose_name=_("coordination"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    level = models.CharField(_("qualification"), max_length=12, choices=Level.choices)
    notes = models.TextField(_("notes privées"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = QualificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "structure"], name="qualification_unique_per_structure"
            )
        ]

    def __str__(self):
        return f"{self.profile_id} {self.structure_id} {self.level}"

    @property
    def level_label(self) -> str:
        return choice_label(Level, self.level)


S = EngagementState
OPEN_STATES = (S.PROPOSED, S.ASKED, S.ACCEPTED)


class EngagementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The speaker's own; the coordinators of the action's call; whoever sees the
        action's project sees the engagements on it."""
        scope = scope_for(user)
        if scope.sees_all(applications=True):
            return self
        if not scope.is_authenticated:
            return self.none()
        return self.filter(
            Q(profile__person__user=user) | Q(action__in=Action.objects.visible_to(user))
        )

    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(profile__person__user=user)


class Engagement(Stateful, ConcurrentTransitionMixin, FSMModelMixin, BaseModel):
    """A speaker proposed for an action, asked, and their answer."""

    profile = models.ForeignKey(
        SpeakerProfile,
        verbose_name=_("intervenant·e"),
        on_delete=models.CASCADE,
        related_name="engagements",
    )
    action = models.ForeignKey(
        Action,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        related_name="speaker_requests",
    )
    state = FSMField(
        _("état"), max_length=12, choices=S.choices, default=S.PROPOSED, protected=True
    )
    rank = models.PositiveIntegerField(_("rang proposé"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    # The matching's reasons at the time of the proposal (criterion, points, text).
    reasons = models.JSONField(_("raisons"), default=list, blank=True)
    override_reason = models.TextField(_("motif du choix hors classement"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        on_delete=models.RESTRICT,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("sollicité·e le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("réponse le"), null=True, blank=True)
    answer_note = models.TextField(_("message de l'intervenant·e"), blank=True)
    action_speaker = models.OneToOneField(
        "projects.ActionSpeaker",
        verbose_name=_("engagement sur l'action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="request",
    )
    objects = EngagementQuerySet.as_manager()

    class Meta:
        verbose_name = _("sollicitation d'intervenant·e")
        verbose_name_plural = _("sollicitations d'intervenant·es")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "profile"],
                condition=Q(state__in=["proposed", "asked", "accepted"]),
                name="engagement_one_open_per_action",
            )
        ]

    def __str__(self):
        return f"{self.profile_id} → {self.action_id} ({self.state})"

    def get_absolute_url(self):
        return reverse("speakers:engagements")

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)

    @transition(field=state, source=S.PROPOSED, target=S.ASKED)
    def ask(self):
        pass

    @transition(field=state, source=S.ASKED, target=S.ACCEPTED)
    def accept(self):
        pass

    @transition(field=state, source=S.ASKED, target=S.DECLINED)
    def decline(self):
        pass

    @transition(field=state, source=[S.PROPOSED, S.ASKED], target=S.CANCELLED)
    def cancel(self):
        pass


class EngagementTransition(TransitionLog):
    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("sollicitation"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape d'une sollicitation")
        verbose_name_plural = _("historique des sollicitations")


ENGAGEMENT_WORKFLOW = Workflow(
    model=Engagement,
    log=EngagementTransition,
    states=S,
    actions={
        "ask": AuditAction.ENGAGEMENT_ASK,
        "accept": AuditAction.ENGAGEMENT_ACCEPT,
        "decline": AuditAction.ENGAGEMENT_DECLINE,
        "cancel": AuditAction.ENGAGEMENT_CANCEL,
    },
    stamps={"ask": ("asked_at",), "accept": ("answered_at",), "decline": ("answered_at",)},
    refusal=_("La sollicitation est %(state)s : cette action n'est pas possible."),
    queryset=lambda: Engagement.objects.select_related("profile__person", "action__project__call"),
)
