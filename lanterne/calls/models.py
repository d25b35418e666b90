import datetime
from decimal import Decimal

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
from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel
from lanterne.network.models import Structure
from lanterne.territories.models import Commune, Qpv, Region

from .enums import (
    ACTION_TYPE_KIND,
    EDITABLE_STATES,
    ActionKind,
    ActionType,
    BudgetSide,
    DocumentKind,
    DossierState,
    ExpenseCategory,
    FilmListKind,
    Funder,
    MilestoneKind,
    PartnerRole,
    RuleCode,
    Typology,
    Verdict,
)
from .storage import private_storage

S = DossierState

# ---------------------------------------------------------------------------------------------
# Calls
# ---------------------------------------------------------------------------------------------


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
        """Calls `user` coordinates: those of the régions of its pôles and coordinations."""
        scope = scope_for(user)
        if scope.sees_all(applications=True):
            return self
        return self.filter(region__in=scope.coordinated_regions)

    def visible_to(self, user):
        """Published calls for everyone; unpublished ones to their coordination."""
        scope = scope_for(user)
        if scope.sees_all():
            return self
        return self.filter(Q(is_published=True) | Q(region__in=scope.coordinated_regions))

    def with_calendar(self):
        return self.prefetch_related("milestones")

    def for_eligibility(self):
        """A call with everything the engine reads of it (see `DossierQuerySet.sharing`)."""
        return self.prefetch_related(
            "milestones", "rules", "required_documents", "film_lists__films"
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


# ---------------------------------------------------------------------------------------------
# Dossiers
# ---------------------------------------------------------------------------------------------


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Dossiers `user` may read.

        An applicant: its structures' dossiers. A coordinator: the dossiers of the calls of its
        régions. A committee member: the dossiers of the sessions it sits on. Drafts stay
        between the applicant and, once they exist, the coordination.
        """
        scope = scope_for(user)
        if scope.sees_all(applications=True):
            return self
        if not scope.is_authenticated:
            return self.none()
        query = Q(applicant__in=list(scope.structures_with_role(Role.APPLICANT)))
        if scope.coordinated_regions:
            query |= Q(call__region__in=list(scope.coordinated_regions))
        if scope.structures_with_role(Role.COMMITTEE_MEMBER):
            query |= Q(
                pk__in=CommitteeSession.dossiers.through.objects.filter(
                    committeesession__members=user
                ).values("dossier_id")
            ) & ~Q(state__in=[S.DRAFT, S.WITHDRAWN])
        return self.filter(query)

    def coordinated_by(self, user):
        scope = scope_for(user)
        if scope.sees_all(applications=True):
            return self
        return self.filter(call__region__in=list(scope.coordinated_regions))

    def for_eligibility(self, *, call: "Call | None" = None):
        """Everything the eligibility engine reads, in a bounded number of queries.

        With `call` (a list of one call's dossiers), the call's rules, calendar and lists are
        not fetched again for each dossier: iterate with `sharing(call)` instead.
        """
        queryset = self.select_related("applicant")
        if call is None:
            queryset = queryset.select_related("call").prefetch_related(
                "call__milestones",
                "call__rules",
                "call__required_documents",
                "call__film_lists__films",
            )
        return queryset.prefetch_related(
            "partners",
            "budget_lines",
            "actions",
            "documents",
            "qpvs",
            "communes__rural_zonings",
            "communes__qpvs",
        )

    def sharing(self, call: "Call"):
        """Iterate over dossiers of `call` fetched with `for_eligibility(call=call)`, each
        reading the one prefetched call instead of a copy of its own."""
        for dossier in self:
            dossier.call = call
            yield dossier

    def for_content(self):
        """What `content.dossier_content` and the engine read, in a bounded number of queries."""
        return (
            self.for_eligibility()
            .select_related("applicant__commune", "previous_dossier")
            .prefetch_related("actions__film")
        )

    def with_budget_totals(self):
        """The budget totals summed in the database, for lists; over lines already in memory
        `lanterne.dossiers.selectors.budget_totals` gives the same sums."""
        expense = Q(budget_lines__side=BudgetSide.EXPENSE)
        resource = Q(budget_lines__side=BudgetSide.RESOURCE)
        drac = resource & Q(budget_lines__funder=Funder.DRAC)
        return self.annotate(
            total_expenses=models.Sum("budget_lines__amount", filter=expense),
            total_resources=models.Sum("budget_lines__amount", filter=resource),
            drac_request=models.Sum("budget_lines__amount", filter=drac),
        )


class Dossier(ConcurrentTransitionMixin, FSMModelMixin, BaseModel):
    """An applicant's answer to a call, from draft to the committee's decision."""

    call = models.ForeignKey(
        Call, verbose_name=_("appel"), on_delete=models.PROTECT, related_name="dossiers"
    )
    applicant = models.ForeignKey(
        Structure,
        verbose_name=_("porteur de projet"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    reference = models.CharField(_("référence"), max_length=40, unique=True, editable=False)
    state = FSMField(
        _("état"), max_length=16, choices=DossierState.choices, default=S.DRAFT, protected=True
    )
    title = models.CharField(_("titre du projet"), max_length=200)
    intention = models.TextField(
        _("note d'intention"),
        blank=True,
        help_text=_("Le projet, ses objectifs, les publics visés, le lien avec le territoire."),
    )
    # The public.
    age_min = models.PositiveSmallIntegerField(
        _("âge minimum"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("âge maximum"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    expected_participants = models.PositiveIntegerField(
        _("nombre de participant·es attendu"), null=True, blank=True
    )
    far_from_culture = models.BooleanField(
        _("public éloigné des pratiques culturelles"), default=False
    )
    public_description = models.TextField(_("description du public"), blank=True)
    # The territories.
    communes = models.ManyToManyField(
        Commune, verbose_name=_("communes concernées"), related_name="dossiers", blank=True
    )
    qpvs = models.ManyToManyField(
        Qpv, verbose_name=_("quartiers prioritaires (QPV)"), related_name="dossiers", blank=True
    )
    first_contact_on = models.DateField(
        _("date de la prise de contact avec la coordination"), null=True, blank=True
    )
    # The structure's provisional budget for the year (the detail is an attached document).
    structure_budget_total = models.DecimalField(
        _("budget prévisionnel annuel de la structure (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    previous_dossier = models.ForeignKey(
        "self",
        verbose_name=_("dossier de l'an dernier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_dossiers",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Optimistic locking of the content: each save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dernière modification par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # An extension of the deadline granted by the coordination to this dossier only.
    extended_until = models.DateTimeField(_("délai accordé jusqu'au"), null=True, blank=True)
    # What was submitted, frozen: the committee reads this, the receipt fingerprints it.
    submitted_at = models.DateTimeField(_("déposé le"), null=True, blank=True)
    submitted_content = models.JSONField(_("contenu déposé"), null=True, blank=True, editable=False)
    fingerprint = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    granted_amount = models.DecimalField(
        _("montant attribué (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    is_fictitious = models.BooleanField(_("démonstration"), default=False, editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["call", "state"]),
            models.Index(fields=["applicant", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_max__gte=models.F("age_min")),
                name="dossier_ages_ordered",
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True) | Q(granted_amount__gte=0),
                name="dossier_granted_amount_positive",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self):
        return reverse("dossiers:detail", args=[self.pk])

    @property
    def state_label(self) -> str:
        return choice_label(DossierState, self.state)

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_returning(self) -> bool:
        return self.previous_dossier_id is not None

    def effective_deadline(self) -> datetime.datetime | None:
        """The moment after which this dossier can no longer be submitted."""
        deadline = self.call.deadline
        if self.extended_until and (deadline is None or self.extended_until > deadline):
            return self.extended_until
        return deadline

    # The state graph. Services call these after checking permissions; each call is logged
    # by the service in the same transaction (see services._transition).
    @transition(field=state, source=[S.DRAFT, S.RETURNED], target=S.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=S.SUBMITTED, target=S.UNDER_REVIEW)
    def start_review(self):
        pass

    @transition(field=state, source=[S.SUBMITTED, S.UNDER_REVIEW], target=S.RETURNED)
    def return_for_completion(self):
        pass

    @transition(field=state, source=[S.SUBMITTED, S.UNDER_REVIEW], target=S.IN_COMMITTEE)
    def send_to_committee(self):
        pass

    @transition(field=state, source=[S.UNDER_REVIEW, S.IN_COMMITTEE], target=S.ACCEPTED)
    def accept(self):
        pass

    @transition(field=state, source=[S.UNDER_REVIEW, S.IN_COMMITTEE], target=S.REFUSED)
    def refuse(self):
        pass

    @transition(
        field=state,
        source=[S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED, S.IN_COMMITTEE],
        target=S.CLOSED,
    )
    def close(self):
        pass

    @transition(
        field=state,
        source=[S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED, S.IN_COMMITTEE],
        target=S.WITHDRAWN,
    )
    def withdraw(self):
        pass


class DossierTransition(models.Model):
    """The log of a dossier's life: who moved it, when, from where to where, and why."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="transitions"
    )
    name = models.CharField(_("transition"), max_length=40)
    source = models.CharField(_("de"), max_length=16, choices=DossierState.choices)
    target = models.CharField(_("vers"), max_length=16, choices=DossierState.choices)
    at = models.DateTimeField(_("le"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        # For traceability: a user who moved a dossier is deactivated, never deleted.
        on_delete=models.RESTRICT,
        related_name="+",
    )
    reason = models.TextField(_("motif"), blank=True)
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("étape de la vie d'un dossier")
        verbose_name_plural = _("historique des dossiers")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.dossier_id}: {self.source} → {self.target}"

    @property
    def source_label(self) -> str:
        return choice_label(DossierState, self.source)

    @property
    def target_label(self) -> str:
        return choice_label(DossierState, self.target)


class Partner(models.Model):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="partners"
    )
    role = models.CharField(_("rôle dans le projet"), max_length=16, choices=PartnerRole.choices)
    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure de l'annuaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossier_partnerships",
    )
    name = models.CharField(_("nom"), max_length=200)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), null=True, blank=True, on_delete=models.SET_NULL
    )
    contribution = models.TextField(_("apport au projet"), blank=True)

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["dossier", "id"]

    def __str__(self):
        return self.name

    @property
    def role_label(self) -> str:
        return choice_label(PartnerRole, self.role)


