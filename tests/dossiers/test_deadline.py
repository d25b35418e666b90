"""Submission is refused after the deadline, in Paris time to the second, unless the
coordination granted that dossier an extension."""

import datetime

import pytest

from lanterne.dossiers import services
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier, DossierTransition
from tests.calls.factories import call_coordinator, paris
from tests.dossiers.factories import DossierFactory, dossier_applicant

UTC = datetime.UTC


def test_deadline_is_paris_time_after_the_autumn_clock_change():
    """31 October 2023 23:59:59 in Paris is 22:59:59 UTC (winter time since 29 October)."""
    dossier = DossierFactory(complete=True)
    assert dossier.call.deadline == datetime.datetime(2023, 10, 31, 22, 59, 59, tzinfo=UTC)


def test_submission_at_the_last_second_is_accepted():
    dossier = DossierFactory(complete=True)
    services.dossier_submit(
        dossier=dossier,
        by=dossier_applicant(dossier),
        at=datetime.datetime(2023, 10, 31, 22, 59, 59, tzinfo=UTC),
    )
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SUBMITTED


def test_submission_one_second_late_is_refused_naming_the_deadline():
    """At 23:00:00 UTC it is already 1 November 00:00:00 in Paris: refused, with the deadline."""
    dossier = DossierFactory(complete=True)
    with pytest.raises(services.DeadlinePassed) as refusal:
        services.dossier_submit(
            dossier=dossier,
            by=dossier_applicant(dossier),
            at=datetime.datetime(2023, 10, 31, 23, 0, 0, tzinfo=UTC),
        )
    assert "31 octobre 2023 à 23 h 59 (heure de Paris)" in refusal.value.messages[0]
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT


def test_summer_time_deadline():
    """A deadline in summer time (UTC+2) is also read in Paris time."""
    dossier = DossierFactory(complete=True)
    dossier.call.milestones.filter(kind="deadline").update(starts_at=paris("2023-06-30 23:59:59"))
    moment = datetime.datetime(2023, 6, 30, 21, 59, 59, tzinfo=UTC)
    services.dossier_submit(dossier=dossier, by=dossier_applicant(dossier), at=moment)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SUBMITTED


def test_extension_lets_one_dossier_submit_late_and_is_recorded():
    dossier = DossierFactory(complete=True)
    other = DossierFactory(complete=True, call=dossier.call)
    coordinator = call_coordinator(dossier.call)
    services.dossier_grant_extension(
        dossier=dossier,
        by=coordinator,
        until=paris("2023-11-03 12:00:00"),
        reason="Panne informatique.",
    )
    late = paris("2023-11-02 09:00:00")
    services.dossier_submit(dossier=dossier, by=dossier_applicant(dossier), at=late)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SUBMITTED
    log = DossierTransition.objects.get(dossier=dossier, name="extension")
    assert log.by == coordinator
    assert log.reason == "Panne informatique."
    with pytest.raises(services.DeadlinePassed):
        services.dossier_submit(dossier=other, by=dossier_applicant(other), at=late)


def test_extension_needs_a_reason():
    dossier = DossierFactory(complete=True)
    with pytest.raises(services.ServiceError):
        services.dossier_grant_extension(
            dossier=dossier,
            by=call_coordinator(dossier.call),
            until=paris("2023-11-03 12:00:00"),
            reason=" ",
        )


def test_returned_dossier_may_come_back_after_the_deadline():
    """Completion requested by the coordination in November is not refused for lateness."""
    dossier = DossierFactory(state=DossierState.SENT_BACK)
    services.dossier_submit(
        dossier=dossier, by=dossier_applicant(dossier), at=paris("2023-11-15 10:00:00")
    )
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SUBMITTED


def test_blocking_rule_refuses_submission_with_its_reason():
    dossier = DossierFactory(complete=True)
    dossier.partners.filter(role="diffusion").delete()
    with pytest.raises(services.ServiceError) as refusal:
        services.dossier_submit(
            dossier=dossier, by=dossier_applicant(dossier), at=paris("2023-10-20 10:00:00")
        )
    assert any("diffusion" in message for message in refusal.value.messages)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT
