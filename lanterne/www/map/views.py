import json
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.text import capfirst
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from lanterne.core.choices import choice_label
from lanterne.network.caching import cached, lookup, structures_cache_key
from lanterne.network.enums import StructureKind
from lanterne.network.selectors import (
    ON_MAP,
    map_commune_structures,
    map_communes,
    map_departements,
    map_structures,
)
from lanterne.www.directory.forms import MapFilterForm

_PLACEHOLDER = "--placeholder--"
TABLE_PAGE_SIZE = 50
# A commune's popup lists its structures this many at a time.
COMMUNE_PAGE_SIZE = 20
# Enough for any real commune; a larger page number is refused rather than scanned for.
MAX_COMMUNE_PAGE = 1000


def _as_rows(values) -> list[dict]:
    """Plain rows with their page URL, type label and whether the position is approximate."""
    url_pattern = reverse("www:structure", args=[_PLACEHOLDER])
    rows = list(values)
    for row in rows:
        row["url"] = url_pattern.replace(_PLACEHOLDER, row["slug"])
        row["kind_label"] = capfirst(choice_label(StructureKind, row["kind"]))
        row["approximate"] = row["latitude"] is None and row["lat"] is not None
    return rows


_ROW_FIELDS = ("slug", "name", "acronym", "kind", "latitude", "lat", "lon", "commune__name")


def _map_content(request) -> str:
    """The page's content: filters, counts, the map's element and the table's page. It depends
    only on the query string, the language and the structures the visitor sees, and holds
    neither a CSRF token (a GET form) nor a nonce."""
    form = MapFilterForm(request.GET or None)
    structures = map_structures(request.user, form.filters())

    def count() -> dict:
        return structures.aggregate(total=Count("pk"), located=Count("pk", filter=ON_MAP))

    # Counting every structure is the page's costliest query: shared with every process.
    counts = cached(structures_cache_key("map-counts", request.user, form.filters()), count)
    located = structures.filter(ON_MAP).order_by("name", "pk").values(*_ROW_FIELDS)
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
    return render_to_string("www/map/_content.html", context, request)


@login_not_required
@require_safe
def structure_map(request):
    """The map page; its table lists the same structures, page by page, for whoever cannot
    use the map. Its content is rendered once for every visitor who sees the same structures
    with the same query string and language, until a structure or a territory changes."""
    key = structures_cache_key(
        "map-page", request.user, sorted(request.GET.lists()), settings.MAP_TILE_URL
    )
    content = lookup(key).get_or_compute(lambda: _map_content(request))
    return render(request, "www/map/map.html", {"content_html": content})


# ---------------------------------------------------------------------------------------------
# The map's data: départements, then a département's communes, then a commune's structures.
# Each answer is bounded by territories, not by structures; it is cached in the cache every
# process shares, compressed, and carries an ETag known before it is computed.
# ---------------------------------------------------------------------------------------------


def _filters(request) -> dict:
    """Read without the form: an unknown région code simply matches nothing."""
    kind = request.GET.get("kind", "")
    return {
        "kind": kind if kind in StructureKind.values else "",
        "region": request.GET.get("region", "")[:3],
    }


def _with_query(url: str, filters: dict, **extra) -> str:
    query = urlencode({name: value for name, value in {**filters, **extra}.items() if value})
    return f"{url}?{query}" if query else url


def _as_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class _Kinds:
    """Each point's count per type, labelled in the active language (looked up once: an
    enum's `values` and `choices` are rebuilt on every access)."""

    def __init__(self):
        self.labels = [
            (f"kind_{kind}", capfirst(choice_label(StructureKind, kind)))
            for kind in StructureKind.values
        ]

    def of(self, row: dict) -> list[dict]:
        return [{"label": label, "count": row[key]} for key, label in self.labels if row[key]]


def _feature(lon: float, lat: float, properties: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
        "properties": properties,
    }


