"""Reads of committees: the committee's part of each role's home page."""

from django.db.models import Count, Q

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope
from lanterne.network.models import Structure

from .models import CommitteeSession

# Long lists on a dashboard are cut; the page says how many there are in all.
LIST_LIMIT = 20


def dashboard(user, scope: Scope) -> dict[str, dict]:
    """A committee member's institutions and open sessions, with the opinions it still owes."""
    if Role.COMMITTEE_MEMBER not in scope.roles:
        return {}
    # Closed sessions are not listed but counted: « none assigned » would be false.
    closed_count = CommitteeSession.objects.filter(members=user, is_closed=True).count()
    sessions = list(
        CommitteeSession.objects.filter(members=user, is_closed=False)
        .select_related("call")
        .annotate(
            dossier_count=Count("dossiers", distinct=True),
            my_opinion_count=Count("opinions", filter=Q(opinions__member=user), distinct=True),
        )
        .order_by("meets_at")[:LIST_LIMIT]
    )
    for session in sessions:
        # An attribute for the template, beside the annotations.
        awaiting = max(session.dossier_count - session.my_opinion_count, 0)
        session.awaiting_count = awaiting  # type: ignore[attr-defined]
    institutions = Structure.objects.filter(
        pk__in=scope.structures_with_role(Role.COMMITTEE_MEMBER)
    ).order_by("name")
    return {
        str(Role.COMMITTEE_MEMBER): {
            "institutions": list(institutions),
            "sessions": sessions,
            "closed_count": closed_count,
        }
    }
