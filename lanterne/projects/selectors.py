"""Reads of projects: the coordinator's year (the actions of the calls it manages, filtered, by
month, in a table, on a map, with what is late). A fixed number of queries whatever the number
of actions.

Every read takes `calls`, a queryset from `year_scope`: the calls the user manages
(`Call.objects.managed_by`), so that two coordinations of one région see their own year only.

A région can have a few hundred actions a year: nothing here returns all of them as model
instances. The calendar is one month (the months with activity come from one aggregate query),
the table one page of actions, what is late a bounded list with its count; the map reads
`values()` rows.
"""

import datetime

from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope, scope_for
from lanterne.calls.models import Call
from lanterne.committee.models import CommitteeSession
from lanterne.core.choices import choice_label
from lanterne.dossiers.eligibility import territory_reference_date
from lanterne.dossiers.enums import ACTION_TYPE_KIND, ActionKind, ActionType, Typology
from lanterne.territories.enums import RuralScheme
from lanterne.territories.models import Commune, Qpv, Region, RuralZoning

from .enums import ReportState
from .exports import call_actions, reference_days, rural_scheme_on
from .models import (
    Action,
    ActionSession,
    ActionSpeaker,
    ParticipantCount,
    Project,
    RelayCount,
    Report,
    WorkshopFilm,
    action_late_on,
)

PER_PAGE = 50
LATE_LIMIT = 20
DASHBOARD_LIMIT = 20
RURAL_SCHEMES = {"zrr": RuralScheme.ZRR, "frr": RuralScheme.FRR}


def coordinated_regions(user) -> list[Region]:
    """The régions whose year the user may see (all of them for who sees everything): those of
    the missions it coordinates, offered as a filter. What it sees of them is `year_scope`."""
    scope = scope_for(user)
    if scope.sees_all(applications=True):
        return list(Region.objects.all())
    return list(Region.objects.filter(code__in=list(scope.coordinated_regions)))


def year_scope(user, codes: list[str]):
    """The calls of the régions `codes` that `user` manages, as a queryset (read as a
    subquery by the year's reads: no query of its own)."""
    return Call.objects.managed_by(user).filter(region__in=codes)


# ---------------------------------------------------------------------------------------------
# Filters: all in the database, so that counts, pages and the map agree
# ---------------------------------------------------------------------------------------------


def _commune_filter(term: str) -> Q:
    term = term.strip()
    sessions = ActionSession.objects.filter(
        Q(place_commune__code__iexact=term) | Q(place_commune__name__icontains=term)
    ).values("action_id")
    return Q(commune__code__iexact=term) | Q(commune__name__icontains=term) | Q(pk__in=sessions)


def year_calls(calls, year: int) -> list[Call]:
    """The calls of the year's projects, with their calendar (two queries)."""
    projects = Project.objects.filter(call__in=calls, year=year).values("call_id")
    return list(Call.objects.filter(pk__in=projects).prefetch_related("milestones"))


def _zone_filter(zone: str, calls, year: int) -> Q:
    """The action's commune has a QPV, or was ZRR / FRR on its call's reference day (the start
    of the call's actions, as the eligibility engine reads it)."""
    if zone == "qpv":
        qpvs = Qpv.communes.through.objects.filter(commune_id=OuterRef("commune_id"))
        return Q(Exists(qpvs))
    query = Q(pk__in=[])
    for call in calls if isinstance(calls, list) else year_calls(calls, year):
        rural = Commune.objects.rural_on(territory_reference_date(call), RURAL_SCHEMES[zone])
        query |= Q(project__call=call, commune__in=rural.values("pk"))
    return query


def filtered_actions(calls, year: int, filters: dict):
    """The actions of the year matching the filters, as a queryset."""
    actions = call_actions(calls, year)
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
        actions = actions.filter(commune__isnull=False).filter(
            _zone_filter(filters["zone"], calls, year)
        )
    return actions