class PlannedAction(models.Model):
    """A *fiche action*: one action of the project as planned in the dossier."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="actions"
    )
    action_type = models.CharField(_("format"), max_length=24, choices=ActionType.choices)
    typology = models.CharField(_("typologie"), max_length=16, choices=Typology.choices, blank=True)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), null=True, blank=True, on_delete=models.SET_NULL
    )
    speakers = models.CharField(_("intervenant·es"), max_length=300, blank=True)
    film = models.ForeignKey(
        Film,
        verbose_name=_("film"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_screenings",
    )
    expected_participants = models.PositiveIntegerField(
        _("participant·es attendu·es"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("fiche action")
        verbose_name_plural = _("fiches actions")
        ordering = ["dossier", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="planned_action_dates_ordered",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def kind(self) -> str:
        return ACTION_TYPE_KIND[ActionType(self.action_type)]

    @property
    def kind_label(self) -> str:
        return choice_label(ActionKind, self.kind)

    @property
    def type_label(self) -> str:
        return choice_label(ActionType, self.action_type)


class BudgetLine(models.Model):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    side = models.CharField(_("nature"), max_length=10, choices=BudgetSide.choices)
    category = models.CharField(
        _("poste de dépense"), max_length=16, choices=ExpenseCategory.choices, blank=True
    )
    funder = models.CharField(_("financeur"), max_length=16, choices=Funder.choices, blank=True)
    label = models.CharField(_("libellé"), max_length=200)
    amount = models.DecimalField(
        _("montant (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_secured = models.BooleanField(_("acquis"), default=False)

    class Meta:
        verbose_name = _("ligne de budget")
        verbose_name_plural = _("lignes de budget")
        ordering = ["dossier", "side", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount_positive"),
            models.CheckConstraint(
                condition=(Q(side=BudgetSide.EXPENSE) & ~Q(category=""))
                | (Q(side=BudgetSide.RESOURCE) & ~Q(funder="")),
                name="budget_line_category_or_funder",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.amount} €"

    @property
    def heading_label(self) -> str:
        if self.side == BudgetSide.EXPENSE:
            return choice_label(ExpenseCategory, self.category)
        return choice_label(Funder, self.funder)


def document_upload_to(instance, filename):
    # The stored name never carries the uploaded name: no personal data in paths.
    return f"dossiers/{instance.dossier_id}/{instance.sha256[:2]}/{instance.sha256}"


class DossierDocument(models.Model):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("pièce"), max_length=24, choices=DocumentKind.choices)
    file = models.FileField(_("fichier"), upload_to=document_upload_to, storage=private_storage)
    original_name = models.CharField(_("nom du fichier"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("déposé par"), on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["dossier", "kind", "uploaded_at"]

    def __str__(self):
        return self.original_name

    @property
    def kind_label(self) -> str:
        return choice_label(DocumentKind, self.kind)


class DossierNote(models.Model):
    """A coordinator's private note: never shown to the applicant nor the committee."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("note interne")
        verbose_name_plural = _("notes internes")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.dossier_id} — {self.created_at:%Y-%m-%d}"


class DossierMessage(models.Model):
    """A message between the applicant and the coordination, about one dossier."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT
    )
    from_coordination = models.BooleanField(_("de la coordination"), default=False)
    body = models.TextField(_("message"))
    attachment = models.ForeignKey(
        DossierDocument,
        verbose_name=_("pièce jointe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.dossier_id} — {self.created_at:%Y-%m-%d %H:%M}"


class DossierReminder(models.Model):
    """A deadline reminder sent for a draft: at most one per dossier and offset."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rappel envoyé")
        verbose_name_plural = _("rappels envoyés")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "days_before"], name="dossier_reminder_unique"
            )
        ]

    def __str__(self):
        return f"{self.dossier_id} — J-{self.days_before}"


# ---------------------------------------------------------------------------------------------
# Committee
# ---------------------------------------------------------------------------------------------


class CommitteeSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_for(user)
        if scope.sees_all(applications=True):
            return self
        if not scope.is_authenticated:
            return self.none()
        return self.filter(
            Q(call__region__in=list(scope.coordinated_regions)) | Q(members=user)
        ).distinct()


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
