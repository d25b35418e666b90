import json

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_safe

from lanterne.core.choices import choice_label
from lanterne.network.caching import cached, structures_cache_key
from lanterne.network.enums import StructureKind
from lanterne.network.selectors import map_structures
from lanterne.www.directory.forms import MapFilterForm

_SLUG_PLACEHOLDER = "--slug--"
TABLE_PAGE_SIZE = 50


def _as_rows(values) -> list[dict]:
    """Plain rows with their page URL, type label and whether the position is approximate."""
    url_pattern = reverse("www:structure", args=[_SLUG_PLACEHOLDER])
    rows = list(values)
    for row in rows:
        row["url"] = url_pattern.replace(_SLUG_PLACEHOLDER, row["slug"])
        row["kind_label"] = capfirst(choice_label(StructureKind, row["kind"]))
        row["approximate"] = row["latitude"] is None and row["lat"] is not None
    return rows


_ROW_FIELDS = ("slug", "name", "acronym", "kind", "latitude", "lat", "lon", "commune__name")


@login_not_required
@require_safe
def structure_map(request):
    """The map page; its table lists the same structures, page by page, for whoever cannot
    use the map."""
    form = MapFilterForm(request.GET or None)
    structures = map_structures(request.user, form.filters())
    located_filter = Q(lat__isnull=False, lon__isnull=False)
    counts = structures.aggregate(total=Count("pk"), located=Count("pk", filter=located_filter))
    located = structures.filter(located_filter).order_by("name", "pk").values(*_ROW_FIELDS)
    paginator = Paginator(located, TABLE_PAGE_SIZE)
    # The count is already known: spare the paginator its own COUNT query.
    paginator.count = counts["located"]
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": _as_rows(page.object_list),
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "located_count": counts["located"],
        "unlocated_count": counts["total"] - counts["located"],
        "is_filtered": bool(form.filters()),
    }
    return render(request, "www/map/map.html", context)


@login_not_required
@require_safe
def map_data(request):
    """GeoJSON FeatureCollection of the visible structures that have a position.

    Filters are read without the form: an unknown région code simply matches nothing. The
    answer is cached by data version, reach, filters and language: a hit costs one query.
    """
    kind = request.GET.get("kind", "")
    filters = {
        "kind": kind if kind in StructureKind.values else "",
        "region": request.GET.get("region", "")[:3],
    }
    key = structures_cache_key("map-data", request.user, filters)

    def geojson() -> bytes:
        located = map_structures(request.user, filters).filter(lat__isnull=False, lon__isnull=False)
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": {
                    "name": row["name"],
                    "acronym": row["acronym"],
                    "url": row["url"],
                    "kind": row["kind"],
                    "kind_label": row["kind_label"],
                    "commune": row["commune__name"] or "",
                    "approximate": row["approximate"],
                },
            }
            for row in _as_rows(located.values(*_ROW_FIELDS))
        ]
        return json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()

    return HttpResponse(cached(key, geojson), content_type="application/geo+json")
