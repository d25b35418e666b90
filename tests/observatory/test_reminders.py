"""Reminders before each deadline: one per return per deadline, whatever the runs."""

import datetime

from django.core import mail
from django.core.management import call_command

from lanterne.observatory.enums import ReturnState
from lanterne.observatory.models import Reminder
from tests.workflow import put_in_state


def test_reminders_are_sent_once(setup, django_capture_on_commit_callbacks):
    """Two runs on the same day send each reminder once; submitted returns get none."""
    put_in_state(setup["return"], ReturnState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_observatory_reminders", today="2025-06-20")
        call_command("send_observatory_reminders", today="2025-06-20")
    # Two structures still to report, one deadline (30 June) within two weeks.
    assert Reminder.objects.count() == 2
    assert Reminder.objects.filter(value_return=setup["return"]).count() == 0
    assert all("30/06/2025" in m.subject for m in mail.outbox)


def test_no_reminder_far_from_deadline(setup):
    call_command("send_observatory_reminders", today=str(datetime.date(2025, 3, 1)))
    assert not Reminder.objects.exists()