# ---------------------------------------------------------------------------------------------
# Counts, late items
# ---------------------------------------------------------------------------------------------


def _has_sessions():
    return Exists(ActionSession.objects.filter(action_id=OuterRef("pk")))


def _located():
    """The action's commune has a position, or one of its sessions' communes has."""
    sessions = ActionSession.objects.filter(
        action_id=OuterRef("pk"),
        place_commune__latitude__isnull=False,
        place_commune__longitude__isnull=False,
    )
    return Q(commune__latitude__isnull=False, commune__longitude__isnull=False) | Q(
        Exists(sessions)
    )


def counts(actions, today: datetime.date) -> dict[str, int]:
    """Actions, late ones, those without a session and those on the map: one query."""
    return actions.aggregate(
        total=Count("pk"),
        late=Count("pk", filter=action_late_on(today)),
        undated=Count("pk", filter=~Q(_has_sessions())),
        located=Count("pk", filter=_located()),
    )


def late_actions(actions, today: datetime.date) -> list[dict]:
    """The oldest late actions (`LATE_LIMIT`), as rows: pk, title, project_title, last_day."""
    return list(
        actions.late_on(today)
        .order_by("last_day", "project__title", "pk")
        .values("pk", "title", "last_day", project_title=F("project__title"))[:LATE_LIMIT]
    )


def undated_actions(actions) -> list[dict]:
    """The first actions without a session (`LATE_LIMIT`), as rows: pk, title, project_title."""
    return list(
        actions.filter(~Q(_has_sessions()))
        .order_by("project__title", "title", "pk")
        .values("pk", "title", project_title=F("project__title"))[:LATE_LIMIT]
    )


def late_reports(calls, year: int):
    """The year's reports not transmitted on time, the earliest due first, as rows: project_id,
    project_title, applicant_name, due_at."""
    return (
        Report.objects.filter(project__call__in=calls, project__year=year)
        .late_on(timezone.now())
        .order_by("due_at", "project__title", "pk")
        .values(
            "project_id",
            "due_at",
            project_title=F("project__title"),
            applicant_name=F("project__applicant__name"),
        )
    )


def year_projects(calls, year: int):
    return Project.objects.filter(call__in=calls, year=year)


def year_project_counts(calls, year: int) -> dict[str, int]:
    """The year's projects and how many of their reports are late: one query."""
    late = Report.objects.late_on(timezone.now()).values("pk")
    return year_projects(calls, year).aggregate(
        projects=Count("pk"), late_reports=Count("report", filter=Q(report__in=late))
    )


# ---------------------------------------------------------------------------------------------
# The calendar: one month at a time
# ---------------------------------------------------------------------------------------------


def months(actions) -> list[dict]:
    """Each month with a session of the actions, its sessions and actions: one query."""
    rows = (
        ActionSession.objects.filter(action__in=actions.values("pk"))
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(sessions=Count("id"), actions=Count("action_id", distinct=True))
        .order_by("month")
    )
    result = []
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        result.append(
            {
                "start": month,
                "slug": f"{month.year}-{month.month:02d}",
                "label": date_format(month, "F Y"),
                "sessions": row["sessions"],
                "actions": row["actions"],
            }
        )
    return result


def default_month(available: list[dict], today: datetime.date) -> datetime.date | None:
    """The current month if it has sessions, else the next one that has, else the first."""
    if not available:
        return None
    current = today.replace(day=1)
    for month in available:
        if month["start"] >= current:
            return month["start"]
    return available[0]["start"]


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_sessions(actions, month: datetime.date) -> list[dict]:
    """The month's sessions of the actions, as rows (day, starts_at, ends_at, action_id,
    action_title, action_type, project_title, place): one query, no model instance."""
    rows = (
        ActionSession.objects.filter(
            action__in=actions.values("pk"), day__gte=month, day__lt=_next_month(month)
        )
        .order_by("day", "starts_at", "action_id", "pk")
        .values(
            "day",
            "starts_at",
            "ends_at",
            "action_id",
            action_title=F("action__title"),
            action_type=F("action__action_type"),
            project_title=F("action__project__title"),
            commune_name=F("place_commune__name"),
            structure_name=F("place_structure__name"),
        )
    )
    return [
        {
            **row,
            "type_label": choice_label(ActionType, row["action_type"]),
            "place": row["commune_name"] or row["structure_name"] or "",
        }
        for row in rows
    ]


