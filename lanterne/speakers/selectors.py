"""Reads of speakers: the matching's inputs in a fixed number of queries, whatever the size of
the pool (a bounding box on the home positions in SQL, then haversine in Python), and a
speaker's history."""

import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, ExpressionWrapper, F, FloatField, Q, QuerySet, Sum, Value
from django.utils import timezone

from lanterne.dossiers.enums import Typology
from lanterne.projects.models import Action, ActionSession, ActionSpeaker
from lanterne.territories.models import Commune, RuralZoning

from . import matching
from .calendar import school_holidays
from .enums import PeriodKind, Public
from .models import MAX_RADIUS_KM, OPEN_STATES, Engagement, SpeakerPeriod, SpeakerProfile
from .models import SpeakerProfile as Profile


@dataclass
class ActionMatch:
    need: matching.Need
    result: matching.MatchResult
    # Profile id → the open engagement of that speaker on the action.
    open_engagements: dict[int, Engagement]


def _place(action: Action, sessions: list[ActionSession]) -> Commune | None:
    if action.commune_id:
        return action.commune
    return next((s.place_commune for s in sessions if s.place_commune_id), None)


def need_for_action(
    action: Action, *, publics=(), require_known_publics: bool = False
) -> matching.Need:
    """What the action asks for: its typology, its sessions' slots, its place (with its QPV and
    rural status on the first day) and the publics the coordinator named. Three queries."""
    sessions = list(action.sessions.select_related("place_commune").order_by("day", "starts_at"))
    commune = _place(action, sessions)
    slots = tuple(matching.Slot(s.day, s.starts_at, s.ends_at) for s in sessions)
    day = slots[0].day if slots else timezone.localdate()
    place = None
    if commune is not None:
        rural = RuralZoning.objects.in_force_on(day).filter(commune=commune).exists()
        place = matching.Place(
            departement=commune.departement_id,
            latitude=commune.latitude,
            longitude=commune.longitude,
            is_qpv=commune.qpvs.in_force_on(day).exists(),
            is_rural=rural,
            label=commune.label,
        )
    return matching.Need(
        typology=action.typology,
        publics=frozenset(publics),
        require_known_publics=require_known_publics,
        slots=slots,
        place=place,
        school_holidays=school_holidays(
            commune.region_id if commune else None, [slot.day for slot in slots]
        ),
        public_labels={code: str(label) for code, label in Public.choices},
    )


def reachable(pool: QuerySet, place: matching.Place | None) -> QuerySet:
    """The profiles of `pool` that may reach the place: those who work in its département, and
    those whose home lies in the box of their own radius around it (haversine then decides,
    in Python). The outer box, of the largest radius a speaker may give, is what the index on
    the home positions reads; the per-row box keeps the rows read few."""
    if place is None:
        return pool
    by_departement = Q(
        pk__in=Profile.departements.through.objects.filter(departement_id=place.departement).values(
            "speakerprofile_id"
        )
    )
    if not place.has_position:
        return pool.filter(by_departement)
    lat, lon = place.latitude, place.longitude
    south, north, west, east = matching.bounding_box(
        lat,  # type: ignore[arg-type]
        lon,  # type: ignore[arg-type]
        MAX_RADIUS_KM,
    )
    # Degrees of latitude per km, and of longitude at the box's edge farthest from the
    # equator (where a degree is shortest): a box that holds each speaker's circle.
    per_km_lat = 1 / matching.KM_PER_DEGREE
    edge = max(abs(south), abs(north))
    per_km_lon = 1 / (matching.KM_PER_DEGREE * max(math.cos(math.radians(edge)), 0.01))

    def spread(per_km: float):
        # A float parameter: PostgreSQL then multiplies in double precision, not numeric.
        return ExpressionWrapper(
            F("radius_km") * Value(per_km, output_field=FloatField()), output_field=FloatField()
        )

    in_box = Q(
        home_latitude__gte=south,
        home_latitude__lte=north,
        home_longitude__gte=west,
        home_longitude__lte=east,
        radius_km__isnull=False,
    )
    pool = pool.alias(lat_spread=spread(per_km_lat), lon_spread=spread(per_km_lon))
    in_own_box = Q(
        home_latitude__gte=lat - F("lat_spread"),
        home_latitude__lte=lat + F("lat_spread"),
        home_longitude__gte=lon - F("lon_spread"),
        home_longitude__lte=lon + F("lon_spread"),
    )
    return pool.filter((in_box & in_own_box) | by_departement)


