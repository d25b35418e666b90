"""The coordinator's year: its régions' actions, filtered, on a calendar, a map and a list of
what is late. A fixed number of queries whatever the number of actions."""

import datetime
from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format

from lanterne.accounts.scoping import scope_for
from lanterne.calls.enums import ACTION_TYPE_KIND
from lanterne.projects.exports import region_actions, with_details, zones
from lanterne.projects.models import ActionSession, Project, Report
from lanterne.territories.enums import RuralScheme
from lanterne.territories.models import Region


def coordinated_regions(user) -> list[Region]:
    """The régions whose year the user may see; none means the page is not for this user."""
    scope = scope_for(user)
    if scope.is_superuser:
        regions = list(Region.objects.all())
    else:
        regions = list(Region.objects.filter(code__in=list(scope.coordinated_regions)))
    if not regions:
        raise PermissionDenied
    return regions


def selected_regions(request, regions: list[Region]) -> list[str]:
    code = request.GET.get("region", "").strip()
    codes = [region.code for region in regions]
    if not code:
        return codes
    if code not in codes:
        raise Http404
    return [code]


def _commune_filter(term: str) -> Q:
    term = term.strip()
    sessions = ActionSession.objects.filter(
        Q(place_commune__code__iexact=term) | Q(place_commune__name__icontains=term)
    ).values("action_id")
    return Q(commune__code__iexact=term) | Q(commune__name__icontains=term) | Q(pk__in=sessions)


def filtered_actions(codes: list[str], year: int, filters: dict):
    """The actions of the year matching the database filters (the zone one is applied after,
    from prefetched zonings, because it depends on each call's actions start)."""
    actions = region_actions(codes, year)
    if filters.get("commune"):
        actions = actions.filter(_commune_filter(filters["commune"]))
    if filters.get("kind"):
        types = [t for t, kind in ACTION_TYPE_KIND.items() if kind == filters["kind"]]
        actions = actions.filter(action_type__in=types)
    if filters.get("action_type"):
        actions = actions.filter(action_type=filters["action_type"])
    if filters.get("typology"):
        actions = actions.filter(typology=filters["typology"])
    if filters.get("zone"):
        actions = actions.filter(commune__isnull=False)
    return actions


def in_zone(action, zone: str) -> bool:
    area = zones(action)
    if zone == "qpv":
        return bool(area["qpv"])
    rural = area["rural"]
    return (
        rural is not None and rural.scheme == {"zrr": RuralScheme.ZRR, "frr": RuralScheme.FRR}[zone]
    )


def year_actions(codes: list[str], year: int, filters: dict) -> list:
    actions = with_details(filtered_actions(codes, year, filters)).order_by(
        "first_day", "project__title", "pk"
    )
    rows = list(actions)
    if filters.get("zone"):
        rows = [action for action in rows if in_zone(action, filters["zone"])]
    today = timezone.localdate()
    for action in rows:
        counts = list(action.participant_counts.all())
        action.beneficiaries_total = sum(c.count for c in counts)
        action.relays_total = sum(c.count for c in action.relay_counts.all())
        action.session_list = list(action.sessions.all())
        last_day = max((s.day for s in action.session_list), default=action.last_day)
        action.is_late = bool(last_day and last_day < today and not counts)
        action.position = position(action)
        action.area = zones(action)
    return rows


def position(action):
    """The action's commune, or else the first session's commune that has a position."""
    if action.commune is not None and action.commune.has_position:
        return action.commune
    for session in action.sessions.all():
        if session.place_commune is not None and session.place_commune.has_position:
            return session.place_commune
    return None


def calendar(actions: list) -> list[dict]:
    """Month by month, each session with its action; actions without a session apart."""
    months = defaultdict(list)
    for action in actions:
        for session in action.session_list:
            months[(session.day.year, session.day.month)].append((session, action))
    result = []
    for (year, month), entries in sorted(months.items()):
        entries.sort(key=lambda entry: (entry[0].day, entry[0].starts_at, entry[1].pk))
        result.append(
            {
                "label": date_format(datetime.date(year, month, 1), "F Y"),
                "slug": f"{year}-{month:02d}",
                "entries": entries,
            }
        )
    return result


def year_projects(codes: list[str], year: int):
    return (
        Project.objects.filter(call__region__in=codes, year=year)
        .select_related("applicant", "report", "call__region")
        .order_by("title", "pk")
    )


def late_reports(codes: list[str], year: int):
    return (
        Report.objects.filter(project__call__region__in=codes, project__year=year)
        .late_on(timezone.now())
        .select_related("project__applicant")
        .order_by("due_at", "project__title")
    )


def features(actions: list, url_for) -> dict:
    """GeoJSON of the actions that have a position."""
    items = []
    for action in actions:
        place = action.position
        if place is None:
            continue
        items.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                "properties": {
                    "name": action.title,
                    "url": url_for(action),
                    "kind_label": f"{action.kind_label} — {action.type_label}",
                    "commune": place.name,
                    "project": action.project.title,
                },
            }
        )
    return {"type": "FeatureCollection", "features": items}
