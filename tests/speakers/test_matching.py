"""The matching engine on plain values: each hard criterion excludes, each soft criterion
moves the rank in its stated direction, and the explanation adds up to the score."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lanterne.speakers import matching as m
from lanterne.speakers.enums import Criterion, HolidayAvailability, PeriodKind

TOULOUSE = m.Place(departement="31", latitude=43.6045, longitude=1.4440, label="Toulouse (31)")
WEDNESDAY = datetime.date(2024, 3, 6)
SATURDAY = datetime.date(2024, 3, 9)
AFTERNOON = m.Slot(WEDNESDAY, datetime.time(14), datetime.time(17))


def need(**kwargs) -> m.Need:
    defaults = {"typology": "fiction", "slots": (AFTERNOON,), "place": TOULOUSE}
    return m.Need(**{**defaults, **kwargs})


def candidate(id=1, **kwargs) -> m.Candidate:
    defaults = {
        "name": f"Intervenant·e {id}",
        "workshop_types": frozenset({"fiction"}),
        "departements": frozenset({"31"}),
        "latitude": 43.60,
        "longitude": 1.44,
        "radius_km": 50,
    }
    return m.Candidate(id=id, **{**defaults, **kwargs})


def test_the_reference_candidate_is_eligible():
    """The baseline of the tests below passes every hard criterion."""
    result = m.match(need(), [candidate()])
    assert [p.candidate.id for p in result.proposals] == [1]
    assert result.best_excluded is None


EXCLUSIONS = [
    (Criterion.WORKSHOP_TYPE, {}, {"workshop_types": frozenset({"documentary"})}),
    (
        Criterion.PUBLIC,
        {"publics": frozenset({"justice"})},
        {"excluded_publics": frozenset({"justice"})},
    ),
    (
        Criterion.PUBLIC,
        {"publics": frozenset({"hospital"}), "require_known_publics": True},
        {"publics": frozenset({"justice"})},
    ),
    (
        Criterion.AVAILABILITY,
        {},
        {"periods": (m.Period(PeriodKind.UNAVAILABLE, WEDNESDAY, WEDNESDAY),)},
    ),
    (
        Criterion.AVAILABILITY,
        {},
        {
            "periods": (
                m.Period(
                    PeriodKind.AVAILABLE, datetime.date(2024, 6, 1), datetime.date(2024, 6, 30)
                ),
            )
        },
    ),
    (Criterion.AVAILABILITY, {"slots": (m.Slot(SATURDAY),)}, {"weekends": False}),
    (Criterion.AVAILABILITY, {}, {"weekdays": False}),
    (
        Criterion.AVAILABILITY,
        {"slots": (m.Slot(WEDNESDAY, datetime.time(18), datetime.time(20)),)},
        {"evenings": False},
    ),
    (
        Criterion.AVAILABILITY,
        {"school_holidays": frozenset({WEDNESDAY})},
        {"school_holidays": HolidayAvailability.NEVER},
    ),
    (Criterion.AVAILABILITY, {}, {"school_holidays": HolidayAvailability.ONLY}),
    (
        Criterion.TERRITORY,
        {},
        # Lives in Montpellier (about 195 km away), 100 km radius, works in the Hérault only.
        {"departements": frozenset({"34"}), "latitude": 43.61, "longitude": 3.88, "radius_km": 100},
    ),
    (
        Criterion.TERRITORY,
        {},
        {"departements": frozenset({"34"}), "latitude": None, "longitude": None},
    ),
]


@pytest.mark.parametrize(("criterion", "need_kwargs", "candidate_kwargs"), EXCLUSIONS)
def test_each_hard_criterion_excludes(criterion, need_kwargs, candidate_kwargs):
    """A speaker who fails one hard criterion is not proposed, and is reported as the best
    excluded with that criterion and its reason."""
    result = m.match(need(**need_kwargs), [candidate(**candidate_kwargs)])
    assert result.proposals == []
    assert result.best_excluded is not None
    assert [f.criterion for f in result.best_excluded.failures] == [criterion]
    assert result.best_excluded.failures[0].text
    assert result.excluded_would_lead


def test_reachable_by_radius_without_the_departement():
    """A speaker who does not list the département still reaches a place within their radius."""
    near = candidate(departements=frozenset(), latitude=43.56, longitude=1.47, radius_km=20)
    assert m.match(need(), [near]).proposals[0].candidate.id == 1


def test_best_excluded_is_the_highest_score_among_the_excluded():
    """The one reported is the best-scoring excluded speaker, not the first one met."""
    busy_far = candidate(2, weekdays=False, latitude=44.5, longitude=1.44, radius_km=200)
    busy_near = candidate(3, weekdays=False)
    eligible = candidate(1, paid_days=39, latitude=44.0, longitude=1.44, radius_km=100)
    result = m.match(need(), [busy_far, busy_near, eligible])
    assert [p.candidate.id for p in result.proposals] == [1]
    assert result.best_excluded.candidate.id == 3
    assert result.excluded_would_lead


def test_holidays_of_the_place_allow_a_holiday_speaker():
    """A speaker available only during school holidays is proposed for a holiday date."""
    result = m.match(
        need(school_holidays=frozenset({WEDNESDAY})),
        [candidate(school_holidays=HolidayAvailability.ONLY)],
    )
    assert len(result.proposals) == 1


positions = st.floats(min_value=0, max_value=1.2)
days = st.integers(min_value=0, max_value=60)


@given(near=positions, far=positions, paid=days)
def test_closer_ranks_higher(near, far, paid):
    """Everything else equal, the speaker living closer to the place scores at least as much,
    and ranks first when strictly closer by more than rounding."""
    a = candidate(1, latitude=43.6045 + min(near, far), paid_days=paid)
    b = candidate(2, latitude=43.6045 + max(near, far), paid_days=paid)
    result = m.match(need(), [b, a])
    score = {p.candidate.id: p.score for p in result.proposals}
    assert score[1] >= score[2]
    if score[1] > score[2]:
        assert result.proposals[0].candidate.id == 1


@given(paid_a=days, paid_b=days)
def test_fewer_paid_days_ranks_higher(paid_a, paid_b):
    """Fair sharing: the speaker paid fewer days this year comes first, everything else equal."""
    a = candidate(1, paid_days=min(paid_a, paid_b))
    b = candidate(2, paid_days=max(paid_a, paid_b))
    result = m.match(need(), [b, a])
    assert result.proposals[0].candidate.id == 1 or paid_a == paid_b
    score = {p.candidate.id: p.score for p in result.proposals}
    assert score[1] >= score[2]


publics = st.frozensets(st.sampled_from(["12_15", "16_18", "disability", "justice"]), min_size=1)


@given(asked=publics, known=publics)
def test_knowing_more_of_the_publics_ranks_higher(asked, known):
    """Experience: knowing the action's publics adds points; knowing fewer never scores more."""
    more = candidate(1, publics=asked | known)
    less = candidate(2, publics=known - asked)
    result = m.match(need(publics=asked), [less, more])
    assert result.proposals[0].candidate.id == 1
    score = {p.candidate.id: p.score for p in result.proposals}
    assert score[1] > score[2]


