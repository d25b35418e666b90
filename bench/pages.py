"""The pages the load script measures, and how one request is measured.

Imported only once Django is set up (`bench.environment.configure`).
"""

import time
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from lanterne.accounts.enums import Role
from lanterne.accounts.models import User
from lanterne.accounts.scoping import scope_for
from lanterne.network.models import Pole, Structure
from lanterne.territories.models import Region

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"
# The project allows localhost and 127.0.0.1; the test client's default host is "testserver".
HOST = "localhost"


@dataclass
class Page:
    label: str
    urls: list[str] = field(default_factory=list)
    client: str = "anonymous"
    note: str = ""  # why it cannot be measured ("not available")
    is_baseline: bool = False
    # Empty every cache before each request (untimed): the cost of a miss, not of a hit.
    cold_cache: bool = False

    @property
    def available(self) -> bool:
        return bool(self.urls) and not self.note


@dataclass
class Samples:
    milliseconds: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)
    error: str = ""


def _url(name: str, *args, query: str = "") -> str | None:
    try:
        url = reverse(name, args=args or None)
    except NoReverseMatch:
        return None
    return f"{url}?{query}" if query else url


def _page(label: str, urls: list[str | None], client: str = "anonymous", **kwargs) -> Page:
    if not urls or any(url is None for url in urls):
        return Page(label, client=client, note="not available", **kwargs)
    return Page(label, [url for url in urls if url], client=client, **kwargs)


def sample_users(region: str = "84") -> dict[str, User | None]:
    """An applicant, and a coordinator of `region`'s pôle (else of any mission), each holding
    that one role: the same kind of visitor at every scale, so that query counts compare."""
    single_role = User.objects.annotate(roles=Count("memberships")).filter(roles=1, is_active=True)
    coordinators = single_role.filter(memberships__role=Role.COORDINATOR).order_by("pk")
    return {
        "coordinator": (
            coordinators.filter(memberships__structure__poles__region=region).first()
            or coordinators.first()
        ),
        "applicant": single_role.filter(memberships__role=Role.APPLICANT).order_by("pk").first(),
    }


