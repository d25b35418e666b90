"""The outbox: e-mails recorded with the change that causes them, then delivered with a lease,
a timeout, bounded retries with backoff, and never twice for a row marked sent."""

import copy
import datetime
import socket
import threading
from html import unescape
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lanterne.core import outbox
from lanterne.core.enums import OutboxState
from lanterne.core.mail import notify
from lanterne.core.models import OutboxMessage
from lanterne.core.tasks import run_delivery
from tests.accounts.factories import UserFactory

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
TEMPLATE = "core_tests/email/greeting"


@pytest.fixture
def test_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [Path(__file__).parent / "templates", *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def _record(to="someone@example.org"):
    [row] = outbox.record([outbox.Message(to=to, subject="Objet", body="Texte")])
    return row


@pytest.fixture
def hanging_smtp(settings):
    """A real server on 127.0.0.1 that accepts connections and never says a word."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.getsockname()[1]
    settings.EMAIL_TIMEOUT = 0.3
    yield held
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_a_rollback_sends_nothing(test_templates, django_capture_on_commit_callbacks):
    """Notifications recorded in a transaction that rolls back leave no row and send nothing."""
    users = UserFactory.create_batch(2)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert notify(users, TEMPLATE, {"what": "un changement"}) == 2
        assert OutboxMessage.objects.count() == 2
        raise RuntimeError("the change fails after the notification")
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_a_commit_records_one_row_per_recipient_then_sends_each_alone(
    test_templates, django_capture_on_commit_callbacks
):
    """notify writes one outbox row per recipient inside the transaction (nothing is sent
    before the commit); once it commits, each recipient gets their own message, in their
    language, with nobody else in To:, Cc: or Bcc:."""
    french = UserFactory(language="fr")
    english = UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            notify([french, english, french], TEMPLATE, {"what": "un changement"})
            rows = list(OutboxMessage.objects.order_by("to"))
            assert sorted(r.to for r in rows) == sorted([french.email, english.email])
            assert all(r.state == OutboxState.PENDING for r in rows)
            assert len({r.key for r in rows}) == 2
        assert mail.outbox == []
    assert sorted(m.to for m in mail.outbox) == sorted([[french.email], [english.email]])
    assert all(not m.cc and not m.bcc for m in mail.outbox)
    by_to = {m.to[0]: m for m in mail.outbox}
    assert by_to[english.email].subject == f"Hello {english.email}"
    assert by_to[french.email].subject == f"Bonjour {french.email}"
    assert by_to[english.email].body.startswith("en:")
    assert OutboxMessage.objects.filter(state=OutboxState.SENT).count() == 2


def test_the_message_id_is_the_idempotency_key():
    """The Message-ID of the e-mail is the row's key: a resend is recognisably the same."""
    row = _record()
    run_delivery()
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{row.key}@lanterne.localhost>"


def test_a_worker_killed_mid_send_is_replaced_after_the_lease(clock, settings):
    """A row claimed by a worker that died before finishing stays leased until the lease
    runs out, then the next delivery run sends it: exactly one e-mail in all."""
    row = _record()
    [claimed] = outbox.claim()  # the worker that dies: it never sends nor marks the row
    assert claimed.pk == row.pk
    run_delivery()
    assert mail.outbox == []
    clock.shift(datetime.timedelta(seconds=settings.OUTBOX_LEASE - 1))
    run_delivery()
    assert mail.outbox == []
    clock.shift(datetime.timedelta(seconds=2))
    assert run_delivery().sent == 1
    run_delivery()
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.SENT, 2)
    # The dead worker coming back to life sends nothing: its claim is no longer the row's.
    outbox.send(claimed, outbox.Delivery())
    assert len(mail.outbox) == 1


def test_delivering_the_same_row_twice_sends_once():
    """Idempotency: a row marked sent is never sent again, whoever asks."""
    row = _record()
    [claimed] = outbox.claim()
    outbox.send(claimed, outbox.Delivery())
    outbox.send(claimed, outbox.Delivery())
    assert run_delivery().sent == 0
    call_command("deliver_outbox")
    _record(to="other@example.org")
    assert run_delivery().sent == 1
    assert [m.to for m in mail.outbox] == [[row.to], ["other@example.org"]]