def _validated(request, key: str, compute: Callable[[], bytes], content_type: str):
    """The cached answer under `key`, or 304 when the client already holds it.

    The ETag comes with the cache lookup: a revalidation costs what a hit costs, and a client
    holding the current version gets its 304 even when the entry was evicted. The data is
    public or scoped to the visitor's reach, never secret: compressing it is safe (BREACH needs
    a secret in the body).
    """
    entry = lookup(key)
    etag = quote_etag(entry.version)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(entry.get_or_compute(compute), content_type=content_type)
    response["ETag"] = etag
    # Revalidate every time (a change shows at once); the answer depends on who asks.
    authenticated = request.user.is_authenticated
    patch_cache_control(response, no_cache=True, private=authenticated, public=not authenticated)
    return response


@login_not_required
@require_safe
@gzip_page
def map_data(request):
    """GeoJSON of the visible structures on the map, gathered by territory.

    Without `departement`: one point per département (the national view); with it, one point
    per commune of that département (the detail, fetched for the départements in view).
    Each point has its count, its count per type and, for a département, the box to zoom to.
    """
    filters = _filters(request)
    departement = request.GET.get("departement", "")[:3]
    key = structures_cache_key("map-data", request.user, filters, departement)
    data_url = reverse("www:map_data")
    commune_url = reverse("www:map_commune", args=[_PLACEHOLDER])

    def departements() -> list[dict]:
        kinds = _Kinds()
        return [
            _feature(
                row["mean_lon"],
                row["mean_lat"],
                {
                    "code": row["commune__departement"],
                    "name": row["commune__departement__name"],
                    "count": row["count"],
                    "kinds": kinds.of(row),
                    "bbox": [row["west"], row["south"], row["east"], row["north"]],
                    "url": _with_query(data_url, filters, departement=row["commune__departement"]),
                },
            )
            for row in map_departements(request.user, filters)
        ]

    def communes() -> list[dict]:
        kinds = _Kinds()
        features = []
        for row in map_communes(request.user, filters, departement):
            # The commune's centre when known; else where its structures are.
            has_centre = row["commune__latitude"] is not None
            has_centre = has_centre and row["commune__longitude"] is not None
            lon = row["commune__longitude"] if has_centre else row["mean_lon"]
            lat = row["commune__latitude"] if has_centre else row["mean_lat"]
            url = commune_url.replace(_PLACEHOLDER, row["commune"])
            properties = {
                "code": row["commune"],
                "name": row["commune__name"],
                "count": row["count"],
                "kinds": kinds.of(row),
                "url": _with_query(url, filters),
            }
            features.append(_feature(lon, lat, properties))
        return features

    def geojson() -> bytes:
        features = communes() if departement else departements()
        return _as_json({"type": "FeatureCollection", "features": features})

    return _validated(request, key, geojson, "application/geo+json")


def _page_number(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        return 1
    return min(max(number, 1), MAX_COMMUNE_PAGE)


@login_not_required
@require_safe
@gzip_page
def map_commune(request, code: str):
    """The structures of one commune's marker, a page at a time, by name (JSON)."""
    filters = _filters(request)
    code = code[:5]
    number = _page_number(request.GET.get("page", "1"))
    key = structures_cache_key("map-commune", request.user, filters, code, number)

    def structures() -> bytes:
        start = (number - 1) * COMMUNE_PAGE_SIZE
        found = map_commune_structures(request.user, filters, code).values(*_ROW_FIELDS)
        rows = _as_rows(found[start : start + COMMUNE_PAGE_SIZE + 1])
        url = reverse("www:map_commune", args=[code])
        more = len(rows) > COMMUNE_PAGE_SIZE
        return _as_json(
            {
                "structures": [
                    {
                        "name": row["name"],
                        "acronym": row["acronym"],
                        "url": row["url"],
                        "kind_label": row["kind_label"],
                    }
                    for row in rows[:COMMUNE_PAGE_SIZE]
                ],
                "next": _with_query(url, filters, page=number + 1) if more else None,
            }
        )

    return _validated(request, key, structures, "application/json")
