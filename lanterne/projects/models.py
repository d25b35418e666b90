import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import scope_for
from lanterne.committee.models import CommitteeSession
from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel
from lanterne.core.privacy import NO_MINOR_NAMES
from lanterne.core.workflow import Stateful, TransitionLog, Workflow
from lanterne.dossiers.enums import ACTION_TYPE_KIND, ActionKind, ActionType, Typology
from lanterne.network.models import Structure
from lanterne.territories.models import Commune

from .enums import (
    AgeBand,
    AuditAction,
    AuthorisationStatus,
    EnteredAs,
    Figure,
    Gender,
    PriorityPublic,
    RelayKind,
    ReportState,
)


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An applicant: its structures' projects. A coordinator: those of the calls it manages
        (`Scope.coordinated_calls`). A committee member: those of the calls of the sessions it
        sits on (read only, `projects.perms.sits_on_call_committee`)."""
        scope = scope_for(user)
        if scope.sees_all(applications=True):
            return self
        if not scope.is_authenticated:
            return self.none()
        query = Q(applicant__in=list(scope.structures_with_role(Role.APPLICANT)))
        if scope.coordinated_structure_ids:
            query |= scope.coordinated_calls("call__")
        if scope.structures_with_role(Role.COMMITTEE_MEMBER):
            query |= Q(call__in=CommitteeSession.objects.filter(members=user).values("call_id"))
        return self.filter(query)


class Project(BaseModel):
    """An accepted dossier, carried out over the call's year."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="project",
    )
    call = models.ForeignKey(
        "calls.Call", verbose_name=_("appel"), on_delete=models.PROTECT, related_name="projects"
    )
    applicant = models.ForeignKey(
        Structure, verbose_name=_("porteur"), on_delete=models.PROTECT, related_name="projects"
    )
    year = models.PositiveSmallIntegerField(_("année"))
    title = models.CharField(_("titre"), max_length=200)
    granted_amount = models.DecimalField(
        _("montant attribué (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    is_fictitious = models.BooleanField(_("démonstration"), default=False, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["call", "year"])]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])


class EnteredBy(models.Model):
    """Who entered a record of an action, and in what capacity: the applicant or the
    coordination that follows the project. Set by the services, shown on the action's page."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisi par"),
        null=True,
        blank=True,
        editable=False,
        # An erased account leaves the record, without its author.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_as = models.CharField(
        _("saisi au titre de"), max_length=16, choices=EnteredAs.choices, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def created_as_label(self) -> str:
        return choice_label(EnteredAs, self.created_as) if self.created_as else ""


def action_late_on(day: datetime.date) -> Q:
    """An action is late on `day` when it has sessions, all before `day`, and no participant
    was recorded. The one definition of "late" for actions (a `Q`, so that it also counts
    inside an aggregate)."""
    sessions = ActionSession.objects.filter(action_id=models.OuterRef("pk"))
    participants = ParticipantCount.objects.filter(action_id=models.OuterRef("pk"))
    return (
        Q(models.Exists(sessions))
        & ~Q(models.Exists(sessions.filter(day__gte=day)))
        & ~Q(models.Exists(participants))
    )


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(project__in=Project.objects.visible_to(user))

    def late_on(self, day: datetime.date):
        return self.filter(action_late_on(day))

    def with_participant_totals(self):
        return self.annotate(
            beneficiaries=models.Sum("participant_counts__count"),
        )


class Action(EnteredBy, BaseModel):
    """One action of a project: *voir* (screenings) or *faire* (workshops)."""

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="actions"
    )
    planned = models.OneToOneField(
        "dossiers.PlannedAction",
        verbose_name=_("fiche action d'origine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_out",
    )
    action_type = models.CharField(_("format"), max_length=24, choices=ActionType.choices)
    typology = models.CharField(_("typologie"), max_length=16, choices=Typology.choices, blank=True)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=NO_MINOR_NAMES)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), null=True, blank=True, on_delete=models.SET_NULL
    )
    speakers = models.CharField(_("intervenant·es"), max_length=300, blank=True)
    referent = models.CharField(
        _("référent·e jeunesse de l'atelier"),
        max_length=200,
        blank=True,
        help_text=_("L'animateur·rice ou l'éducateur·rice présent·e tout au long de l'atelier."),
    )
    film = models.ForeignKey(
        "calls.Film",
        verbose_name=_("film projeté"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="screenings",
    )
    # Denormalised from the sessions (kept by services) so that year views filter and sort
    # without aggregating every session.
    first_day = models.DateField(_("premier jour"), null=True, blank=True, db_index=True)
    last_day = models.DateField(_("dernier jour"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifié par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_as = models.CharField(
        _("modifié au titre de"),
        max_length=16,
        choices=EnteredAs.choices,
        blank=True,
        editable=False,
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["first_day", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:action", args=[self.pk])

    @property
    def changed_by_another(self) -> bool:
        """Was the action last changed by someone other than who entered it?"""
        return self.updated_by_id is not None and (
            self.updated_by_id != self.created_by_id or self.updated_as != self.created_as
        )

    @property
    def updated_as_label(self) -> str:
        return choice_label(EnteredAs, self.updated_as) if self.updated_as else ""

    @property
    def kind(self) -> str:
        return ACTION_TYPE_KIND[ActionType(self.action_type)]

    @property
    def kind_label(self) -> str:
        return choice_label(ActionKind, self.kind)

    @property
    def type_label(self) -> str:
        return choice_label(ActionType, self.action_type)

    @property
    def typology_label(self) -> str:
        """The typology's label, "" when none (`get_typology_display` translates every choice
        on each call)."""
        return choice_label(Typology, self.typology) if self.typology else ""

    @property
    def is_workshop(self) -> bool:
        return self.kind == ActionKind.FAIRE

    @property
    def is_open_air(self) -> bool:
        return self.action_type == ActionType.OPEN_AIR


class ActionSession(EnteredBy):
    """A *séance*: a day, its hours and its place."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="sessions"
    )
    day = models.DateField(_("date"))
    starts_at = models.TimeField(_("début"))
    ends_at = models.TimeField(_("fin"))
    minutes = models.PositiveIntegerField(_("durée (minutes)"), editable=False, default=0)
    place_structure = models.ForeignKey(
        Structure,
        verbose_name=_("lieu (structure)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place_commune = models.ForeignKey(
        Commune,
        verbose_name=_("lieu (commune)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place_detail = models.CharField(_("précision du lieu"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["day", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(place_structure__isnull=False) | Q(place_commune__isnull=False),
                name="session_has_a_place",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def save(self, *args, **kwargs):
        start = datetime.datetime.combine(self.day, self.starts_at)
        end = datetime.datetime.combine(self.day, self.ends_at)
        self.minutes = max(0, int((end - start).total_seconds() // 60))
        super().save(*args, **kwargs)


class ActionSpeakerQuerySet(models.QuerySet):
    def of_user(self, user):
        """The engagements of the speaker whose fiche is `user`'s."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(person__user=user)


class ActionSpeaker(EnteredBy):
    """A speaker (*intervenant·e*, a person of the network) engaged in an action. The action's
    free-text `speakers` stays for the names of people without a fiche."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="engagements"
    )
    person = models.ForeignKey(
        "network.Person",
        verbose_name=_("intervenant·e"),
        on_delete=models.CASCADE,
        related_name="engagements",
    )
    created_at = models.DateTimeField(_("engagé·e le"), auto_now_add=True)

    objects = ActionSpeakerQuerySet.as_manager()

    class Meta:
        verbose_name = _("intervenant·e engagé·e")
        verbose_name_plural = _("intervenant·es engagé·es")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["action", "person"], name="action_speaker_unique")
        ]

    def __str__(self):
        return f"{self.action_id} {self.person_id}"


class ParticipantCount(EnteredBy):
    """Final beneficiaries of an action, by age band and gender."""

    action = models.ForeignKey(
        Action,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        related_name="participant_counts",
    )
    age_band = models.CharField(_("tranche d'âge"), max_length=10, choices=AgeBand.choices)
    gender = models.CharField(_("genre"), max_length=5, choices=Gender.choices)
    count = models.PositiveIntegerField(_("nombre"))

    class Meta:
        verbose_name = _("participant·es")
        verbose_name_plural = _("participant·es")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "age_band", "gender"], name="participant_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.action_id} {self.age_band} {self.gender}: {self.count}"


class PriorityPublicCount(models.Model):
    """How many of the action's beneficiaries belong to a priority public (overlapping)."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="priority_counts"
    )
    priority = models.CharField(
        _("public prioritaire"), max_length=20, choices=PriorityPublic.choices
    )
    count = models.PositiveIntegerField(_("nombre"))

    class Meta:
        verbose_name = _("public prioritaire")
        verbose_name_plural = _("publics prioritaires")
        constraints = [
            models.UniqueConstraint(fields=["action", "priority"], name="priority_count_unique")
        ]

    def __str__(self):
        return f"{self.action_id} {self.priority}: {self.count}"


class RelayCount(models.Model):
    """Relays (youth workers, mediators…) present: never added to the beneficiaries."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="relay_counts"
    )
    relay_kind = models.CharField(_("type de relais"), max_length=16, choices=RelayKind.choices)
    count = models.PositiveIntegerField(_("nombre"))

    class Meta:
        verbose_name = _("relais")
        verbose_name_plural = _("relais")
        constraints = [
            models.UniqueConstraint(fields=["action", "relay_kind"], name="relay_count_unique")
        ]

    def __str__(self):
        return f"{self.action_id} {self.relay_kind}: {self.count}"


