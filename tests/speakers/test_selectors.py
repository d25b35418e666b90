"""The matching's inputs read from the database: a bounding box on home positions, the
action's place and dates, the year's paid days; in a number of queries that does not grow with
the pool."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanterne.projects.models import ActionSpeaker
from lanterne.speakers import selectors
from lanterne.speakers.enums import Criterion, HolidayAvailability, Public
from tests.accounts.factories import UserFactory
from tests.projects.factories import session
from tests.speakers.factories import speaker_profile, workshop
from tests.territories.factories import QpvFactory


def _superuser():
    return UserFactory(is_superuser=True)


def _pool(n, communes):
    for i in range(n):
        speaker_profile(
            home_commune=communes[i % len(communes)],
            radius_km=250,
            publics=[Public.AGE_12_15],
            departements=[communes[0].departement] if i % 2 else [],
        )


def _queries(action, user):
    with CaptureQueriesContext(connection) as captured:
        selectors.match_action(action, user, publics=[Public.AGE_12_15])
    return len(captured)


def test_query_count_does_not_grow_with_the_pool(occitanie):
    """Matching among 3 or 30 speakers, some of them with past engagements, costs the same
    number of queries."""
    communes = [occitanie["toulouse"], occitanie["montpellier"]]
    action = workshop(occitanie["toulouse"])
    user = _superuser()
    _pool(3, communes)
    past = workshop(occitanie["montpellier"], days=("2024-02-07",))
    for profile in selectors.SpeakerProfile.objects.all()[:2]:
        ActionSpeaker.objects.create(action=past, person=profile.person)
    _queries(action, user)  # the user's scope is read once, then kept on the user
    few = _queries(action, user)
    _pool(27, communes)
    for profile in selectors.SpeakerProfile.objects.exclude(person__engagements__action=past)[:10]:
        ActionSpeaker.objects.create(action=past, person=profile.person)
    assert _queries(action, user) == few
    assert len(selectors.match_action(action, user).result.proposals) == 30


def test_far_speakers_are_not_even_read(occitanie, hauts_de_france):
    """A speaker living in Lille who does not work in the Haute-Garonne is outside the box: not
    considered at all (and so never reported as excluded)."""
    speaker_profile(home_commune=hauts_de_france["lille"], radius_km=250)
    near = speaker_profile(home_commune=occitanie["montpellier"], radius_km=250)
    found = selectors.match_action(workshop(occitanie["toulouse"]), _superuser())
    assert found.result.considered == 1
    assert [p.candidate.id for p in found.result.proposals] == [near.pk]


def test_paid_days_of_the_year_lower_the_score(occitanie):
    """The speaker already engaged on three days this year scores less on fair sharing."""
    toulouse = occitanie["toulouse"]
    busy = speaker_profile(home_commune=toulouse, radius_km=20)
    free = speaker_profile(home_commune=toulouse, radius_km=20)
    past = workshop(toulouse, days=("2024-01-10", "2024-01-17", "2024-01-24"))
    ActionSpeaker.objects.create(action=past, person=busy.person)
    found = selectors.match_action(workshop(toulouse), _superuser())
    assert [p.candidate.id for p in found.result.proposals] == [free.pk, busy.pk]
    fair = {
        p.candidate.id: next(r for r in p.reasons if r.criterion == Criterion.FAIR_SHARE)
        for p in found.result.proposals
    }
    assert fair[busy.pk].points < fair[free.pk].points
    assert "3" in fair[busy.pk].text


def test_qpv_place_and_past_qpv_work(occitanie):
    """An action in a QPV commune gives the bonus to a speaker already engaged in one."""
    toulouse = occitanie["toulouse"]
    QpvFactory().communes.add(toulouse)
    seasoned = speaker_profile(home_commune=toulouse, radius_km=20)
    newcomer = speaker_profile(home_commune=toulouse, radius_km=20)
    past = workshop(toulouse, days=("2023-05-10",))
    ActionSpeaker.objects.create(action=past, person=seasoned.person)
    found = selectors.match_action(workshop(toulouse), _superuser())
    assert found.need.place.is_qpv
    assert found.result.proposals[0].candidate.id == seasoned.pk
    assert newcomer.pk in [p.candidate.id for p in found.result.proposals]


def test_school_holidays_of_the_zone(occitanie):
    """Occitanie is in zone C: 19 February 2025 falls in its winter holidays, so a speaker who
    never works during school holidays is excluded for that date."""
    toulouse = occitanie["toulouse"]
    speaker_profile(home_commune=toulouse, radius_km=20, school_holidays=HolidayAvailability.NEVER)
    action = workshop(toulouse, days=("2025-02-19",))
    found = selectors.match_action(action, _superuser())
    assert datetime.date(2025, 2, 19) in found.need.school_holidays
    assert found.result.proposals == []
    assert found.result.best_excluded.failures[0].criterion == Criterion.AVAILABILITY


def test_place_falls_back_to_the_sessions(occitanie):
    """An action without a commune is placed where its sessions are."""
    action = workshop(None, days=())
    session(action, day="2024-03-13", commune=occitanie["montpellier"])
    need = selectors.need_for_action(action)
    assert need.place.departement == "34"
