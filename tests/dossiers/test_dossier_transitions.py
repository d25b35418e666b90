"""The life of a dossier: every transition from every state, allowed or refused, logged."""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from lanterne.core.workflow import abilities
from lanterne.dossiers import services
from lanterne.dossiers.enums import Decision, DossierState
from lanterne.dossiers.models import Dossier, DossierTransition
from tests.calls.factories import call_coordinator, paris
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.workflow import assert_every_transition, put_in_state

S = DossierState
# Each transition: the states it may start from, and where it leads.
ALLOWED = {
    "submit": {S.DRAFT, S.SENT_BACK},
    "start_review": {S.SUBMITTED},
    "send_back": {S.SUBMITTED, S.UNDER_REVIEW},
    "send_to_committee": {S.SUBMITTED, S.UNDER_REVIEW},
    "accept": {S.UNDER_REVIEW, S.IN_COMMITTEE},
    "refuse": {S.UNDER_REVIEW, S.IN_COMMITTEE},
    "close": {S.SUBMITTED, S.UNDER_REVIEW, S.SENT_BACK, S.IN_COMMITTEE},
    "withdraw": {S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.SENT_BACK, S.IN_COMMITTEE},
}
TARGET = {
    "submit": S.SUBMITTED,
    "start_review": S.UNDER_REVIEW,
    "send_back": S.SENT_BACK,
    "send_to_committee": S.IN_COMMITTEE,
    "accept": S.ACCEPTED,
    "refuse": S.REFUSED,
    "close": S.CLOSED,
    "withdraw": S.WITHDRAWN,
}
# The applicant's steps; the coordination does the others.
APPLICANT_STEPS = ("submit", "withdraw")
SESSION = 7


def run(name: str, dossier, by):
    if name == "submit":
        return services.dossier_submit(dossier=dossier, by=by, at=paris("2023-10-20 12:00:00"))
    if name == "start_review":
        return services.dossier_start_review(dossier=dossier, by=by)
    if name == "send_back":
        return services.dossier_send_back(dossier=dossier, by=by, reason="Joindre le CV.")
    if name == "send_to_committee":
        return services.dossier_send_to_committee(dossier=dossier, by=by, session=SESSION)
    if name == "accept":
        return services.dossier_decide(
            dossier=dossier, by=by, decision=Decision.ACCEPTED, amount=Decimal("4000")
        )
    if name == "refuse":
        return services.dossier_decide(dossier=dossier, by=by, decision=Decision.REFUSED)
    if name == "close":
        return services.dossier_decide(dossier=dossier, by=by, decision=Decision.CLOSED)
    if name == "withdraw":
        return services.dossier_withdraw(dossier=dossier, by=by, reason="Projet reporté.")
    raise AssertionError(name)


def run_and_check_target(name: str, dossier, by):
    """`run`, then (reached only when the move is allowed) where it led and what it logged."""
    run(name, dossier, by)
    log = DossierTransition.objects.filter(dossier=dossier).latest("id")
    assert Dossier.objects.get(pk=dossier.pk).state == TARGET[name], name
    assert log.target == TARGET[name], name
    if name in ("send_back", "withdraw"):
        assert log.reason, name
    if name == "send_to_committee":
        assert log.details == {"session": SESSION}


def test_every_transition_from_every_state():
    """Allowed transitions move the dossier where the graph says and write one log row (who,
    from, to, why); every other one is refused with a message naming the dossier's state and
    changes nothing."""
    dossier = DossierFactory(complete=True)
    applicant, coordinator = dossier_applicant(dossier), call_coordinator(dossier.call)
    assert_every_transition(
        dossier,
        run_and_check_target,
        actors={n: applicant if n in APPLICANT_STEPS else coordinator for n in ALLOWED},
        allowed=ALLOWED,
    )


@pytest.mark.parametrize(
    "name", ["start_review", "send_back", "send_to_committee", "accept", "refuse", "close"]
)
def test_applicant_cannot_instruct_its_own_dossier(name):
    dossier = DossierFactory(state=S.IN_COMMITTEE if name in ("accept", "refuse") else S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        run(name, dossier, dossier_applicant(dossier))


@pytest.mark.parametrize("name", APPLICANT_STEPS)
def test_coordinator_cannot_act_for_the_applicant(name):
    dossier = DossierFactory(complete=True)
    with pytest.raises(PermissionDenied):
        run(name, dossier, call_coordinator(dossier.call))


def test_abilities_follow_state_and_role():
    """The applicant may submit or withdraw its draft; the coordination may grant it more time,
    and instructs it once submitted."""
    dossier = DossierFactory(complete=True)
    applicant, coordinator = dossier_applicant(dossier), call_coordinator(dossier.call)
    nothing = dict.fromkeys(
        ["view", "edit", *ALLOWED, "extend", "view_messages", "view_notes"], False
    )
    # Both read the conversation; only the coordination reads its private notes.
    talks = {"view": True, "view_messages": True}
    instructs = {**talks, "view_notes": True}
    assert abilities(dossier, applicant) == {
        **nothing,
        **talks,
        "edit": True,
        "submit": True,
        "withdraw": True,
    }
    assert abilities(dossier, coordinator) == {**nothing, **instructs, "extend": True}
    put_in_state(dossier, S.UNDER_REVIEW)
    assert abilities(dossier, applicant) == {**nothing, **talks, "withdraw": True}
    assert abilities(dossier, coordinator) == {
        **nothing,
        **instructs,
        "send_back": True,
        "send_to_committee": True,
        "accept": True,
        "refuse": True,
        "close": True,
    }


def test_accepting_requires_an_amount():
    dossier = DossierFactory(state=S.IN_COMMITTEE)
    with pytest.raises(services.ServiceError):
        services.dossier_decide(
            dossier=dossier, by=call_coordinator(dossier.call), decision=Decision.ACCEPTED
        )
    assert Dossier.objects.get(pk=dossier.pk).state == S.IN_COMMITTEE


def test_accepted_amount_is_recorded_and_logged():
    dossier = DossierFactory(state=S.IN_COMMITTEE)
    services.dossier_decide(
        dossier=dossier,
        by=call_coordinator(dossier.call),
        decision=Decision.ACCEPTED,
        amount=Decimal("3500.50"),
    )
    dossier.refresh_from_db()
    assert dossier.granted_amount == Decimal("3500.50")
    assert dossier.transitions.latest("id").details == {"amount": "3500.50"}


def test_accepted_applicant_is_told_to_send_the_cerfa(
    mailoutbox, django_capture_on_commit_callbacks
):
    dossier = DossierFactory(state=S.IN_COMMITTEE)
    dossier_applicant(dossier, email="porteur@example.org")
    with (
        time_machine.travel(paris("2024-01-10 10:00:00")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.dossier_decide(
            dossier=dossier,
            by=call_coordinator(dossier.call),
            decision=Decision.ACCEPTED,
            amount=Decimal("4000"),
        )
    mails = [m for m in mailoutbox if "porteur@example.org" in m.to]
    assert len(mails) == 1
    assert "12156" in mails[0].body
    assert "4\xa0000,00" in mails[0].body