class OpenAirAuthorisation(BaseModel):
    """The screening-rights request for an open-air screening (due in May in the 2024 call)."""

    action = models.OneToOneField(
        Action,
        verbose_name=_("séance plein air"),
        on_delete=models.CASCADE,
        related_name="authorisation",
    )
    status = models.CharField(
        _("autorisation"),
        max_length=12,
        choices=AuthorisationStatus.choices,
        default=AuthorisationStatus.TO_REQUEST,
    )
    requested_on = models.DateField(_("demandée le"), null=True, blank=True)
    decided_on = models.DateField(_("réponse le"), null=True, blank=True)
    technical_provider = models.CharField(_("prestataire technique"), max_length=200, blank=True)
    screening_day = models.DateField(_("date de la projection"), null=True, blank=True)
    note = models.CharField(_("remarque"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("autorisation de diffusion en plein air")
        verbose_name_plural = _("autorisations de diffusion en plein air")

    def __str__(self):
        return f"{self.action} — {self.status}"

    @property
    def status_label(self) -> str:
        return choice_label(AuthorisationStatus, self.status)


class WorkshopFilm(BaseModel):
    """A film made in a workshop: recorded and counted (publication comes later)."""

    action = models.ForeignKey(
        Action, verbose_name=_("atelier"), on_delete=models.CASCADE, related_name="films"
    )
    title = models.CharField(_("titre"), max_length=200)
    duration_seconds = models.PositiveIntegerField(
        _("durée (secondes)"), validators=[MinValueValidator(1), MaxValueValidator(6 * 3600)]
    )
    year = models.PositiveSmallIntegerField(_("année"))
    typology = models.CharField(_("typologie"), max_length=16, choices=Typology.choices, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True, help_text=NO_MINOR_NAMES)
    group = models.CharField(_("groupe"), max_length=200, blank=True, help_text=NO_MINOR_NAMES)
    speakers = models.CharField(_("intervenant·es"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("film d'atelier")
        verbose_name_plural = _("films d'atelier")
        ordering = ["title"]

    def __str__(self):
        return self.title


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(project__in=Project.objects.visible_to(user))

    def late_on(self, moment: datetime.datetime):
        return self.filter(state__in=[ReportState.DRAFT, ReportState.SENT_BACK], due_at__lt=moment)


class Report(Stateful, ConcurrentTransitionMixin, FSMModelMixin, BaseModel):
    """The *bilan* of a project: figures pre-filled from the actions, and the narrative."""

    project = models.OneToOneField(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="report"
    )
    state = FSMField(
        _("état"),
        max_length=12,
        choices=ReportState.choices,
        default=ReportState.DRAFT,
        protected=True,
    )
    due_at = models.DateTimeField(_("à rendre avant le"), null=True, blank=True)
    went_well = models.TextField(
        _("ce qui a bien fonctionné"), blank=True, help_text=NO_MINOR_NAMES
    )
    difficulties = models.TextField(
        _("difficultés rencontrées"), blank=True, help_text=NO_MINOR_NAMES
    )
    youth_words = models.TextField(_("paroles de jeunes"), blank=True, help_text=NO_MINOR_NAMES)
    submitted_at = models.DateTimeField(_("transmis le"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilan")
        verbose_name_plural = _("bilans")
        ordering = ["-project__year"]

    def __str__(self):
        return f"{self.project} — {self.state}"

    def get_absolute_url(self):
        return reverse("projects:report", args=[self.project_id])

    def is_late_at(self, moment: datetime.datetime) -> bool:
        return self.is_editable and self.due_at is not None and moment > self.due_at

    @property
    def is_late(self) -> bool:
        return self.is_late_at(timezone.now())

    @transition(
        field=state, source=[ReportState.DRAFT, ReportState.SENT_BACK], target=ReportState.SUBMITTED
    )
    def submit(self):
        pass

    @transition(field=state, source=ReportState.SUBMITTED, target=ReportState.SENT_BACK)
    def send_back(self):
        pass

    @transition(field=state, source=ReportState.SUBMITTED, target=ReportState.ACCEPTED)
    def accept(self):
        pass


class ReportFigure(models.Model):
    """One quantitative figure of the report: the recorded value, and the applicant's value
    when it differs (which then needs a justification)."""

    report = models.ForeignKey(
        Report, verbose_name=_("bilan"), on_delete=models.CASCADE, related_name="figures"
    )
    code = models.CharField(_("indicateur"), max_length=16, choices=Figure.choices)
    value = models.PositiveIntegerField(_("valeur déclarée"), null=True, blank=True)
    justification = models.TextField(
        _("justification de l'écart"), blank=True, help_text=NO_MINOR_NAMES
    )

    class Meta:
        verbose_name = _("chiffre du bilan")
        verbose_name_plural = _("chiffres du bilan")
        constraints = [
            models.UniqueConstraint(fields=["report", "code"], name="report_figure_unique")
        ]

    def __str__(self):
        return f"{self.report_id} {self.code}: {self.value}"


class ReportExpense(models.Model):
    """Expenses actually incurred, by budget heading, against the dossier's budget."""

    report = models.ForeignKey(
        Report, verbose_name=_("bilan"), on_delete=models.CASCADE, related_name="expenses"
    )
    category = models.CharField(_("poste"), max_length=16)
    planned = models.DecimalField(_("prévu (€)"), max_digits=12, decimal_places=2, default=0)
    actual = models.DecimalField(
        _("réalisé (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("dépense réalisée")
        verbose_name_plural = _("dépenses réalisées")
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="report_expense_unique"),
            models.CheckConstraint(
                condition=Q(actual__isnull=True) | Q(actual__gte=0), name="report_expense_positive"
            ),
        ]

    def __str__(self):
        return f"{self.report_id} {self.category}"


class ReportTransition(TransitionLog):
    report = models.ForeignKey(
        Report, verbose_name=_("bilan"), on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape d'un bilan")
        verbose_name_plural = _("historique des bilans")


REPORT_WORKFLOW = Workflow(
    model=Report,
    log=ReportTransition,
    states=ReportState,
    actions={
        "submit": AuditAction.REPORT_SUBMIT,
        "send_back": AuditAction.REPORT_SEND_BACK,
        "accept": AuditAction.REPORT_ACCEPT,
    },
    stamps={"submit": ("submitted_at",)},
    editable=frozenset({ReportState.DRAFT, ReportState.SENT_BACK}),
    refusal=_("Le bilan est %(state)s : cette action n'est pas possible."),
)
