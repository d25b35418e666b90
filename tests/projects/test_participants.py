"""Participant counts: non-negative integers with a clear message; relays apart."""

import pytest

from lanterne.projects import services
from lanterne.projects.figures import recorded_figures
from tests.projects.factories import project, project_applicant


@pytest.fixture
def workshop():
    p = project()
    return p.actions.get(action_type="creation_workshop"), project_applicant(p)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("-3", "négatif"),
        ("12,5", "entier"),
        ("douze", "entier"),
        ("1e3", "entier"),
        (2.5, "entier"),
    ],
)
def test_bad_counts_are_refused_with_a_clear_message(workshop, raw, message):
    action, user = workshop
    with pytest.raises(services.ServiceError) as refusal:
        services.participants_record(action=action, by=user, beneficiaries={("12_15", "f"): raw})
    assert message in refusal.value.messages[0]
    assert str(raw) in refusal.value.messages[0]
    assert not action.participant_counts.exists()


def test_relays_are_never_added_to_beneficiaries(workshop):
    action, user = workshop
    services.participants_record(
        action=action,
        by=user,
        beneficiaries={("12_15", "f"): "6", ("12_15", "m"): 5, ("16_18", "f"): ""},
        priority={"qpv": "8"},
        relays={"youth_worker": "2"},
    )
    figures = recorded_figures(action.project)
    assert figures["beneficiaries"] == 11
    assert figures["relays"] == 2


def test_priority_public_cannot_exceed_the_participants(workshop):
    action, user = workshop
    with pytest.raises(services.ServiceError) as refusal:
        services.participants_record(
            action=action, by=user, beneficiaries={("12_15", "f"): 3}, priority={"qpv": 4}
        )
    assert "3" in refusal.value.messages[0]


def test_another_applicant_cannot_record(workshop):
    from django.core.exceptions import PermissionDenied

    from tests.accounts.factories import applicant

    action, _user = workshop
    with pytest.raises(PermissionDenied):
        services.participants_record(
            action=action, by=applicant(), beneficiaries={("12_15", "f"): 3}
        )
