"""Reads of calls: the calls' part of each role's home page."""

from django.db.models import Count, Q
from django.utils import timezone

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope

from .enums import DossierState
from .models import Call, CallMilestone

# Long lists on a dashboard are cut; the page says how many there are in all.
LIST_LIMIT = 20


def open_calls_in(regions: set[str]) -> list[Call]:
    """The calls open now in these régions, with their calendar (none asked: no query)."""
    if not regions:
        return []
    return list(
        Call.objects.open()
        .filter(region__in=regions)
        .with_calendar()
        .select_related("region")
        .order_by("title")
    )


def calls_to_instruct(user) -> dict:
    """The coordinator's calls with dossiers waiting for it, and the next dated steps."""

    def count(state):
        return Count("dossiers", filter=Q(dossiers__state=state))

    managed = Call.objects.managed_by(user)
    calls = (
        managed.annotate(
            submitted_count=count(DossierState.SUBMITTED),
            under_review_count=count(DossierState.UNDER_REVIEW),
            returned_count=count(DossierState.RETURNED),
        )
        .filter(Q(submitted_count__gt=0) | Q(under_review_count__gt=0) | Q(returned_count__gt=0))
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


def dashboard(user, scope: Scope, *, applicant_regions: set[str] = frozenset()) -> dict[str, dict]:
    """The calls' part of the home page: the calls open in the applicant's régions (those of
    its structures, which the network part has read), the coordinator's calls to instruct."""
    parts = {}
    if Role.APPLICANT in scope.roles:
        parts[str(Role.APPLICANT)] = {"open_calls": open_calls_in(applicant_regions)}
    if Role.COORDINATOR in scope.roles:
        parts[str(Role.COORDINATOR)] = calls_to_instruct(user)
    return parts