def sample_structures(coordinator: User | None) -> dict[str, list[str]]:
    """Slugs of a few different structures: the most contacts, a pôle's carrier, one located
    only by its commune, an ordinary one; and, for the coordinator, unlisted ones it reaches."""
    listed = Structure.objects.listed()
    chosen: list[str] = []
    candidates = [
        (listed.annotate(contacts=Count("affiliations")).order_by("-contacts", "pk"), 0),
        (listed.filter(pk__in=Pole.carriers.through.objects.values("structure_id")), 0),
        (listed.filter(latitude__isnull=True), 0),
        (listed, listed.count() // 2),
    ]
    for queryset, offset in candidates:
        rest = queryset.exclude(slug__in=chosen).order_by(*queryset.query.order_by, "name", "pk")
        slug = rest.values_list("slug", flat=True)[offset : offset + 1].first()
        if slug:
            chosen.append(slug)
    private: list[str] = []
    if coordinator is not None:
        scope = scope_for(coordinator)
        private = list(
            Structure.objects.filter(is_listed=False)
            .filter(commune__departement__in=list(scope.coordinated_departements))
            .order_by("pk")
            .values_list("slug", flat=True)[:3]
        )
    return {"anonymous": chosen, "coordinator": private}


def plan(*, search: str = "saint") -> list[Page]:
    """Every page to measure; a URL name that does not resolve yet is "not available"."""
    users = sample_users()
    slugs = sample_structures(users["coordinator"])
    region = (
        Region.objects.filter(code="84").values_list("code", flat=True).first()
        or Region.objects.order_by("code").values_list("code", flat=True).first()
        or ""
    )
    later_page = max(2, Structure.objects.listed().count() // 25 // 2)
    # The map's detail where it is largest: the commune with the most structures, its département.
    busiest = (
        Structure.objects.listed()
        .exclude(commune=None)
        .values("commune", "commune__departement")
        .annotate(structures=Count("pk"))
        .order_by("-structures", "commune")
        .first()
    ) or {"commune": None, "commune__departement": None}
    pages = [
        _page("baseline /sante/ (1 query)", [_url("health")], is_baseline=True),
        _page("directory", [_url("www:directory")]),
        _page(f"directory ?q={search}", [_url("www:directory", query=f"q={search}")]),
        _page(
            "directory ?kind&region",
            [_url("www:directory", query=f"kind=cultural_actor&region={region}")],
        ),
        _page(
            "directory, later page",
            [_url("www:directory", query=f"page={later_page}")],
        ),
        _page("directory (coordinator)", [_url("www:directory")], client="coordinator"),
        _page(
            f"structure ({len(slugs['anonymous'])} pages)",
            [_url("www:structure", slug) for slug in slugs["anonymous"]],
        ),
        _page(
            f"structure unlisted (coordinator, {len(slugs['coordinator'])})",
            [_url("www:structure", slug) for slug in slugs["coordinator"]],
            client="coordinator",
        ),
        _page("map data", [_url("www:map_data")]),
        _page("map data (cold cache)", [_url("www:map_data")], cold_cache=True),
        _page("map data ?region", [_url("www:map_data", query=f"region={region}")]),
        _page(
            "map data, a département (cold cache)",
            [
                busiest["commune"]
                and _url("www:map_data", query=f"departement={busiest['commune__departement']}")
            ],
            cold_cache=True,
        ),
        _page(
            "map data, a commune's list (cold cache)",
            [busiest["commune"] and _url("www:map_commune", busiest["commune"])],
            cold_cache=True,
        ),
        _page("map page", [_url("www:map")]),
        _page("home (coordinator)", [_url("www:home")], client="coordinator"),
        _page("home (applicant)", [_url("www:home")], client="applicant"),
        *call_pages(users["coordinator"]),
        *project_pages(users["coordinator"]),
    ]
    for page in pages:
        if page.client != "anonymous" and users.get(page.client) is None:
            page.note = f"no {page.client} in the data"
    return pages


def call_pages(coordinator: User | None) -> list[Page]:
    """The coordinator's dossier list of its latest call, dossier pages, eligibility, export."""
    from lanterne.calls.models import Call
    from lanterne.dossiers.models import Dossier

    call = (
        Call.objects.managed_by(coordinator).order_by("-year", "pk").first()
        if coordinator
        else None
    )
    if call is None:
        return [Page("calls and dossiers (coordinator)", note="no call in the data")]
    dossier_ids = list(
        Dossier.objects.filter(call=call).order_by("pk").values_list("pk", flat=True)[:5]
    )
    return [
        _page("call dossiers (coordinator)", [_url("calls:dossiers", call.slug)], "coordinator"),
        _page(
            f"dossier page (coordinator, {len(dossier_ids)})",
            [_url("dossiers:detail", pk) for pk in dossier_ids],
            "coordinator",
        ),
        _page(
            "dossier eligibility page",
            [_url("dossiers:eligibility", pk) for pk in dossier_ids],
            "coordinator",
        ),
        _page(
            "API dossier eligibility",
            [f"/api/v1/dossiers/{pk}/eligibility/" for pk in dossier_ids],
            "coordinator",
        ),
        _page("call export XLSX", [_url("calls:export", call.slug, "xlsx")], "coordinator"),
    ]


def project_pages(coordinator: User | None) -> list[Page]:
    """The coordinator's year view of its latest year with projects, the actions export (XLSX,
    CSV) and a few project pages. A URL name that does not resolve yet is "not available"."""
    from lanterne.projects.models import Project

    projects = Project.objects.visible_to(coordinator) if coordinator else Project.objects.none()
    year = projects.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return [Page("projects (coordinator)", note="no project in the data")]
    project_ids = list(projects.filter(year=year).order_by("pk").values_list("pk", flat=True)[:5])
    return [
        _page(
            f"projects year view {year} (coordinator)", [_url("projects:year", year)], "coordinator"
        ),
        _page("projects export XLSX", [_url("projects:export", year, "xlsx")], "coordinator"),
        _page("projects export CSV", [_url("projects:export", year, "csv")], "coordinator"),
        _page(
            "project pages (coordinator)",
            [_url("projects:detail", pk) for pk in project_ids],
            "coordinator",
        ),
    ]


def clients() -> dict[str, Client]:
    """One client per visitor; signed-in ones are logged in once, as a browser would be."""
    users = sample_users()
    result = {"anonymous": Client(HTTP_HOST=HOST)}
    for name, user in users.items():
        if user is not None:
            client = Client(HTTP_HOST=HOST)
            client.force_login(user, backend=AUTH_BACKEND)
            pass_second_factor(client, user)
            result[name] = client
    return result


def pass_second_factor(client: Client, user: User) -> None:
    """Mark the session as having given its second factor, as `django_otp.login` does: a
    coordinator must have one, and without it every page is a redirect to the enrolment.
    The user gets an authenticator device if it has none (the benchmark data is throwaway)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def measure_once(client: Client, url: str) -> tuple[float, int, int]:
    """Wall time in milliseconds, SQL queries and HTTP status of one request."""
    # The context keeps at most 9 000 queries and stops the per-request reset while it runs:
    # empty the log first, or counts drop to zero once it is full.
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        started = time.perf_counter()
        response = client.get(url)
        if response.streaming:  # a streamed export: its rows are produced while it is read
            for _chunk in response.streaming_content:
                pass
        elapsed = time.perf_counter() - started
    return elapsed * 1000, len(context.captured_queries), response.status_code


def run(pages: list[Page], *, requests: int, warmup: int) -> dict[str, Samples]:
    """Requests interleaved across pages, so that the machine's noise hits every page alike.

    Cold-cache pages come in a second phase: emptying the caches mid-round would turn the
    other pages' hits into misses.
    """
    visitors = clients()
    samples = {page.label: Samples() for page in pages if page.available}
    for cold in (False, True):
        phase = [page for page in pages if page.available and page.cold_cache == cold]
        for round_number in range(warmup + requests if phase else 0):
            for page in phase:
                sample = samples[page.label]
                if sample.error:
                    continue
                url = page.urls[round_number % len(page.urls)]
                if cold:
                    for cache in caches.all():
                        cache.clear()
                try:
                    milliseconds, queries, status = measure_once(visitors[page.client], url)
                except Exception as error:  # a view under construction: report it, keep going
                    sample.error = f"{type(error).__name__}: {error}"[:120]
                    continue
                if round_number >= warmup:
                    sample.milliseconds.append(milliseconds)
                    sample.queries.append(queries)
                    sample.statuses.add(status)
    return samples
