"""The life of a dossier: every transition from every state, allowed or refused, logged."""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from lanterne.dossiers import services
from lanterne.dossiers.enums import Decision, DossierState
from lanterne.dossiers.models import Dossier, DossierTransition
from tests.calls.factories import call_coordinator, paris
from tests.dossiers.factories import DossierFactory, dossier_applicant

S = DossierState
ALLOWED = {
    "submit": {S.DRAFT: S.SUBMITTED, S.RETURNED: S.SUBMITTED},
    "start_review": {S.SUBMITTED: S.UNDER_REVIEW},
    "return": {S.SUBMITTED: S.RETURNED, S.UNDER_REVIEW: S.RETURNED},
    "accept": {S.UNDER_REVIEW: S.ACCEPTED, S.IN_COMMITTEE: S.ACCEPTED},
    "refuse": {S.UNDER_REVIEW: S.REFUSED, S.IN_COMMITTEE: S.REFUSED},
    "close": dict.fromkeys((S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED, S.IN_COMMITTEE), S.CLOSED),
    "withdraw": dict.fromkeys(
        (S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED, S.IN_COMMITTEE), S.WITHDRAWN
    ),
}


def run(action: str, dossier, applicant, coordinator):
    if action == "submit":
        return services.dossier_submit(
            dossier=dossier, by=applicant, at=paris("2023-10-20 12:00:00")
        )
    if action == "start_review":
        return services.dossier_start_review(dossier=dossier, by=coordinator)
    if action == "return":
        return services.dossier_return(dossier=dossier, by=coordinator, reason="Joindre le CV.")
    if action == "accept":
        return services.dossier_decide(
            dossier=dossier, by=coordinator, decision=Decision.ACCEPTED, amount=Decimal("4000")
        )
    if action == "refuse":
        return services.dossier_decide(dossier=dossier, by=coordinator, decision=Decision.REFUSED)
    if action == "close":
        return services.dossier_decide(dossier=dossier, by=coordinator, decision=Decision.CLOSED)
    if action == "withdraw":
        return services.dossier_withdraw(dossier=dossier, by=applicant, reason="Projet reporté.")
    raise AssertionError(action)


@pytest.mark.parametrize("source", list(S))
@pytest.mark.parametrize("action", list(ALLOWED))
def test_every_transition_from_every_state(action, source):
    """Allowed transitions move the dossier and write one log row (who, from, to, why);
    every other one is refused with a message and changes nothing."""
    dossier = DossierFactory(state=source)
    applicant, coordinator = dossier_applicant(dossier), call_coordinator(dossier.call)
    before = DossierTransition.objects.filter(dossier=dossier).count()
    target = ALLOWED[action].get(source)
    if target is None:
        with pytest.raises(services.ServiceError):
            run(action, dossier, applicant, coordinator)
        assert Dossier.objects.get(pk=dossier.pk).state == source
        assert DossierTransition.objects.filter(dossier=dossier).count() == before
        return
    run(action, dossier, applicant, coordinator)
    assert Dossier.objects.get(pk=dossier.pk).state == target
    log = DossierTransition.objects.filter(dossier=dossier).latest("id")
    assert (log.source, log.target) == (source, target)
    assert log.by == (applicant if action in ("submit", "withdraw") else coordinator)
    if action in ("return", "withdraw"):
        assert log.reason


@pytest.mark.parametrize("action", ["start_review", "return", "accept", "refuse", "close"])
def test_applicant_cannot_instruct_its_own_dossier(action):
    dossier = DossierFactory(
        state=S.IN_COMMITTEE if action in ("accept", "refuse") else S.SUBMITTED
    )
    applicant = dossier_applicant(dossier)
    with pytest.raises(PermissionDenied):
        run(action, dossier, applicant, applicant)


@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_coordinator_cannot_act_for_the_applicant(action):
    dossier = DossierFactory(complete=True)
    coordinator = call_coordinator(dossier.call)
    with pytest.raises(PermissionDenied):
        run(action, dossier, coordinator, coordinator)


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
