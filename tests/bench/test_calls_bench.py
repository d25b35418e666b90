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
        "frozen": Dossier.objects.exclude(submitted_at=None).count(),
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


def test_submitted_dossiers_are_frozen_as_the_submission_service_freezes_them(tiny_network):
    """Every dossier past the draft stage carries its content, the fingerprint of that content
    and the engine's verdict with its messages in every language; drafts carry none."""
    from lanterne.dossiers.content import fingerprint, verdict_at_submission

    structures, user_ids = tiny_network
    calls.generate(scale=0.05, structures=structures, user_ids=user_ids, years=1)
    submitted = list(Dossier.objects.exclude(submitted_at=None))
    drafts = Dossier.objects.filter(submitted_at=None)
    assert submitted
    assert not drafts.exclude(submitted_content=None).exists()
    assert not drafts.exclude(submitted_eligibility=None).exists()
    for dossier in submitted:
        assert dossier.submitted_content["reference"] == dossier.reference
        assert dossier.fingerprint == fingerprint(dossier.submitted_content)
        rules = dossier.submitted_eligibility["rules"]
        assert {rule["code"] for rule in rules} == set(RuleCode.values)
        assert all(set(rule["messages"]) == {"fr", "en"} for rule in rules)
        assert verdict_at_submission(dossier).results


def test_eligibility_timing_runs_in_bounded_queries(tiny_network):
    """`time_eligibility` evaluates every rule of N dossiers with the same number of queries
    for 5 and for 50 dossiers."""
    structures, user_ids = tiny_network
    calls.generate(scale=0.02, structures=structures, user_ids=user_ids, years=2)
    few, many = calls.time_eligibility(5), calls.time_eligibility(50)
    assert few["dossiers"] == 5 and many["dossiers"] == 50
    assert few["queries"] == many["queries"]
    assert many["evaluate_p95_ms"] >= many["evaluate_p50_ms"] > 0


def test_committee_sessions_seat_the_measured_member_and_freeze_their_agenda(tiny_network):
    """One session per call of the latest year; the first single-role committee member sits on
    each; its agenda holds reviewable dossiers only, each with the frozen content a submission
    gives; the opinions are that member's, on its agenda."""
    from bench import committee
    from lanterne.committee.models import CommitteeSession, Opinion

    structures, user_ids = tiny_network
    calls.generate(scale=0.05, structures=structures, user_ids=user_ids, years=2)
    members = committee.committee_members()
    made = committee.generate(seed=1)
    latest = Call.objects.order_by("-year").values_list("year", flat=True).first()
    assert made["committee sessions"] == Call.objects.filter(year=latest).count()
    assert CommitteeSession.objects.count() == made["committee sessions"]
    assert made["agenda dossiers"] > 0 and made["opinions"] > 0
    for session in CommitteeSession.objects.prefetch_related("members", "dossiers"):
        assert members[0] in {member.pk for member in session.members.all()}
        assert session.call.year == latest
        for dossier in session.dossiers.all():
            assert dossier.state in committee.AGENDA_STATES
            assert dossier.call_id == session.call_id
            assert dossier.submitted_content and dossier.fingerprint
    opinions = Opinion.objects.all()
    assert opinions.count() == made["opinions"]
    assert all(o.member_id == members[0] for o in opinions)
    assert all(o.session.dossiers.filter(pk=o.dossier_id).exists() for o in opinions)
