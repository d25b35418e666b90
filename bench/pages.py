"""The pages the load script measures, and how one request is measured.

Imported only once Django is set up (`bench.environment.configure`).
"""

import math
import time
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from bench.load import ANONYMOUS, EXPORT_TARGET_MS, SIGNED_IN
from lanterne.accounts.enums import Role
from lanterne.accounts.models import User
from lanterne.accounts.scoping import scope_for
from lanterne.calls.models import Call
from lanterne.network.models import Pole, Structure
from lanterne.territories.models import Region
from lanterne.www.directory.views import PAGE_SIZE as DIRECTORY_PAGE_SIZE

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
    # A templated floor ("anonymous" or "signed in"): the pages are measured against it.
    floor: str = ""
    # Empty every cache before each request (untimed): the cost of a miss, not of a hit.
    cold_cache: bool = False
    # An export is judged on the export target (read to its end within this many ms), not on
    # the pages' p95 and floor ratio.
    export_target_ms: float | None = None
    # The statuses that are right for this page here (the health page says 503: no worker runs).
    statuses: frozenset[int] = frozenset({200})

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


# The signed-in visitors, one per role, named as in `Page.client`.
ROLES = {
    "coordinator": Role.COORDINATOR,
    "applicant": Role.APPLICANT,
    "committee member": Role.COMMITTEE_MEMBER,
    "speaker": Role.SPEAKER,
    "national network": Role.NETWORK_ADMIN,
}