def test_a_hanging_smtp_server_fails_by_timeout_then_retries_with_backoff(
    clock, settings, hanging_smtp
):
    """An SMTP server that never answers fails the attempt after EMAIL_TIMEOUT; the row is
    tried again after the retry delay, doubled each time, and marked failed after the
    maximum of attempts, with the error kept for the admins."""
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.OUTBOX_RETRY_DELAY = 60
    row = _record()

    delivery = run_delivery()
    row.refresh_from_db()
    assert (delivery.sent, row.state, row.attempts) == (0, OutboxState.PENDING, 1)
    assert "timed out" in row.last_error
    assert row.next_attempt_at == T0 + datetime.timedelta(seconds=60)
    assert hanging_smtp  # the server did accept the connection

    clock.shift(datetime.timedelta(seconds=59))
    run_delivery()
    row.refresh_from_db()
    assert row.attempts == 1  # not due yet

    clock.shift(datetime.timedelta(seconds=1))
    run_delivery()
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.PENDING, 2)
    assert row.next_attempt_at == T0 + datetime.timedelta(seconds=60 + 120)

    clock.move_to(row.next_attempt_at)
    delivery = run_delivery()
    row.refresh_from_db()
    assert (delivery.failed, row.state, row.attempts) == (1, OutboxState.FAILED, 3)
    assert "timed out" in row.last_error
    assert outbox.failed_count() == 1

    clock.shift(datetime.timedelta(days=1))
    run_delivery()
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.FAILED, 3)
    assert mail.outbox == []


def test_a_failed_attempt_schedules_the_run_that_retries_it(clock, settings, hanging_smtp):
    """With the database task backend, a run whose send failed queues one delivery task for
    the retry time; a run with nothing failing queues none."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _record()
    run_delivery()
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "lanterne.core.tasks.deliver_outbox"
    assert task.status == TaskResultStatus.READY
    assert task.run_after == T0 + datetime.timedelta(seconds=settings.OUTBOX_RETRY_DELAY)
    run_delivery()
    assert DBTaskResult.objects.count() == 1


def test_an_abandoned_row_at_the_maximum_of_attempts_is_marked_failed(clock, settings):
    """A row whose workers kept dying is not taken again for ever: failed at the maximum."""
    settings.OUTBOX_MAX_ATTEMPTS = 1
    row = _record()
    outbox.claim()
    clock.shift(datetime.timedelta(seconds=settings.OUTBOX_LEASE + 1))
    run_delivery()
    row.refresh_from_db()
    assert row.state == OutboxState.FAILED
    assert "lease expired" in row.last_error
    assert mail.outbox == []


def test_deliver_outbox_command_drains_due_rows_and_dry_run_only_counts(clock):
    """`deliver_outbox` (the cron safety net) sends what waits; --dry-run only counts."""
    _record("a@example.org")
    _record("b@example.org")
    call_command("deliver_outbox", "--dry-run")
    assert mail.outbox == []
    assert OutboxMessage.objects.filter(state=OutboxState.PENDING).count() == 2
    call_command("deliver_outbox")
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]


def test_failed_emails_are_shown_to_the_superuser_and_listed_in_the_admin(login):
    """The superuser's home counts the failed e-mails and links to the admin's filtered list;
    an admin action gives them a fresh set of attempts."""
    row = _record()
    OutboxMessage.objects.filter(pk=row.pk).update(
        state=OutboxState.FAILED, attempts=5, last_error="TimeoutError: timed out"
    )
    user = UserFactory(is_superuser=True, is_staff=True)
    client = login(user)
    response = client.get(reverse("www:home"))
    assert response.context["failed_emails"] == 1
    changelist = reverse("admin:core_outboxmessage_changelist")
    assert f"{changelist}?state__exact=failed" in response.text
    assert "1 courriel n'a pas pu être envoyé" in unescape(response.text)
    response = client.get(changelist, {"state__exact": "failed"})
    assert response.status_code == 200
    assert row.to in response.text
    response = client.post(
        changelist, {"action": "retry", "_selected_action": [row.pk]}, follow=True
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.PENDING, 0)


def test_no_failed_email_no_warning_on_the_home(login):
    """Without failed e-mails the superuser's home shows no warning."""
    response = login(UserFactory(is_superuser=True, is_staff=True)).get(reverse("www:home"))
    assert response.context["failed_emails"] == 0
    assert "state__exact=failed" not in response.text
