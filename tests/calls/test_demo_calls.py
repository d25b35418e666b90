"""The demo's calls: La Trame's 2024 call configured from seed 004, its fictive dossiers in
every state through the services, and a demonstration call open today."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from lanterne.calls.enums import ApplicantArea, MilestoneKind, RuleCode
from lanterne.calls.models import Call
from lanterne.calls.selectors import applicant_may_apply
from lanterne.committee.models import CommitteeSession, Opinion
from lanterne.demo.calls import DOSSIERS_2024, TITLE_2024
from lanterne.demo.fictive import DEMO_PASSWORD
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier, DossierMessage, DossierNote, DossierTransition
from lanterne.network.models import JoinRequest, Structure


@pytest.fixture
def demo(db) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_2024_call_has_every_rule_with_the_seed_parameters(demo):
    """The 2024 call is La Trame's: 12 rules with seed 004's figures, its calendar (deadline
    31 October 2023 23:59:59 Paris), documents, illustrative film lists, no envelope."""
    call = Call.objects.with_calendar().get(title=TITLE_2024)
    assert call.year == 2024 and call.region_id == "76"
    assert call.coordination.slug == "la-trame"
    assert call.envelope is None
    assert "illustratives" in call.description
    rules = {rule.code: rule for rule in call.rules.all()}
    assert set(rules) == set(RuleCode.values) and len(rules) == 12
    assert rules[RuleCode.GRANT_CEILING].params["max_amount"] == "5000.00"
    assert rules[RuleCode.GRANT_SHARE].params["max_percent"] == "60"
    assert rules[RuleCode.PUBLIC].params == {
        "min_age": 12,
        "max_age": 25,
        "far_from_culture_qualifies": True,
    }
    assert rules[RuleCode.TERRITORY].params == {"qpv": True, "rural": True}
    assert rules[RuleCode.PARCOURS].params == {"min_actions": 3, "voir_and_faire": True}
    assert set(rules[RuleCode.TRIPARTITE].params["roles"]) == {
        "cultural",
        "public_support",
        "diffusion",
    }
    assert call.deadline.isoformat() == "2023-10-31T22:59:59+00:00"
    assert (
        call.milestone(MilestoneKind.FIRST_CONTACT)
        .starts_at.isoformat()
        .startswith("2023-09-30T22:00")
    )
    assert len(call.milestones.all()) == 9
    assert {d.kind for d in call.required_documents.all()} == {
        "speaker_cv",
        "previous_report",
        "previous_films",
    }
    assert all(fl.films.count() >= 2 for fl in call.film_lists.all())


def test_there_is_a_dossier_in_each_state(demo):
    """The demo shows every step of a dossier's life, each reached through the services and
    logged, with a committee session, opinions, messages and a private note."""
    dossiers = Dossier.objects.filter(call__title=TITLE_2024)
    assert set(dossiers.values_list("state", flat=True)) == set(DossierState.values)
    # The projects demo accepts more dossiers of the call: this one is the calls demo's.
    accepted = dossiers.get(state=DossierState.ACCEPTED, title="Le Mirail fait son cinéma")
    assert accepted.granted_amount == Decimal("4500.00")
    assert accepted.fingerprint and accepted.submitted_content
    assert DossierTransition.objects.filter(dossier=accepted, name="accept").exists()
    assert CommitteeSession.objects.filter(call__title=TITLE_2024).count() == 1
    assert Opinion.objects.filter(dossier__title__in=[d[2] for d in DOSSIERS_2024]).count() == 5
    assert DossierMessage.objects.exists() and DossierNote.objects.exists()
    # Submitted dossiers passed every blocking rule on the day they were submitted.
    submitted = Dossier.objects.for_eligibility().get(
        call__title=TITLE_2024, state=DossierState.SUBMITTED
    )
    assert evaluate(submitted).eligible


def test_the_demonstration_call_is_open_and_the_demo_reruns(demo):
    """An open call lets the applicant login try a dossier; rerunning the demo changes no
    count and keeps the call open; new logins are printed."""
    open_call = Call.objects.with_calendar().get(is_fictitious=True, copied_from__isnull=False)
    assert open_call.is_open
    assert "démonstration" in open_call.title
    assert len(open_call.rules.all()) == 12
    assert "porteur.montpellier@lanterne.example" in demo and DEMO_PASSWORD in demo
    counts = (Call.objects.count(), Dossier.objects.count(), Opinion.objects.count())
    call_command("load_demo", "--skip-territories", stdout=StringIO(), stderr=StringIO())
    assert (Call.objects.count(), Dossier.objects.count(), Opinion.objects.count()) == counts
    assert Call.objects.with_calendar().get(pk=open_call.pk).is_open
    # Who may apply: the Occitanie call takes the whole région; each Hauts-de-France call its
    # own half, and the demo's join request waits for the Moulin's member.
    assert open_call.applicant_area == ApplicantArea.REGION
    moulin = Structure.objects.get(slug="maison-de-quartier-du-moulin")
    south = Call.objects.get(coordination__slug="acap-pole-regional-image", is_fictitious=True)
    north = Call.objects.get(coordination__slug="hors-cadre", is_fictitious=True)
    assert not applicant_may_apply(south, moulin)[0]
    assert applicant_may_apply(north, moulin)[0]
    assert JoinRequest.objects.pending().filter(structure=moulin).count() == 1
    assert "candidate.roubaix@lanterne.example" in demo
