"""Deadline reminders: a draft gets one e-mail per offset of its call's `reminder_days`, only
the nearest offset when several have passed, never twice, and only while it is a draft."""

from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import DossierReminder
from lanterne.dossiers.tasks import send_dossier_reminders
from tests.calls.factories import CallFactory, paris
from tests.dossiers.factories import DossierFactory, dossier_applicant

pytestmark = pytest.mark.django_db


def run_command(*args) -> str:
    out = StringIO()
    call_command("send_dossier_reminders", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def call():
    return CallFactory(reminder_days="14,3")  # deadline 31 October 2023 23:59:59 Paris


def test_draft_13_days_before_gets_one_reminder_naming_the_deadline(
    call, django_capture_on_commit_callbacks
):
    """Thirteen days before the deadline, a draft's applicant gets the « 14 days » reminder
    naming the deadline; running again the same day sends nothing."""
    dossier = DossierFactory(call=call)
    user = dossier_applicant(dossier, email="porteur@example.org")
    with time_machine.travel(paris("2023-10-18 08:00:00"), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            output = run_command()
        assert "1 rappel(s) envoyé(s)" in output
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [user.email]
        assert dossier.reference in mail.outbox[0].subject
        assert "31 octobre 2023" in mail.outbox[0].body
        assert list(DossierReminder.objects.values_list("days_before", flat=True)) == [14]

        with django_capture_on_commit_callbacks(execute=True):
            assert "0 rappel(s) envoyé(s)" in run_command()
        assert len(mail.outbox) == 1


def test_submitted_dossier_gets_no_reminder(call, django_capture_on_commit_callbacks):
    """A dossier already submitted is never reminded."""
    dossier = DossierFactory(call=call, state=DossierState.SUBMITTED)
    dossier_applicant(dossier)
    with (
        time_machine.travel(paris("2023-10-18 08:00:00"), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_dossier_reminders.call() == 0
    assert mail.outbox == []
    assert not DossierReminder.objects.exists()


def test_draft_2_days_before_gets_only_the_3_days_reminder(
    call, django_capture_on_commit_callbacks
):
    """Two days before the deadline, only the nearest offset is sent (not also « 14 days »),
    through the background task as through the command."""
    dossier = DossierFactory(call=call)
    dossier_applicant(dossier)
    with (
        time_machine.travel(paris("2023-10-29 09:00:00"), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_dossier_reminders.enqueue().return_value == 1
    assert len(mail.outbox) == 1
    assert list(DossierReminder.objects.values_list("days_before", flat=True)) == [3]


def test_dry_run_lists_without_sending(call, django_capture_on_commit_callbacks):
    """`--dry-run` lists the reminders due and sends and records nothing."""
    dossier = DossierFactory(call=call)
    dossier_applicant(dossier)
    with (
        time_machine.travel(paris("2023-10-18 08:00:00"), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        output = run_command("--dry-run")
    assert f"Rappel J-14 : {dossier.reference}" in output
    assert mail.outbox == []
    assert not DossierReminder.objects.exists()