# ---------------------------------------------------------------------------------------------
# The table: one page of actions
# ---------------------------------------------------------------------------------------------


# What a row of the table reads, as `values()`: no model instance.
TABLE_VALUES = {
    "project_title": "project__title",
    "call_id": "project__call_id",
    "commune_name": "commune__name",
    "latitude": "commune__latitude",
    "longitude": "commune__longitude",
}


def table_page(actions, number, count: int, today: datetime.date, calls=None):
    """A page of actions with what a row shows, in three queries (the page's keys, its rows,
    the rural zonings of their communes): the totals, whether an action is late, whether its
    commune has a QPV and the commune of its first located session are columns of the rows'
    query. `calls`, a list of the year's calls with their calendar, saves reading them again.
    Each row is a dict."""
    located = ActionSession.objects.filter(
        action_id=OuterRef("pk"),
        place_commune__latitude__isnull=False,
        place_commune__longitude__isnull=False,
    ).order_by("day", "starts_at", "pk")
    rows = actions.annotate(
        beneficiaries_total=_per_action(ParticipantCount, Sum("count")),
        relays_total=_per_action(RelayCount, Sum("count")),
        sessions_total=_per_action(ActionSession, Count("id")),
        is_late=ExpressionWrapper(action_late_on(today), output_field=BooleanField()),
        has_qpv=Exists(Qpv.communes.through.objects.filter(commune_id=OuterRef("commune_id"))),
        session_commune=Subquery(located.values("place_commune__name")[:1]),
    ).values(
        "pk",
        "title",
        "project_id",
        "action_type",
        "typology",
        "commune_id",
        "first_day",
        "last_day",
        "beneficiaries_total",
        "relays_total",
        "sessions_total",
        "is_late",
        "has_qpv",
        "session_commune",
        **{key: F(path) for key, path in TABLE_VALUES.items()},
    )
    # The page's keys first, as `paginate_keys_first` finds them, then its rows as values.
    keys = actions.order_by("first_day", "project__title", "pk").values_list("pk", flat=True)
    paginator = Paginator(keys, PER_PAGE)
    paginator.count = count
    page = paginator.get_page(number)
    wanted = list(page.object_list)
    by_pk = {row["pk"]: row for row in rows.filter(pk__in=wanted)} if wanted else {}
    page.object_list = [by_pk[pk] for pk in wanted if pk in by_pk]
    _describe_rows(page.object_list, calls)
    return page


def _describe_rows(rows: list[dict], calls) -> None:
    """Each row's labels, place and zones: its commune if it has a position, else its first
    located session's; QPV and the rural zoning of its commune on its call's reference day."""
    communes = {row["commune_id"] for row in rows if row["commune_id"] is not None}
    zonings: dict[str, list] = {}
    if communes:
        for commune_id, scheme, status, valid_from, valid_until in (
            RuralZoning.objects.filter(commune_id__in=communes)
            .order_by("commune_id", "-valid_from", "-pk")
            .values_list("commune_id", "scheme", "status", "valid_from", "valid_until")
        ):
            zonings.setdefault(commune_id, []).append((scheme, status, valid_from, valid_until))
    days = {call.pk: territory_reference_date(call) for call in calls or []}
    if zonings:
        reference_days({row["call_id"] for row in rows}, days)
    for row in rows:
        placed = row["latitude"] is not None and row["longitude"] is not None
        row["place"] = row["commune_name"] if placed else row["session_commune"]
        row["kind_label"] = choice_label(
            ActionKind, ACTION_TYPE_KIND[ActionType(row["action_type"])]
        )
        row["type_label"] = choice_label(ActionType, row["action_type"])
        row["typology_label"] = choice_label(Typology, row["typology"]) if row["typology"] else ""
        has_commune = row["commune_id"] is not None
        # The latest classification in force (`Commune.rural_priority_on`).
        row["rural"] = (
            rural_scheme_on(zonings.get(row["commune_id"], []), days[row["call_id"]])
            if has_commune and row["commune_id"] in zonings
            else None
        )
        row["qpv"] = has_commune and row["has_qpv"]


