from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from lanterne.network.enums import StructureKind
from lanterne.network.models import Structure
from lanterne.www.directory.forms import MapFilterForm, filter_structures

_SLUG_PLACEHOLDER = "--slug--"


def _rows(user, filters: dict, *, located_only: bool = False) -> list[dict]:
    """The visible, filtered structures as plain rows: one query, no model instances."""
    queryset = filter_structures(Structure.objects.visible_to(user), **filters).with_position()
    if located_only:
        queryset = queryset.filter(lat__isnull=False, lon__isnull=False)
    rows = list(
        queryset.order_by("name").values(
            "slug", "name", "acronym", "kind", "latitude", "lat", "lon", "commune__name"
        )
    )
    url_pattern = reverse("www:structure", args=[_SLUG_PLACEHOLDER])
    kinds = dict(StructureKind.choices)
    for row in rows:
        row["url"] = url_pattern.replace(_SLUG_PLACEHOLDER, row["slug"])
        row["kind_label"] = str(kinds.get(row["kind"], row["kind"]))
        row["approximate"] = row["latitude"] is None and row["lat"] is not None
    return rows


@login_not_required
@require_safe
def structure_map(request):
    """The map page; its table lists the same structures for whoever cannot use the map."""
    form = MapFilterForm(request.GET or None)
    rows = _rows(request.user, form.filters())
    located = [row for row in rows if row["lat"] is not None]
    context = {
        "form": form,
        "located": located,
        "unlocated_count": len(rows) - len(located),
        "is_filtered": bool(form.filters()),
    }
    return render(request, "www/map/map.html", context)


@login_not_required
@require_safe
def map_data(request):
    """GeoJSON FeatureCollection of the visible structures that have a position.

    Filters are read without the form so that the whole answer is one query: an unknown
    région code simply matches nothing.
    """
    kind = request.GET.get("kind", "")
    filters = {
        "kind": kind if kind in StructureKind.values else "",
        "region": request.GET.get("region", "")[:3],
    }
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
        for row in _rows(request.user, filters, located_only=True)
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