def candidates(profiles: QuerySet, need: matching.Need, year: int) -> list[matching.Candidate]:
    """The matching's view of `profiles`: five queries, whatever their number (the first reads
    the profiles, the others look their ids up on indexes)."""
    rows = list(
        profiles.order_by().values(
            "pk",
            "person_id",
            "person__first_name",
            "person__last_name",
            "workshop_types",
            "publics",
            "excluded_publics",
            "home_latitude",
            "home_longitude",
            "radius_km",
            "weekdays",
            "evenings",
            "weekends",
            "school_holidays",
        )
    )
    ids = [row["pk"] for row in rows]
    if not ids:
        return []
    departements: dict[int, set[str]] = defaultdict(set)
    for profile_id, code in Profile.departements.through.objects.filter(
        speakerprofile_id__in=ids
    ).values_list("speakerprofile_id", "departement_id"):
        departements[profile_id].add(code)
    periods: dict[int, list[matching.Period]] = defaultdict(list)
    period_rows = SpeakerPeriod.objects.filter(profile_id__in=ids)
    if need.slots:
        # Windows of availability all count (a day outside them is refused); periods of
        # unavailability only where they meet the action's dates.
        period_rows = period_rows.filter(
            Q(kind=PeriodKind.AVAILABLE)
            | Q(ends_on__gte=need.slots[0].day, starts_on__lte=need.slots[-1].day)
        )
    for profile_id, kind, starts_on, ends_on in period_rows.values_list(
        "profile_id", "kind", "starts_on", "ends_on"
    ):
        periods[profile_id].append(matching.Period(kind, starts_on, ends_on))
    # Engagements are the network's people's: looked up by person, on the foreign key's index.
    profile_of = {row["person_id"]: row["pk"] for row in rows}
    persons = list(profile_of)
    paid_days = {
        profile_of[person]: days
        for person, days in ActionSession.objects.filter(
            action__engagements__person_id__in=persons, day__year=year
        )
        .values_list("action__engagements__person_id")
        .annotate(days=Count("day", distinct=True))
        .values_list("action__engagements__person_id", "days")
    }
    experience = _priority_experience(persons, profile_of)
    return [
        matching.Candidate(
            id=row["pk"],
            name=f"{row['person__first_name']} {row['person__last_name']}",
            workshop_types=frozenset(row["workshop_types"] or ()),
            publics=frozenset(row["publics"] or ()),
            excluded_publics=frozenset(row["excluded_publics"] or ()),
            departements=frozenset(departements.get(row["pk"], ())),
            latitude=row["home_latitude"],
            longitude=row["home_longitude"],
            radius_km=row["radius_km"],
            periods=tuple(periods.get(row["pk"], ())),
            weekdays=row["weekdays"],
            evenings=row["evenings"],
            weekends=row["weekends"],
            school_holidays=row["school_holidays"],
            paid_days=paid_days.get(row["pk"], 0),
            priority_experience=frozenset(experience.get(row["pk"], ())),
        )
        for row in rows
    ]


def _priority_experience(persons: list[int], profile_of: dict[int, int]) -> dict[int, set[str]]:
    """Profile id → "qpv", "rural": the priority territories of the actions the speaker was
    engaged in (three queries)."""
    worked = [
        (profile_of[person], code, day)
        for person, code, day in ActionSpeaker.objects.filter(
            person_id__in=persons, action__commune__isnull=False
        ).values_list("person_id", "action__commune_id", "action__first_day")
    ]
    if not worked:
        return {}
    codes = {code for _, code, _ in worked}
    qpv = set(
        Commune.objects.filter(code__in=codes, qpvs__isnull=False).values_list("code", flat=True)
    )
    rural = set(
        RuralZoning.objects.priority()
        .filter(commune__in=codes)
        .values_list("commune_id", flat=True)
    )
    found: dict[int, set[str]] = defaultdict(set)
    for profile_id, code, _day in worked:
        if code in qpv:
            found[profile_id].add("qpv")
        if code in rural:
            found[profile_id].add("rural")
    return found


def match_action(
    action: Action, user, *, publics=(), require_known_publics: bool = False
) -> ActionMatch:
    """The speakers the user may see, matched to the action."""
    need = need_for_action(action, publics=publics, require_known_publics=require_known_publics)
    pool = reachable(SpeakerProfile.objects.visible_to(user), need.place)
    year = need.slots[0].day.year if need.slots else action.project.year
    labels = {code: str(label) for code, label in Typology.choices}
    result = matching.match(need, candidates(pool, need, year), labels)
    open_engagements = {
        e.profile_id: e for e in Engagement.objects.filter(action=action, state__in=OPEN_STATES)
    }
    return ActionMatch(need=need, result=result, open_engagements=open_engagements)


def history(profile: SpeakerProfile, user) -> dict:
    """A speaker's actions (those the user may see), with their hours, and its requests."""
    engaged = list(
        ActionSpeaker.objects.filter(
            person_id=profile.person_id, action__in=Action.objects.visible_to(user)
        )
        .select_related("action__project")
        .annotate(minutes=Sum("action__sessions__minutes"))
        .order_by("-action__project__year", "-action__first_day", "pk")
    )
    requests = list(
        Engagement.objects.visible_to(user)
        .filter(profile=profile)
        .select_related("action__project", "proposed_by")
    )
    for engaged_row in engaged:
        engaged_row.hours = (engaged_row.minutes or 0) / 60  # type: ignore[attr-defined]
    return {
        "engaged": engaged,
        "requests": requests,
        "hours": sum(e.minutes or 0 for e in engaged) / 60,
    }