def _per_action(model, total):
    """A total of `model`'s rows of the action (0 when it has none), as a subquery."""
    rows = (
        model.objects.filter(action_id=OuterRef("pk"))
        .order_by()
        .values("action_id")
        .annotate(n=total)
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def project_actions(project) -> list[Action]:
    """A project's actions as its page shows them: each with its sessions, final beneficiaries
    and relays counted in the actions' query, and the titles of the films made (`film_titles`).
    Two queries whatever the number of sessions and counts."""
    actions = list(
        project.actions.select_related("film", "authorisation")
        .annotate(
            beneficiaries_total=_per_action(ParticipantCount, Sum("count")),
            relays_total=_per_action(RelayCount, Sum("count")),
            sessions_total=_per_action(ActionSession, Count("id")),
        )
        .order_by("first_day", "pk")
    )
    films: dict[int, list[str]] = {}
    if actions:
        for action_id, title in (
            WorkshopFilm.objects.filter(action__project=project)
            .order_by("title", "pk")
            .values_list("action_id", "title")
        ):
            films.setdefault(action_id, []).append(title)
    for action in actions:
        action.film_titles = films.get(action.pk, [])
    return actions


# ---------------------------------------------------------------------------------------------
# The map: `values()` rows, no model instances
# ---------------------------------------------------------------------------------------------


def placed_actions(actions) -> list[dict]:
    """The actions that have a position, as rows (pk, title, action_type, project_title,
    commune, latitude, longitude), with the same fallback as the table's place: the action's
    commune, else its first session's commune that has a position. Two queries whatever their
    number."""
    rows = list(
        actions.order_by("first_day", "pk").values(
            "pk",
            "title",
            "action_type",
            project_title=F("project__title"),
            commune_name=F("commune__name"),
            latitude=F("commune__latitude"),
            longitude=F("commune__longitude"),
        )
    )
    unplaced = [row["pk"] for row in rows if row["latitude"] is None or row["longitude"] is None]
    # The action's pk → its first located session's (commune name, latitude, longitude).
    fallback: dict[int, tuple[str, float, float]] = {}
    if unplaced:
        sessions = (
            ActionSession.objects.filter(
                action_id__in=actions.filter(
                    Q(commune__isnull=True)
                    | Q(commune__latitude__isnull=True)
                    | Q(commune__longitude__isnull=True)
                ).values("pk"),
                place_commune__latitude__isnull=False,
                place_commune__longitude__isnull=False,
            )
            .order_by("action_id", "day", "starts_at", "pk")
            .values_list(
                "action_id",
                "place_commune__name",
                "place_commune__latitude",
                "place_commune__longitude",
            )
        )
        for action_id, name, latitude, longitude in sessions:
            # The query keeps located sessions only; the stubs type the columns as nullable.
            fallback.setdefault(action_id, (name, latitude, longitude))  # type: ignore[arg-type]
    placed = []
    for row in rows:
        place: tuple[str, float, float] | None
        if row["latitude"] is not None and row["longitude"] is not None:
            place = (row["commune_name"], row["latitude"], row["longitude"])
        else:
            place = fallback.get(row["pk"])
        if place is None:
            continue
        name, latitude, longitude = place
        placed.append(
            {
                "pk": row["pk"],
                "title": row["title"],
                "action_type": row["action_type"],
                "project_title": row["project_title"],
                "commune": name,
                "latitude": latitude,
                "longitude": longitude,
            }
        )
    return placed


# ---------------------------------------------------------------------------------------------
# The national network's figures: aggregates only (it reads no project), in one query each
# ---------------------------------------------------------------------------------------------


def _action_count() -> Subquery:
    """A project's actions, counted on their own table: summed by the GROUP BY of the projects,
    they need neither a join that multiplies the projects nor a COUNT(DISTINCT) and its sort."""
    actions = (
        Action.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(actions, output_field=IntegerField())


def national_by_year() -> list[dict]:
    """Projects and their actions, by year: one query (GROUP BY year)."""
    rows = (
        Project.objects.values("year")
        .annotate(project_count=Count("pk"), action_count=Coalesce(Sum(_action_count()), 0))
        .order_by("year")
    )
    return [
        {"year": row["year"], "projects": row["project_count"], "actions": row["action_count"]}
        for row in rows
    ]


def national_by_region(year: int) -> dict[str, dict]:
    """The year's projects, their actions and their bilans (due, transmitted, accepted, late),
    by région of the call: région code → figures. One query (GROUP BY région)."""
    late = Q(
        report__state__in=[ReportState.DRAFT, ReportState.SENT_BACK],
        report__due_at__lt=timezone.now(),
    )
    rows = (
        Project.objects.filter(year=year)
        .values("call__region_id")
        .annotate(
            # A project has at most one bilan: joined, it multiplies no row, so none of
            # these counts needs DISTINCT; the actions are counted apart (_action_count).
            project_count=Count("pk"),
            action_count=Coalesce(Sum(_action_count()), 0),
            reports=Count("report"),
            reports_submitted=Count("report", filter=Q(report__state=ReportState.SUBMITTED)),
            reports_accepted=Count("report", filter=Q(report__state=ReportState.ACCEPTED)),
            reports_late=Count("report", filter=late),
        )
        .order_by()
    )
    result: dict[str, dict] = {}
    for row in rows:
        figures = dict(row)
        region = figures.pop("call__region_id")
        figures["projects"] = figures.pop("project_count")
        figures["actions"] = figures.pop("action_count")
        result[str(region)] = figures
    return result


# ---------------------------------------------------------------------------------------------
# Home page
# ---------------------------------------------------------------------------------------------


def speaker_engagements(user) -> list[ActionSpeaker]:
    """The actions the speaker is engaged in, most recent first, each with its project and its
    sessions: two queries, at most `DASHBOARD_LIMIT` actions."""
    return list(
        ActionSpeaker.objects.of_user(user)
        .select_related("action__project__applicant", "action__commune")
        .prefetch_related(
            Prefetch(
                "action__sessions",
                queryset=ActionSession.objects.select_related(
                    "place_commune", "place_structure"
                ).order_by("day", "starts_at"),
            )
        )
        .order_by("-action__project__year", "action__first_day", "pk")[:DASHBOARD_LIMIT]
    )


def dashboard(user, scope: Scope) -> dict[str, dict]:
    """The projects' part of the home page: the actions a speaker is engaged in; for a
    committee member, how many projects of its committees' calls it may read."""
    parts: dict[str, dict] = {}
    if Role.SPEAKER in scope.roles:
        parts[str(Role.SPEAKER)] = {"engagements": speaker_engagements(user)}
    if Role.COMMITTEE_MEMBER in scope.roles:
        projects = Project.objects.filter(
            call__in=CommitteeSession.objects.filter(members=user).values("call_id")
        )
        parts[str(Role.COMMITTEE_MEMBER)] = projects.aggregate(
            projects_count=Count("pk"),
            reports_transmitted=Count(
                "report",
                filter=Q(report__state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED]),
            ),
        )
    return parts
