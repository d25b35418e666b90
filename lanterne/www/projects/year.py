"""The coordinator's year page, adapted from `lanterne.projects.selectors`: which régions the
request asks for (and of them the calls the user manages), which month, and the map's GeoJSON.
The reads themselves are selectors."""

import datetime
import re

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from lanterne.projects import selectors
from lanterne.projects.selectors import (
    LATE_LIMIT,
    counts,
    default_month,
    filtered_actions,
    late_actions,
    late_reports,
    month_sessions,
    months,
    table_page,
    undated_actions,
    year_calls,
    year_project_counts,
)
from lanterne.territories.models import Region

# The year views read these as `year.<name>`.
__all__ = [
    "LATE_LIMIT",
    "coordinated_regions",
    "counts",
    "default_month",
    "features",
    "filtered_actions",
    "late_actions",
    "late_reports",
    "month_sessions",
    "months",
    "parse_month",
    "selected_calls",
    "selected_regions",
    "table_page",
    "undated_actions",
    "url_for",
    "year_calls",
    "year_project_counts",
]

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def coordinated_regions(user) -> list[Region]:
    """The régions whose year the user may see; none means the page is not for this user."""
    regions = selectors.coordinated_regions(user)
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


def selected_calls(request, regions: list[Region]):
    """The calls of the selected régions that the user manages: what the year shows."""
    return selectors.year_scope(request.user, selected_regions(request, regions))


def url_for(name: str):
    """`pk → reverse(name, args=[pk])` for a URL whose only argument is a primary key, reversed
    once: a page of rows links each of them without a `reverse` per row."""
    pattern = reverse(name, args=[0])

    def url(pk) -> str:
        return pattern.replace("/0/", f"/{pk}/")

    return url


def parse_month(raw: str | None) -> datetime.date | None:
    match = MONTH_PATTERN.match((raw or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12 or not 1900 <= year <= 2999:
        return None
    return datetime.date(year, month, 1)


def features(actions, url_for, kind_label) -> dict:
    """GeoJSON of the actions that have a position: two queries whatever their number."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": {
                    "name": row["title"],
                    "url": url_for(row["pk"]),
                    "kind_label": kind_label(row["action_type"]),
                    "commune": row["commune"],
                    "project": row["project_title"],
                },
            }
            for row in selectors.placed_actions(actions)
        ],
    }