def sample_users(region: str = "84") -> dict[str, User | None]:
    """One user per role (`ROLES`), each holding that one role; the coordinator is one of
    `region`'s pôle (else of any mission): the same kind of visitor at every scale, so that query
    counts compare. The committee member is the one `bench.committee` seats on every session."""
    single_role = User.objects.annotate(roles=Count("memberships")).filter(roles=1, is_active=True)
    users: dict[str, User | None] = {}
    for name, role in ROLES.items():
        holders = single_role.filter(memberships__role=role).order_by("pk")
        if role == Role.COORDINATOR:
            # Calls are managed by the coordination that carries them: a coordinator of one.
            carriers = holders.filter(
                memberships__structure__in=Call.objects.values("coordination")
            )
            users[name] = (
                carriers.filter(memberships__structure__calls__region=region).first()
                or carriers.first()
                or holders.filter(memberships__structure__poles__region=region).first()
                or holders.first()
            )
        else:
            users[name] = holders.first()
    return users


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
    directory_pages = max(1, math.ceil(Structure.objects.listed().count() / DIRECTORY_PAGE_SIZE))
    middle_page, late_page = max(2, directory_pages // 2), max(2, directory_pages - 1)
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
        _page(
            "baseline /sante/ (1 query; 503: no task worker runs in the bench)",
            [_url("health")],
            is_baseline=True,
            statuses=frozenset({503}),
        ),
        _page("floor, anonymous (base.html + 1 query)", [_url("bench_floor")], floor=ANONYMOUS),
        _page(
            "floor, signed in (base.html + 1 query)",
            [_url("bench_floor")],
            client="coordinator",
            floor=SIGNED_IN,
        ),
        _page("directory", [_url("www:directory")]),
        _page(f"directory ?q={search}", [_url("www:directory", query=f"q={search}")]),
        _page(
            "directory ?kind&region",
            [_url("www:directory", query=f"kind=cultural_actor&region={region}")],
        ),
        _page(
            f"directory, middle page ({middle_page})",
            [_url("www:directory", query=f"page={middle_page}")],
        ),
        _page(
            f"directory, late page ({late_page})",
            [_url("www:directory", query=f"page={late_page}")],
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
        *[_page(f"home ({name})", [_url("www:home")], client=name) for name in ROLES],
        _page(
            "national dashboard /accueil/reseau/",
            [_url("www:national_dashboard")],
            client="national network",
        ),
        *call_pages(users["coordinator"]),
        *committee_pages(users["committee member"]),
        *project_pages(users["coordinator"]),
        *observatory_pages(),
    ]
    for page in pages:
        if page.client != "anonymous" and users.get(page.client) is None:
            page.note = f"no {page.client} in the data"
    return pages


def call_pages(coordinator: User | None) -> list[Page]:
    """The coordinator's dossier list of its latest call, dossier pages, eligibility, export."""
    from lanterne.dossiers.models import Dossier

    call = (
        # Not the calls `bench.scenario` opens for its runs: the generated data only.
        Call.objects.managed_by(coordinator)
        .exclude(slug__startswith="scenario-")
        .order_by("-year", "pk")
        .first()
        if coordinator
        else None
    )
    if call is None:
        return [Page("calls and dossiers (coordinator)", note="no call in the data")]
    dossier_ids = list(
        Dossier.objects.filter(call=call).order_by("pk").values_list("pk", flat=True)[:5]
    )
    return [
        _page("call page", [_url("calls:detail", call.slug)]),
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
        _page(
            "call export XLSX",
            [_url("calls:export", call.slug, "xlsx")],
            "coordinator",
            export_target_ms=EXPORT_TARGET_MS,
        ),
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
        _page(
            "projects export XLSX",
            [_url("projects:export", year, "xlsx")],
            "coordinator",
            export_target_ms=EXPORT_TARGET_MS,
        ),
        _page(
            "projects export CSV",
            [_url("projects:export", year, "csv")],
            "coordinator",
            export_target_ms=EXPORT_TARGET_MS,
        ),
        _page(
            "project pages (coordinator)",
            [_url("projects:detail", pk) for pk in project_ids],
            "coordinator",
        ),
        _page(
            "project reports (bilan, coordinator)",
            [_url("projects:report", pk) for pk in project_ids],
            "coordinator",
        ),
    ]


def committee_pages(member: User | None) -> list[Page]:
    """A committee session's page and one of its dossiers, as a member seated on it sees them
    (`bench.committee` seats the same member on every session)."""
    from lanterne.committee.models import CommitteeSession

    session = (
        CommitteeSession.objects.filter(members=member).order_by("-meets_at", "pk").first()
        if member
        else None
    )
    if session is None:
        return [Page("committee session (committee member)", note="no committee session")]
    dossier_id = session.dossiers.order_by("pk").values_list("pk", flat=True).first()
    return [
        _page(
            "committee session (committee member)",
            [_url("committee:detail", session.pk)],
            "committee member",
        ),
        _page(
            "committee dossier (committee member)",
            [_url("committee:dossier", session.pk, dossier_id)] if dossier_id else [],
            "committee member",
        ),
    ]


def observatory_pages() -> list[Page]:
    """The latest published campaign's panorama (anonymous) and its completeness (national)."""
    from lanterne.observatory.models import Campaign

    campaign = Campaign.objects.filter(is_published=True).order_by("-year", "pk").first()
    if campaign is None:
        return [Page("observatory", note="no published campaign (run bench.observatory)")]
    return [
        _page("panorama", [_url("observatory:panorama", campaign.slug)]),
        _page(
            "observatory completeness (national network)",
            [_url("observatory:completeness", campaign.slug)],
            "national network",
        ),
    ]


def sign_in(client: Client, user: User) -> None:
    """Log `client` in as `user`, second factor included when its roles require one: a confirmed
    authenticator (`bench`) is given to the synthetic account once, and the session is marked
    verified by it, as `two_factor:verify` does after a right code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lanterne.accounts.two_factor.services import requires_second_factor

    client.force_login(user, backend=AUTH_BACKEND)
    if requires_second_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def clients() -> dict[str, Client]:
    """One client per visitor; signed-in ones are logged in once, as a browser would be."""
    users = sample_users()
    result = {"anonymous": Client(HTTP_HOST=HOST)}
    for name, user in users.items():
        if user is not None:
            client = Client(HTTP_HOST=HOST)
            sign_in(client, user)
            result[name] = client
    return result


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


def run(
    pages: list[Page], *, requests: int, warmup: int, freeze_heap: bool = True
) -> dict[str, Samples]:
    """Requests interleaved across pages, so that the machine's noise hits every page alike.

    Cold-cache pages come in a second phase: emptying the caches mid-round would turn the
    other pages' hits into misses. Once every page has had its warm-up requests, the heap is
    frozen out of the garbage collector's reach as the production server does after start-up
    (`config.gunicorn.freeze_startup_heap`), unless `freeze_heap` is false.
    """
    visitors = clients()
    samples = {page.label: Samples() for page in pages if page.available}
    frozen = False
    for cold in (False, True):
        phase = [page for page in pages if page.available and page.cold_cache == cold]
        for round_number in range(warmup + requests if phase else 0):
            if freeze_heap and not frozen and round_number == warmup:
                from config.gunicorn import freeze_startup_heap

                freeze_startup_heap()
                frozen = True
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
