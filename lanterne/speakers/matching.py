"""Matching speakers to an action: hard criteria filter, soft criteria rank, and every
proposal says why, criterion by criterion.

Pure: it reads plain values (`Need`, `Candidate`), never the database, so that each rule is
tested on its own and the bench measures the arithmetic apart from the queries
(`selectors.match_action` builds the values in a fixed number of queries).

The score is the sum of the soft criteria's points, each rounded to the cent first: the
explanation shown adds up to the score shown, exactly. Soft criteria and their weights:

- distance from the home commune (haversine on the communes' positions): `DISTANCE_POINTS`
  at the door, nothing from `DISTANCE_HORIZON_KM` on;
- experience of the publics of the action: `EXPERIENCE_POINTS` × the share of them known;
- priority territories: `PRIORITY_POINTS` when the place is in a QPV (or rural, ZRR/FRR) and the
  speaker has already worked in one;
- fair sharing of paid days: `FAIR_SHARE_POINTS` for a speaker paid no day this year, nothing
  from `FAIR_SHARE_DAYS` days on.
"""

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lanterne.core.choices import choice_label

from .enums import Criterion, HolidayAvailability, PeriodKind

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.195

DISTANCE_POINTS = Decimal(40)
DISTANCE_HORIZON_KM = 150
EXPERIENCE_POINTS = Decimal(30)
PRIORITY_POINTS = Decimal(10)
FAIR_SHARE_POINTS = Decimal(20)
FAIR_SHARE_DAYS = 40
EVENING = datetime.time(18, 0)
CENT = Decimal("0.01")

