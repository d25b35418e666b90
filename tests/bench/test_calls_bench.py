"""The benchmark's calls and dossiers: one call per région and year, `100 × scale` dossiers
per call with their partners, actions and budget lines, readable by the eligibility engine."""

import pytest

from bench import calls, synthetic
from lanterne.calls.enums import RuleCode
from lanterne.calls.models import Call
from lanterne.dossiers.models import BudgetLine, Dossier, Partner, PlannedAction
from lanterne.territories.models import Region


@pytest.fixture
def tiny_network(db):
    synthetic.create_synthetic_territories(communes=150)
    structures = synthetic.create_structures(60, synthetic.load_communes())
    synthetic.create_missions(structures)
    users, _memberships = synthetic.create_users(10, structures)
    return structures, [u.pk for u in users]


def test_generator_creates_the_expected_counts(tiny_network):
    """At scale 0.02 over 2 years: 18 régions × 2 calls, 2 dossiers each, 3 partners, 3
    actions and 6 budget lines per dossier; every call has the 12 rules."""
    structures, user_ids = tiny_network
    made = calls.generate(scale=0.02, structures=structures, user_ids=user_ids, years=2)
    regions = Region.objects.count()
    assert made == {
        "calls": regions * 2,
        "dossiers": regions * 2 * 2,
        "partners": regions * 2 * 2 * 3,
        "actions": regions * 2 * 2 * 3,
        "budget_lines": regions * 2 * 2 * 6,
    }
    assert Call.objects.count() == made["calls"]
    assert Dossier.objects.count() == made["dossiers"]
    assert Partner.objects.count() == made["partners"]
    assert PlannedAction.objects.count() == made["actions"]
    assert BudgetLine.objects.count() == made["budget_lines"]
    assert {c.rules.count() for c in Call.objects.all()} == {len(RuleCode.values)}
    # Dossiers are placed in their call's région.
    for dossier in Dossier.objects.select_related("call").prefetch_related("communes")[:20]:
        assert {c.region_id for c in dossier.communes.all()} <= {dossier.call.region_id}


def test_eligibility_timing_runs_in_bounded_queries(tiny_network):
    """`time_eligibility` evaluates every rule of N dossiers with the same number of queries
    for 5 and for 50 dossiers."""
    structures, user_ids = tiny_network
    calls.generate(scale=0.02, structures=structures, user_ids=user_ids, years=2)
    few, many = calls.time_eligibility(5), calls.time_eligibility(50)
    assert few["dossiers"] == 5 and many["dossiers"] == 50
    assert few["queries"] == many["queries"]
    assert many["evaluate_p95_ms"] >= many["evaluate_p50_ms"] > 0