@pytest.mark.parametrize(("qpv", "rural", "kind"), [(True, False, "qpv"), (False, True, "rural")])
def test_priority_territory_experience_ranks_higher(qpv, rural, kind):
    """In a QPV (or a rural-priority commune), a speaker who has already worked in one comes
    first; elsewhere the criterion gives nothing."""
    place = m.Place(
        departement="31", latitude=43.6045, longitude=1.4440, is_qpv=qpv, is_rural=rural
    )
    seasoned = candidate(2, priority_experience=frozenset({kind}))
    newcomer = candidate(1)
    result = m.match(need(place=place), [newcomer, seasoned])
    assert result.proposals[0].candidate.id == 2
    plain = m.match(need(), [newcomer, seasoned])
    scores = {p.candidate.id: p.score for p in plain.proposals}
    assert scores[1] == scores[2]


candidates_strategy = st.builds(
    candidate,
    id=st.integers(min_value=1, max_value=10_000),
    latitude=st.floats(min_value=42.5, max_value=44.8),
    longitude=st.floats(min_value=0.0, max_value=3.0),
    radius_km=st.integers(min_value=1, max_value=250),
    paid_days=days,
    publics=publics,
    priority_experience=st.frozensets(st.sampled_from(["qpv", "rural"])),
    departements=st.frozensets(st.sampled_from(["31", "34", "81"])),
)


@settings(max_examples=60)
@given(pool=st.lists(candidates_strategy, max_size=12, unique_by=lambda c: c.id), asked=publics)
def test_explanation_adds_up_to_the_score(pool, asked):
    """Every proposal's soft points, each rounded to the cent, add up exactly to its score;
    the hard criteria add nothing; proposals come in decreasing score."""
    place = m.Place(departement="31", latitude=43.6045, longitude=1.4440, is_qpv=True)
    result = m.match(need(place=place, publics=asked), pool)
    for proposal in result.proposals + ([result.best_excluded] if result.best_excluded else []):
        soft = [r.points for r in proposal.reasons if r.passed is None]
        assert len(soft) == len(m.SOFT)
        assert sum(soft, Decimal(0)) == proposal.score
        assert all(r.points == 0 for r in proposal.reasons if r.passed is not None)
        assert all(p == p.quantize(m.CENT) for p in soft)
        assert [r.criterion for r in proposal.reasons] == list(m.HARD + m.SOFT)
        # The fast check and the sentences agree on what failed.
        assert [r.criterion for r in proposal.failures] == list(proposal.failed)
    scores = [p.score for p in result.proposals]
    assert scores == sorted(scores, reverse=True)
    assert [p.rank for p in result.proposals] == list(range(1, len(result.proposals) + 1))


def test_haversine_and_bounding_box():
    """Toulouse–Montpellier is about 196 km; the box of a radius holds the circle's points."""
    distance = m.haversine_km(43.6045, 1.4440, 43.6109, 3.8772)
    assert 190 < distance < 200
    south, north, west, east = m.bounding_box(43.6045, 1.4440, 200)
    assert south < 43.6109 < north and west < 3.8772 < east
    south, north, west, east = m.bounding_box(43.6045, 1.4440, 150)
    assert not (west < 3.8772 < east)
