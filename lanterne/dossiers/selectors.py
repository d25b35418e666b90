"""Reads of dossiers: budget totals, last year's accepted dossier of an applicant, and the
dossiers' part of each role's home page.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Count, FilteredRelation, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope
from lanterne.calls.enums import AuditAction as CallAuditAction
from lanterne.calls.models import Call, CallMilestone
from lanterne.core.models import AuditEvent

from .enums import BudgetSide, DossierState
from .models import Dossier

# Long lists on a dashboard are cut; the page says how many there are in all.
LIST_LIMIT = 20


@dataclass(frozen=True)
class BudgetTotals:
    """A dossier's budget summed: expenses, resources, and the resources asked of each funder.

    The Python twin of `DossierQuerySet.with_budget_totals` (which sums in the database, for
    lists): the same sums, over lines already in memory.
    """

    expenses: Decimal = Decimal(0)
    resources: Decimal = Decimal(0)
    has_expenses: bool = False
    has_resources: bool = False
    by_funder: dict[str, Decimal] = field(default_factory=dict)

    @property
    def balance(self) -> Decimal:
        return self.resources - self.expenses

    def request_to(self, funder: str) -> Decimal:
        """What the budget asks of `funder` (zero when it asks nothing)."""
        return self.by_funder.get(funder, Decimal(0))


def budget_totals(lines) -> BudgetTotals:
    """The totals of budget lines (`dossier.budget_lines.all()`, prefetched for a list)."""
    expenses = resources = Decimal(0)
    has_expenses = has_resources = False
    by_funder: dict[str, Decimal] = {}
    for line in lines:
        if line.side == BudgetSide.EXPENSE:
            expenses += line.amount
            has_expenses = True
        elif line.side == BudgetSide.RESOURCE:
            resources += line.amount
            has_resources = True
            by_funder[line.funder] = by_funder.get(line.funder, Decimal(0)) + line.amount
    return BudgetTotals(expenses, resources, has_expenses, has_resources, by_funder)


def previous_dossiers(call, applicants) -> dict:
    """Each applicant's last accepted dossier of an earlier call of the same région, by
    applicant id (one query). A dossier started on `call` may carry its content over."""
    previous = {}
    for dossier in (
        Dossier.objects.filter(
            applicant__in=applicants,
            call__region_id=call.region_id,
            call__year__lt=call.year,
            state=DossierState.ACCEPTED,
        )
        .select_related("call")
        .order_by("call__year")
    ):
        previous[dossier.applicant_id] = dossier
    return previous


def previous_dossier(applicant, call) -> Dossier | None:
    """`previous_dossiers` for one applicant."""
    return previous_dossiers(call, [applicant]).get(applicant.pk)


def dashboard(user, scope: Scope) -> dict[str, dict]:
    """The dossiers' part of the home page: the applicant's latest dossiers, the coordinator's
    calls with dossiers to instruct."""
    parts: dict[str, dict] = {}
    if Role.APPLICANT in scope.roles:
        dossiers = (
            Dossier.objects.filter(applicant__in=list(scope.structures_with_role(Role.APPLICANT)))
            .select_related("call", "applicant")
            .order_by("-created_at")
        )
        parts[str(Role.APPLICANT)] = {"dossiers": list(dossiers[:LIST_LIMIT])}
    if Role.COORDINATOR in scope.roles:
        parts[str(Role.COORDINATOR)] = calls_to_instruct(user)
    return parts


def calls_to_instruct(user) -> dict:
    """The coordinator's calls with dossiers waiting for it, and the next dated steps."""

    waiting = [DossierState.SUBMITTED, DossierState.UNDER_REVIEW, DossierState.SENT_BACK]

    def count(state):
        return Count("waiting__state", filter=Q(waiting__state=state))

    managed = Call.objects.managed_by(user)
    calls = (
        # Only the waiting dossiers are joined, and their state counted: the index on call and
        # state answers alone, and a call's drafts, decided and closed dossiers are not read.
        managed.alias(
            waiting=FilteredRelation("dossiers", condition=Q(dossiers__state__in=waiting))
        )
        .annotate(
            submitted_count=count(DossierState.SUBMITTED),
            under_review_count=count(DossierState.UNDER_REVIEW),
            sent_back_count=count(DossierState.SENT_BACK),
        )
        .filter(Q(submitted_count__gt=0) | Q(under_review_count__gt=0) | Q(sent_back_count__gt=0))
        .order_by("-year", "title")
    )
    milestones = (
        CallMilestone.objects.filter(call__in=managed, starts_at__gte=timezone.now())
        .select_related("call")
        .order_by("starts_at")
    )
    return {
        "calls_to_instruct": list(calls[:LIST_LIMIT]),
        "upcoming_milestones": list(milestones[:LIST_LIMIT]),
    }


def hidden_documents(dossier: Dossier, user) -> frozenset[int]:
    """The documents of `dossier` kept from `user`: the conversation's attachments, unless
    `user` may read the conversation (`dossiers.view_messages`; the committee never does)."""
    if user is not None and user.has_perm("dossiers.view_messages", dossier):
        return frozenset()
    return frozenset(dossier.documents.attached_to_messages().values_list("pk", flat=True))


def _keys(queryset: QuerySet) -> QuerySet:
    """The primary keys of `queryset` as the trail stores them (text), for a subquery."""
    return queryset.order_by().annotate(key=Cast("pk", CharField())).values("key")


def audit_trail(dossiers: QuerySet[Dossier], *, calls: QuerySet[Call] | None = None):
    """The trail of `dossiers` (already scoped by the caller), newest first: their life, who
    of the committee opened them, who downloaded which file, what the admin changed; with
    `calls`, the exports of those calls' dossiers too."""
    query = Q(object_type=Dossier._meta.label_lower, object_id__in=_keys(dossiers))
    if calls is not None:
        query |= Q(object_type=Call._meta.label_lower, object_id__in=_keys(calls)) & Q(
            action=CallAuditAction.EXPORT
        )
    return AuditEvent.objects.filter(query).select_related("actor").order_by("-at", "-pk")


def national_counts(year: int) -> dict[str | None, dict[str, int]]:
    """The dossiers of the year's calls, by région of the call and by state: région code →
    state → count. One query (GROUP BY); a pair with no dossier is absent, not zero."""
    rows = (
        Dossier.objects.filter(call__year=year)
        .values_list("call__region_id", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[str | None, dict[str, int]] = {}
    for region, state, n in rows:
        result.setdefault(region, {})[state] = n
    return result
