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
    assert all("30 juin 2025" in m.subject for m in mail.outbox)


def test_no_reminder_far_from_deadline(setup):
    call_command("send_observatory_reminders", today=str(datetime.date(2025, 3, 1)))
    assert not Reminder.objects.exists()


def test_reminders_due_only_reads(setup):
    """Listing the due reminders writes nothing, even for structures that never opened their
    return: they are listed with an unsaved return."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lanterne.observatory.models import Return
    from lanterne.observatory.services import reminders_due

    returns = Return.objects.count()
    with CaptureQueriesContext(connection) as queries:
        due = reminders_due(today=datetime.date(2025, 6, 20))
    assert len(due) == 3
    assert sum(value_return.pk is None for value_return, _d, _day in due) == 2
    assert Return.objects.count() == returns
    assert [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")] == []


def test_dry_run_writes_nothing(setup):
    """The dry run lists the reminders a real run would send and writes no row at all."""
    import io

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lanterne.observatory.models import Return

    returns = Return.objects.count()
    out = io.StringIO()
    with CaptureQueriesContext(connection) as queries:
        call_command("send_observatory_reminders", today="2025-06-20", dry_run=True, stdout=out)
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert "3 relance(s) à envoyer." in out.getvalue()
    assert Return.objects.count() == returns
    assert not Reminder.objects.exists()
    assert not mail.outbox


def test_real_run_opens_the_returns_it_reminds(setup, django_capture_on_commit_callbacks):
    """The real run stores the never-opened returns it sends a reminder for."""
    from lanterne.observatory.models import Return

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_observatory_reminders", today="2025-06-20")
    assert Return.objects.filter(campaign=setup["campaign"]).count() == 3
    assert Reminder.objects.count() == 3


def test_each_member_gets_the_reminder_alone_in_their_language(
    setup, django_capture_on_commit_callbacks
):
    """A reminder is one message per member of the structure, in that member's language: an
    English-speaking member reads it in English, and nobody sees another's address."""
    member = setup["member"]
    member.language = "en"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_observatory_reminders", today="2025-06-20")
    mine = [m for m in mail.outbox if member.email in m.to]
    assert len(mine) == 1
    assert mine[0].to == [member.email]
    assert mine[0].subject.startswith("Observatory")
    assert "deadline on 30 June 2025" in mine[0].body
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
