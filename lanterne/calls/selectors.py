"""Reads of calls: the calls' part of each role's home page."""

from collections.abc import Set as AbstractSet

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope

from .models import Call

# Long lists on a dashboard are cut; the page says how many there are in all.
LIST_LIMIT = 20


def open_calls_in(regions: AbstractSet[str]) -> list[Call]:
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


def dashboard(
    user, scope: Scope, *, applicant_regions: AbstractSet[str] = frozenset()
) -> dict[str, dict]:
    """The calls' part of the home page: the calls open in the applicant's régions (those of
    its structures, which the network part has read). The coordinator's calls to instruct are
    the dossiers' part (`lanterne.dossiers.selectors.calls_to_instruct`)."""
    parts = {}
    if Role.APPLICANT in scope.roles:
        parts[str(Role.APPLICANT)] = {"open_calls": open_calls_in(applicant_regions)}
    return parts
