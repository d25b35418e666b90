import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import scope_for
from lanterne.calls.enums import DocumentKind, Funder, PartnerRole
from lanterne.calls.models import Call, CallRule, Film, RequiredDocument
from lanterne.core.choices import choice_label
from lanterne.core.models import BaseModel, parts_of
from lanterne.core.privacy import NO_MINOR_NAMES
from lanterne.core.workflow import Stateful, TransitionLog, Workflow
from lanterne.network.models import Structure
from lanterne.territories.models import Commune, Qpv

from .enums import (
    ACTION_TYPE_KIND,
    EDITABLE_STATES,
    ActionKind,
    ActionType,
    AuditAction,
    BudgetSide,
    DossierState,
    ExpenseCategory,
    Typology,
)
from .storage import private_storage

S = DossierState


class DossierQuerySet(models.QuerySet["Dossier"]):
    def visible_to(self, user):
        """Dossiers `user` may read.

        An applicant: its structures' dossiers. A coordinator: the dossiers of the calls it
        manages (`Scope.coordinated_calls`). A committee member: the dossiers of the sessions
        it sits on. Drafts stay between the applicant and, once they exist, the coordination.
        """
        scope = scope_for(user)
        if scope.sees_all(applications=True):
            return self
        if not scope.is_authenticated:
            return self.none()
        query = Q(applicant__in=list(scope.structures_with_role(Role.APPLICANT)))
        if scope.coordinated_structure_ids:
            query |= scope.coordinated_calls("call__")
        if scope.structures_with_role(Role.COMMITTEE_MEMBER):
            query |= Q(
                # Through the reverse relation: the committee app knows dossiers, not the
                # other way round.
                pk__in=self.model.committee_sessions.through.objects.filter(
                    committeesession__members=user
                ).values("dossier_id")
            ) & ~Q(state__in=[S.DRAFT, S.WITHDRAWN])
        return self.filter(query)

    def coordinated_by(self, user):
        """The dossiers of the calls `user` manages."""
        return self.filter(scope_for(user).coordinated_calls("call__"))

    def for_eligibility(self, *, call: "Call | None" = None, calls_shared: bool = False):
        """Everything the eligibility engine reads, in a bounded number of queries.

        With `call` (a list of one call's dossiers), the call's rules, calendar and lists are
        not fetched again for each dossier: iterate with `sharing(call)` instead. With
        `calls_shared` (dossiers of several calls), the caller sets each dossier's call from
        calls it fetched once with `Call.objects.for_eligibility()`.
        """
        queryset = self.select_related("applicant")
        if call is None and not calls_shared:
            queryset = queryset.select_related("call").prefetch_related(
                "call__milestones",
                Prefetch("call__rules", queryset=parts_of(CallRule, "call")),
                Prefetch("call__required_documents", queryset=parts_of(RequiredDocument, "call")),
                "call__film_lists__films",
            )
        # Each part in its dossier's order without the "dossier" of the models' default
        # ordering: ordering by that relation would join and sort the dossiers themselves
        # (by their own default ordering) in every prefetch.
        return queryset.prefetch_related(
            Prefetch("partners", queryset=parts_of(Partner, "dossier")),
            Prefetch("budget_lines", queryset=parts_of(BudgetLine, "dossier")),
            Prefetch("actions", queryset=parts_of(PlannedAction, "dossier")),
            Prefetch("documents", queryset=parts_of(DossierDocument, "dossier")),
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

    def for_evaluation(self):
        """What the engine reads of one dossier (its eligibility panel, the API's verdict): as
        `for_eligibility()` without the QPVs of each commune, which no rule reads."""
        return self.select_related("applicant", "call").prefetch_related(
            "call__milestones",
            Prefetch("call__rules", queryset=parts_of(CallRule, "call")),
            Prefetch("call__required_documents", queryset=parts_of(RequiredDocument, "call")),
            "call__film_lists__films",
            Prefetch("partners", queryset=parts_of(Partner, "dossier")),
            Prefetch("budget_lines", queryset=parts_of(BudgetLine, "dossier")),
            # Each action with its film in the same query, for the live content.
            Prefetch("actions", queryset=parts_of(PlannedAction, "dossier").select_related("film")),
            Prefetch("documents", queryset=parts_of(DossierDocument, "dossier")),
            "qpvs",
            "communes__rural_zonings",
        )

    def for_page(self):
        """What the dossier page reads: `content.dossier_content` and the engine, as
        `for_content()` does in two queries less (the actions' films come with the actions,
        and the QPVs of each commune, which neither reads, are not fetched)."""
        return self.for_evaluation().select_related("applicant__commune", "previous_dossier")

    def with_budget_totals(self):
        expense = Q(budget_lines__side=BudgetSide.EXPENSE)
        resource = Q(budget_lines__side=BudgetSide.RESOURCE)
        drac = resource & Q(budget_lines__funder=Funder.DRAC)
        return self.annotate(
            total_expenses=models.Sum("budget_lines__amount", filter=expense),
            total_resources=models.Sum("budget_lines__amount", filter=resource),
            drac_request=models.Sum("budget_lines__amount", filter=drac),
        )


class Dossier(Stateful, ConcurrentTransitionMixin, FSMModelMixin, BaseModel):
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
        help_text=format_lazy(
            "{} {}",
            _("Le projet, ses objectifs, les publics visés, le lien avec le territoire."),
            NO_MINOR_NAMES,
        ),
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
    public_description = models.TextField(
        _("description du public"), blank=True, help_text=NO_MINOR_NAMES
    )
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
    # The engine's verdict at that submission, frozen with it: a rule of the call changed later
    # does not rewrite what the committee reads (`content.verdict_at_submission`).
    submitted_eligibility = models.JSONField(
        _("éligibilité au dépôt"), null=True, blank=True, editable=False
    )
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
    def is_returning(self) -> bool:
        return self.previous_dossier_id is not None

    def effective_deadline(self) -> datetime.datetime | None:
        """The moment after which this dossier can no longer be submitted."""
        deadline = self.call.deadline
        if self.extended_until and (deadline is None or self.extended_until > deadline):
            return self.extended_until
        return deadline

    # The state graph, fired only through `core.workflow.transition` (see DOSSIER_WORKFLOW):
    # the permission, the log row and the notification come with each move.
    @transition(field=state, source=[S.DRAFT, S.SENT_BACK], target=S.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=S.SUBMITTED, target=S.UNDER_REVIEW)
    def start_review(self):
        pass

    @transition(field=state, source=[S.SUBMITTED, S.UNDER_REVIEW], target=S.SENT_BACK)
    def send_back(self):
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
        source=[S.SUBMITTED, S.UNDER_REVIEW, S.SENT_BACK, S.IN_COMMITTEE],
        target=S.CLOSED,
    )
    def close(self):
        pass

    @transition(
        field=state,
        source=[S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.SENT_BACK, S.IN_COMMITTEE],
        target=S.WITHDRAWN,
    )
    def withdraw(self):
        pass


