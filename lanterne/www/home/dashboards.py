"""What each role has to do, for the signed-in home page: each app's `dashboard(user, scope)`
selector gives its part for the roles the user holds; this module puts them together. And the
national network's dashboard: the aggregates of every app, by year and by région.

A fixed number of queries, whatever the number of rows.
"""

from dataclasses import dataclass

from django.utils import timezone

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope
from lanterne.calls import selectors as calls
from lanterne.committee import selectors as committee
from lanterne.dossiers import selectors as dossiers
from lanterne.dossiers.enums import DossierState
from lanterne.network import selectors as network
from lanterne.observatory import selectors as observatory
from lanterne.projects import selectors as projects
from lanterne.territories.models import Region


def dashboards_for(user, scope: Scope) -> dict:
    """One entry per role the user holds (the template shows them in a fixed order)."""
    result = {}
    network_parts = network.dashboard(user, scope)
    applicant = network_parts.get(str(Role.APPLICANT))
    regions = network.applicant_regions(applicant) if applicant is not None else set()
    for parts in (
        network_parts,
        dossiers.dashboard(user, scope),
        calls.dashboard(user, scope, applicant_regions=regions),
        committee.dashboard(user, scope),
        projects.dashboard(user, scope),
    ):
        for role, values in parts.items():
            result.setdefault(role, {}).update(values)
    coordinator = result.get(str(Role.COORDINATOR))
    if coordinator is not None:
        # « Every structure has a SIRET » says nothing of a perimeter without structures.
        coordinator["structure_count"] = sum(n for _label, n in coordinator["by_kind"])
    if applicant is not None:
        # The open calls are those of the régions of the applicant's structures: without a
        # commune, the page cannot say that none is open « in your région ».
        result[str(Role.APPLICANT)]["regions_known"] = bool(regions)
    return {str(role): result[str(role)] for role in Role if str(role) in result}


@dataclass
class RegionRow:
    """One région's line of the national dashboard; `None` where there is nothing to count
    (no call that year), shown as such and never as 0."""

    region: Region
    calls: int
    dossiers: list[int]
    dossiers_total: int
    projects: int
    actions: int
    reports: int
    reports_submitted: int
    reports_accepted: int
    reports_late: int


def national_dashboard(requested_year: int | None) -> dict:
    """The national network's figures for a year (the one requested if it has calls, else
    the latest with projects, else the latest with calls): dossiers by state and région,
    projects and actions by year and by région, bilans late, the observatory collection's
    progress. A fixed number of queries whatever the size of the network."""
    years = calls.call_years()
    by_year = projects.national_by_year()
    with_projects = [row["year"] for row in by_year if row["year"] in years]
    if requested_year in years:
        year = requested_year
    elif with_projects:
        # By default the latest year with projects: the one whose every figure is there.
        year = max(with_projects)
    else:
        year = years[0] if years else timezone.localdate().year
    call_counts = calls.national_call_counts(year)
    dossier_counts = dossiers.national_counts(year)
    project_counts = projects.national_by_region(year)
    states = list(DossierState)
    rows, without_call = [], []
    for region in Region.objects.order_by("name"):
        if region.code not in call_counts:
            without_call.append(region)
            continue
        by_state = dossier_counts.get(region.code, {})
        figures = project_counts.get(region.code, {})
        rows.append(
            RegionRow(
                region=region,
                calls=call_counts[region.code],
                dossiers=[by_state.get(state, 0) for state in states],
                dossiers_total=sum(by_state.values()),
                projects=figures.get("projects", 0),
                actions=figures.get("actions", 0),
                reports=figures.get("reports", 0),
                reports_submitted=figures.get("reports_submitted", 0),
                reports_accepted=figures.get("reports_accepted", 0),
                reports_late=figures.get("reports_late", 0),
            )
        )
    campaign = observatory.current_campaign()
    return {
        "year": year,
        "years": years,
        "states": [state.label for state in states],
        "rows": rows,
        "regions_without_call": without_call,
        "by_year": by_year,
        "reports_late": sum(row.reports_late for row in rows),
        "progress": observatory.collection_progress(campaign) if campaign else None,
    }