HARD = (Criterion.WORKSHOP_TYPE, Criterion.PUBLIC, Criterion.AVAILABILITY, Criterion.TERRITORY)
SOFT = (
    Criterion.DISTANCE,
    Criterion.EXPERIENCE,
    Criterion.PRIORITY_TERRITORY,
    Criterion.FAIR_SHARE,
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two positions, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east): a box that holds every position within `km` of (lat, lon),
    for an indexed pre-filter before `haversine_km` (slightly larger than the circle)."""
    dlat = km / KM_PER_DEGREE
    cos = max(math.cos(math.radians(lat)), 0.01)
    dlon = min(180.0, km / (KM_PER_DEGREE * cos))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


@dataclass(frozen=True)
class Place:
    departement: str
    latitude: float | None = None
    longitude: float | None = None
    is_qpv: bool = False
    is_rural: bool = False
    label: str = ""

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Slot:
    day: datetime.date
    starts_at: datetime.time = datetime.time(9, 0)
    ends_at: datetime.time = datetime.time(17, 0)


@dataclass(frozen=True)
class Need:
    """What the action asks for."""

    typology: str = ""
    publics: frozenset[str] = frozenset()
    require_known_publics: bool = False
    slots: tuple[Slot, ...] = ()
    place: Place | None = None
    school_holidays: frozenset[datetime.date] = frozenset()
    public_labels: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Period:
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date

    def holds(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str = ""
    workshop_types: frozenset[str] = frozenset()
    publics: frozenset[str] = frozenset()
    excluded_publics: frozenset[str] = frozenset()
    departements: frozenset[str] = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    radius_km: int | None = None
    periods: tuple[Period, ...] = ()
    weekdays: bool = True
    evenings: bool = False
    weekends: bool = False
    school_holidays: str = HolidayAvailability.ALSO
    paid_days: int = 0
    # "qpv", "rural": the kinds of priority territory the speaker has already worked in.
    priority_experience: frozenset[str] = frozenset()

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Reason:
    criterion: str
    text: str
    points: Decimal = Decimal(0)
    # For hard criteria: did it pass? None for soft ones.
    passed: bool | None = None

    @property
    def label(self) -> str:
        return choice_label(Criterion, self.criterion)

    def as_dict(self) -> dict:
        return {
            "criterion": self.criterion,
            "text": self.text,
            "points": str(self.points),
            "passed": self.passed,
        }


@dataclass(eq=False)
class Proposal:
    """One speaker evaluated: which hard criteria failed, and the soft criteria's points in
    cents (integers, so that the score is their exact sum). The sentences of `reasons` are
    written only when read: most of a large pool is never shown."""

    candidate: Candidate
    need: Need
    labels: dict[str, str]
    distance_km: float | None
    # The hard criteria the speaker fails (empty for a proposal), in `HARD`'s order.
    failed: tuple[str, ...]
    # The points of each soft criterion, in cents, in `SOFT`'s order.
    cents: tuple[int, ...]
    rank: int | None = None

    @property
    def score(self) -> Decimal:
        return Decimal(sum(self.cents)).scaleb(-2)

    @cached_property
    def reasons(self) -> list[Reason]:
        need, candidate = self.need, self.candidate
        hard = [
            _workshop_type(need, candidate, self.labels),
            _public(need, candidate),
            _availability(need, candidate),
            _territory(need, candidate, self.distance_km),
        ]
        distance, experience, priority, fair = (Decimal(c).scaleb(-2) for c in self.cents)
        soft = [
            _distance_points(self.distance_km, distance),
            _experience_points(need, candidate, experience),
            _priority_points(need, candidate, priority),
            _fair_share_points(candidate, fair),
        ]
        return hard + soft

    @property
    def failures(self) -> list[Reason]:
        return [r for r in self.reasons if r.passed is False]

    @property
    def soft_reasons(self) -> list[Reason]:
        return [r for r in self.reasons if r.passed is None]

    @property
    def hard_reasons(self) -> list[Reason]:
        return [r for r in self.reasons if r.passed is not None]

    @property
    def eligible(self) -> bool:
        return not self.failed


@dataclass
class MatchResult:
    proposals: list[Proposal]
    # The best-scoring speaker a hard criterion excluded; its `failures` say which criterion.
    best_excluded: Proposal | None
    considered: int

    @property
    def excluded_would_lead(self) -> bool:
        """Would the best excluded speaker have come first without the constraint?"""
        if self.best_excluded is None:
            return False
        return not self.proposals or _order(self.best_excluded) < _order(self.proposals[0])

    def by_id(self, candidate_id: int) -> Proposal | None:
        return next((p for p in self.proposals if p.candidate.id == candidate_id), None)


# ---------------------------------------------------------------------------------------------
# Hard criteria
# ---------------------------------------------------------------------------------------------


def _workshop_type(need: Need, candidate: Candidate, labels: dict[str, str]) -> Reason:
    c = Criterion.WORKSHOP_TYPE
    if not need.typology:
        return Reason(c, _("Type d'atelier non précisé : pas de filtre."), passed=True)
    label = labels.get(need.typology, need.typology)
    if need.typology in candidate.workshop_types:
        return Reason(c, _("Mène des ateliers « %(type)s ».") % {"type": label}, passed=True)
    return Reason(c, _("Ne mène pas d'ateliers « %(type)s ».") % {"type": label}, passed=False)


def _public(need: Need, candidate: Candidate) -> Reason:
    c = Criterion.PUBLIC
    labels = need.public_labels
    refused = sorted(need.publics & candidate.excluded_publics)
    if refused:
        names = ", ".join(labels.get(code, code) for code in refused)
        return Reason(
            c,
            _("Ne souhaite pas travailler avec : %(publics)s.") % {"publics": names},
            passed=False,
        )
    if need.require_known_publics:
        unknown = sorted(need.publics - candidate.publics)
        if unknown:
            names = ", ".join(labels.get(code, code) for code in unknown)
            return Reason(
                c, _("Ne connaît pas encore : %(publics)s.") % {"publics": names}, passed=False
            )
    if not need.publics:
        return Reason(c, _("Public non précisé : pas de filtre."), passed=True)
    return Reason(c, _("Accepte les publics de l'action."), passed=True)


def slot_refusal(need: Need, candidate: Candidate, slot: Slot) -> tuple[str, Period | None]:
    """Why the speaker cannot take this slot ("" if they can), and the period concerned."""
    day = slot.day
    windows = False
    for period in candidate.periods:
        if period.kind == PeriodKind.UNAVAILABLE and period.holds(day):
            return "unavailable", period
        windows = windows or period.kind == PeriodKind.AVAILABLE
    if windows and not any(
        p.kind == PeriodKind.AVAILABLE and p.holds(day) for p in candidate.periods
    ):
        return "outside", None
    if day.weekday() >= 5:
        if not candidate.weekends:
            return "weekend", None
    elif not candidate.weekdays:
        return "weekday", None
    if slot.ends_at > EVENING and not candidate.evenings:
        return "evening", None
    holiday = day in need.school_holidays
    if holiday and candidate.school_holidays == HolidayAvailability.NEVER:
        return "holidays", None
    if not holiday and candidate.school_holidays == HolidayAvailability.ONLY:
        return "term", None
    return "", None


def _refusal_text(code: str, period: Period | None) -> str:
    if code == "unavailable" and period is not None:
        return _("indisponible du %(start)s au %(end)s") % {
            "start": date_format(period.starts_on, "SHORT_DATE_FORMAT"),
            "end": date_format(period.ends_on, "SHORT_DATE_FORMAT"),
        }
    return {
        "outside": _("hors de ses périodes de disponibilité"),
        "weekend": _("pas disponible le week-end"),
        "weekday": _("pas disponible en semaine"),
        "evening": _("pas disponible en soirée"),
        "holidays": _("pas disponible pendant les vacances scolaires"),
        "term": _("disponible seulement pendant les vacances scolaires"),
    }[code]


def _availability(need: Need, candidate: Candidate) -> Reason:
    c = Criterion.AVAILABILITY
    if not need.slots:
        return Reason(c, _("Dates non fixées : pas de filtre."), passed=True)
    for slot in need.slots:
        code, period = slot_refusal(need, candidate, slot)
        if code:
            return Reason(
                c,
                _("Le %(day)s : %(why)s.")
                % {
                    "day": date_format(slot.day, "SHORT_DATE_FORMAT"),
                    "why": _refusal_text(code, period),
                },
                passed=False,
            )
    return Reason(
        c,
        _("Disponible aux %(n)s dates de l'action.") % {"n": len(need.slots)},
        passed=True,
    )


def _distance(need: Need, candidate: Candidate) -> float | None:
    place = need.place
    if place is None or not place.has_position or not candidate.has_position:
        return None
    return haversine_km(
        candidate.latitude,  # type: ignore[arg-type]
        candidate.longitude,  # type: ignore[arg-type]
        place.latitude,  # type: ignore[arg-type]
        place.longitude,  # type: ignore[arg-type]
    )


def _territory(need: Need, candidate: Candidate, distance: float | None) -> Reason:
    c = Criterion.TERRITORY
    place = need.place
    if place is None:
        return Reason(c, _("Lieu de l'action non renseigné : pas de filtre."), passed=True)
    if place.departement in candidate.departements:
        return Reason(
            c,
            _("Intervient dans le département %(code)s.") % {"code": place.departement},
            passed=True,
        )
    if distance is not None and candidate.radius_km is not None:
        if distance <= candidate.radius_km:
            return Reason(
                c,
                _("À %(km)s km, dans son rayon de %(radius)s km.")
                % {"km": round(distance), "radius": candidate.radius_km},
                passed=True,
            )
        return Reason(
            c,
            _("À %(km)s km, au-delà de son rayon de %(radius)s km.")
            % {"km": round(distance), "radius": candidate.radius_km},
            passed=False,
        )
    return Reason(
        c,
        _("N'intervient pas dans le département %(code)s.") % {"code": place.departement},
        passed=False,
    )


# ---------------------------------------------------------------------------------------------
# Soft criteria
# ---------------------------------------------------------------------------------------------


def _distance_points(distance: float | None, points: Decimal) -> Reason:
    c = Criterion.DISTANCE
    if distance is None:
        return Reason(c, _("Distance inconnue (commune de résidence ou lieu sans position)."))
    return Reason(c, _("Habite à %(km)s km du lieu.") % {"km": round(distance)}, points)


def _experience_points(need: Need, candidate: Candidate, points: Decimal) -> Reason:
    c = Criterion.EXPERIENCE
    if not need.publics:
        return Reason(c, _("Public non précisé."))
    known = need.publics & candidate.publics
    return Reason(
        c,
        _("Connaît %(known)s des %(total)s publics de l'action.")
        % {"known": len(known), "total": len(need.publics)},
        points,
    )


def _priority_points(need: Need, candidate: Candidate, points: Decimal) -> Reason:
    c = Criterion.PRIORITY_TERRITORY
    place = need.place
    if place is None or not (place.is_qpv or place.is_rural):
        return Reason(c, _("Le lieu n'est ni en QPV ni en commune rurale prioritaire."))
    if place.is_qpv and "qpv" in candidate.priority_experience:
        return Reason(c, _("A déjà travaillé en QPV."), points)
    if place.is_rural and "rural" in candidate.priority_experience:
        return Reason(c, _("A déjà travaillé en commune rurale (ZRR / FRR)."), points)
    return Reason(c, _("N'a pas encore travaillé dans ce type de territoire."))


def _fair_share_points(candidate: Candidate, points: Decimal) -> Reason:
    return Reason(
        Criterion.FAIR_SHARE,
        _("%(days)s journée(s) rémunérée(s) cette année.") % {"days": candidate.paid_days},
        points,
    )


def _cents(points: Decimal, share: float) -> int:
    """`points` × `share`, in cents rounded half up."""
    return math.floor(float(points) * 100 * max(0.0, share) + 0.5)


def _failed(need: Need, candidate: Candidate, distance: float | None) -> tuple[str, ...]:
    """The hard criteria the speaker fails, without writing any sentence (the fast path)."""
    failed = []
    if need.typology and need.typology not in candidate.workshop_types:
        failed.append(Criterion.WORKSHOP_TYPE)
    if need.publics & candidate.excluded_publics or (
        need.require_known_publics and not need.publics <= candidate.publics
    ):
        failed.append(Criterion.PUBLIC)
    if any(slot_refusal(need, candidate, slot)[0] for slot in need.slots):
        failed.append(Criterion.AVAILABILITY)
    place = need.place
    out_of_reach = distance is None or candidate.radius_km is None or distance > candidate.radius_km
    if place is not None and place.departement not in candidate.departements and out_of_reach:
        failed.append(Criterion.TERRITORY)
    return tuple(failed)


def evaluate(need: Need, candidate: Candidate, typology_labels: dict[str, str]) -> Proposal:
    """Every criterion for one speaker: which hard ones fail, and the soft ones' points."""
    distance = _distance(need, candidate)
    place = need.place
    priority = 0
    if place is not None and (
        (place.is_qpv and "qpv" in candidate.priority_experience)
        or (place.is_rural and "rural" in candidate.priority_experience)
    ):
        priority = _cents(PRIORITY_POINTS, 1)
    experience = 0
    if need.publics:
        known = len(need.publics & candidate.publics)
        experience = _cents(EXPERIENCE_POINTS, known / len(need.publics))
    cents = (
        _cents(DISTANCE_POINTS, 1 - distance / DISTANCE_HORIZON_KM) if distance is not None else 0,
        experience,
        priority,
        _cents(FAIR_SHARE_POINTS, 1 - candidate.paid_days / FAIR_SHARE_DAYS),
    )
    return Proposal(
        candidate=candidate,
        need=need,
        labels=typology_labels,
        distance_km=distance,
        failed=_failed(need, candidate, distance),
        cents=cents,
    )


def _order(proposal: Proposal):
    c = proposal.candidate
    return (-sum(proposal.cents), c.paid_days, c.name, c.id)


def match(
    need: Need, candidates: Iterable[Candidate], typology_labels: dict[str, str] | None = None
) -> MatchResult:
    """The eligible speakers ranked by score, and the best-scoring one a hard criterion
    excluded."""
    labels = typology_labels or {}
    eligible: list[Proposal] = []
    best_excluded: Proposal | None = None
    considered = 0
    for candidate in candidates:
        considered += 1
        proposal = evaluate(need, candidate, labels)
        if proposal.eligible:
            eligible.append(proposal)
        elif best_excluded is None or _order(proposal) < _order(best_excluded):
            best_excluded = proposal
    eligible.sort(key=_order)
    for rank, proposal in enumerate(eligible, start=1):
        proposal.rank = rank
    return MatchResult(proposals=eligible, best_excluded=best_excluded, considered=considered)