class DossierTransition(TransitionLog):
    """The log of a dossier's life: who moved it, when, from where to where, and why."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape de la vie d'un dossier")
        verbose_name_plural = _("historique des dossiers")


# Deciding and instructing belong to the coordination; submitting and withdrawing to the
# applicant (`dossiers.submit_dossier`, `dossiers.withdraw_dossier`, the defaults).
_INSTRUCT = "dossiers.instruct_dossier"
DOSSIER_WORKFLOW = Workflow(
    model=Dossier,
    log=DossierTransition,
    states=DossierState,
    actions={
        "create": AuditAction.CREATE,
        "extension": AuditAction.EXTENSION,
        "submit": AuditAction.SUBMIT,
        "start_review": AuditAction.START_REVIEW,
        "send_back": AuditAction.SEND_BACK,
        "send_to_committee": AuditAction.SEND_TO_COMMITTEE,
        "accept": AuditAction.ACCEPT,
        "refuse": AuditAction.REFUSE,
        "close": AuditAction.CLOSE,
        "withdraw": AuditAction.WITHDRAW,
    },
    perms=dict.fromkeys(
        ("start_review", "send_back", "send_to_committee", "accept", "refuse", "close"), _INSTRUCT
    ),
    editable=EDITABLE_STATES,
    stamps={
        "submit": ("submitted_at",),
        "accept": ("decided_at",),
        "refuse": ("decided_at",),
        "close": ("decided_at",),
    },
    # Reading the conversation and the private notes: never the committee's.
    more_abilities={
        "extend": "dossiers.extend_dossier",
        "view_messages": "dossiers.view_messages",
        "view_notes": "dossiers.view_notes",
    },
    refusal=_("Ce dossier est %(state)s : cette action n'est pas possible."),
    # What the eligibility engine and the frozen content read, fetched with the lock.
    queryset=lambda: Dossier.objects.for_content(),
)


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
    description = models.TextField(_("description"), blank=True, help_text=NO_MINOR_NAMES)
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


class DossierDocumentQuerySet(models.QuerySet):
    def attached_to_messages(self):
        """The attachments of the conversation: files sent with a message, not pieces of
        the dossier (`dossiers.view_messages` reads them)."""
        return self.filter(
            pk__in=DossierMessage.objects.filter(attachment__isnull=False).values("attachment")
        )

    def pieces(self):
        """The dossier's own pieces, without the conversation's attachments."""
        return self.exclude(
            pk__in=DossierMessage.objects.filter(attachment__isnull=False).values("attachment")
        )


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

    objects = DossierDocumentQuerySet.as_manager()

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
