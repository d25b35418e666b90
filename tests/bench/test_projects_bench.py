"""The benchmark's projects: `250 × scale` actions a year made from accepted dossiers, each with
1–5 consistent sessions, and one report per project in mixed states."""

import pytest

from bench import calls, projects, synthetic
from lanterne.dossiers.enums import ActionType, DossierState
from lanterne.projects.models import (
    Action,
    ActionSession,
    OpenAirAuthorisation,
    ParticipantCount,
    Project,
    Report,
)


@pytest.fixture
def tiny_calls(db):
    synthetic.create_synthetic_territories(communes=150)
    structures = synthetic.create_structures(60, synthetic.load_communes())
    synthetic.create_missions(structures)
    users, _memberships = synthetic.create_users(10, structures)
    user_ids = [u.pk for u in users]
    calls.generate(scale=0.02, structures=structures, user_ids=user_ids, years=2)
    return user_ids


def test_generator_creates_the_expected_counts(tiny_calls):
    """At scale 0.4 over the 2 years of calls: 100 actions a year, every project from an
    accepted dossier of its year (more dossiers set accepted when too few were), 1–5 sessions
    per action with minutes and first/last days computed, one report per project."""
    made = projects.generate(scale=0.4, user_ids=tiny_calls)
    assert made["actions"] == 2 * 100 == Action.objects.count()
    assert made["projects"] == Project.objects.count() == Report.objects.count()
    assert made["sessions"] == ActionSession.objects.count()
    for year in (2024, 2025):
        assert Action.objects.filter(project__year=year).count() == 100
    # 36 dossiers a year, about a third accepted: some were set accepted to reach 100 actions.
    assert not Project.objects.exclude(dossier__state=DossierState.ACCEPTED).exists()
    assert all(
        p.year == p.dossier.call.year for p in Project.objects.select_related("dossier__call")
    )
    for action in Action.objects.prefetch_related("sessions"):
        days = [s.day for s in action.sessions.all()]
        assert 1 <= len(days) <= 5
        assert (action.first_day, action.last_day) == (min(days), max(days))
        assert all(s.minutes > 0 and s.ends_at > s.starts_at for s in action.sessions.all())
    assert OpenAirAuthorisation.objects.count() == (
        Action.objects.filter(action_type=ActionType.OPEN_AIR).count()
    )
    assert ParticipantCount.objects.exists()
    assert Report.objects.values("state").distinct().count() >= 3


def test_a_tiny_scale_still_fills_every_year(tiny_calls):
    """Scale 0.02 is 5 actions a year: a project or two per year, never more actions."""
    made = projects.generate(scale=0.02, user_ids=tiny_calls)
    assert made["actions"] == 10
    assert {p.year for p in Project.objects.all()} == {2024, 2025}
