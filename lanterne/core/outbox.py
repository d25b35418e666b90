"""The outbox: e-mails recorded with the change that causes them, delivered by workers.

`record` writes one row per message in the caller's transaction, so a rollback sends nothing
and a crash after the commit loses nothing. `deliver` claims due rows with a lease, sends each
with the SMTP timeout (`EMAIL_TIMEOUT`), and marks it sent; a failure is retried after
`OUTBOX_RETRY_DELAY` seconds doubled at each attempt, and after `OUTBOX_MAX_ATTEMPTS` the row is
marked failed for the admins (the outbox admin, the count on the superuser's home). A row whose
lease ran out (the worker died mid-send) is claimed again; a row marked sent never is.

Sending is at least once: a worker killed between the SMTP server's acceptance and the row being
marked sent leaves a resend to the next claim. The message's Message-ID is the row's key, so
that resend is recognisable as the same message.
"""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .enums import OutboxState
from .models import OutboxMessage, OutboxMessageQuerySet

logger = logging.getLogger("lanterne.outbox")


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


def record(messages: Iterable[Message]) -> list[OutboxMessage]:
    """Write one outbox row per message, in the current transaction (one query)."""
    now = timezone.now()
    rows = [
        OutboxMessage(to=m.to, subject=m.subject, body=m.body, next_attempt_at=now, created_at=now)
        for m in messages
    ]
    return OutboxMessage.objects.bulk_create(rows) if rows else []


def lease_time() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.OUTBOX_LEASE)


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failed attempt: the base delay, doubled each time."""
    return datetime.timedelta(seconds=settings.OUTBOX_RETRY_DELAY * 2 ** max(attempts - 1, 0))


def give_up_abandoned() -> int:
    """Mark failed the rows whose workers died on them at every attempt (leased, lease run out,
    no attempt left), instead of taking them again for ever; returns how many."""
    abandoned = OutboxMessage.objects.filter(
        state=OutboxState.SENDING,
        lease_until__lte=timezone.now(),
        attempts__gte=settings.OUTBOX_MAX_ATTEMPTS,
    )
    abandoned.filter(last_error="").update(
        last_error="lease expired: the worker stopped during the send"
    )
    count = abandoned.update(state=OutboxState.FAILED, lease_until=None)
    if count:
        logger.error("%d e-mail(s) failed for good: their workers stopped during the send", count)
    return count


def claim(queryset: OutboxMessageQuerySet | None = None, *, limit: int = 1) -> list[OutboxMessage]:
    """Take the lease of up to `limit` due rows (of `queryset`, all rows by default).

    Rows locked by another worker are skipped (PostgreSQL); each row is then taken with a
    compare-and-set on its state and attempt count, so that two workers never both hold it,
    on databases without row locks too."""
    now = timezone.now()
    queryset = OutboxMessage.objects.all() if queryset is None else queryset
    claimed = []
    with transaction.atomic():
        due = (
            queryset.due(now).select_for_update(skip_locked=True).order_by("next_attempt_at", "id")
        )
        for row in due[:limit]:
            current = OutboxMessage.objects.filter(
                pk=row.pk, state=row.state, attempts=row.attempts
            )
            row.state = OutboxState.SENDING
            row.attempts += 1
            row.lease_until = now + lease_time()
            taken = current.update(
                state=row.state, attempts=row.attempts, lease_until=row.lease_until
            )
            if taken:
                claimed.append(row)
    return claimed


def _message_id(row: OutboxMessage) -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{row.key}@{domain}>"


@dataclass
class Delivery:
    """What a delivery run did: how many went out, how many failed for good, and when the
    earliest of those that failed this time will be tried again."""

    sent: int = 0
    failed: int = 0
    retry_at: datetime.datetime | None = None


def send(row: OutboxMessage, delivery: Delivery) -> None:
    """Send a claimed row and record the outcome in the row and in `delivery`.

    Nothing is sent, and nothing written, unless the row is still this claim's (same attempt
    count, still sending): a row marked sent, or a claim that lost its lease to another
    worker, changes nothing."""
    mine = OutboxMessage.objects.filter(pk=row.pk, state=OutboxState.SENDING, attempts=row.attempts)
    if not mine.exists():
        # Sent, or taken by another worker after this claim's lease ran out (a slow batch).
        return
    message = EmailMessage(
        row.subject,
        row.body,
        settings.DEFAULT_FROM_EMAIL,
        [row.to],
        headers={"Message-ID": _message_id(row)},
    )
    try:
        # The SMTP backend reads EMAIL_TIMEOUT: a server that never answers fails the attempt.
        message.send(fail_silently=False)
    except Exception as error:  # Any failure of the send is retried, then shown.
        text = f"{type(error).__name__}: {error}"[:2000]
        if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            delivery.failed += mine.update(
                state=OutboxState.FAILED, lease_until=None, last_error=text
            )
            logger.error("E-mail %s to %s failed for good: %s", row.key, row.to, text)
            return
        retry_at = timezone.now() + retry_delay(row.attempts)
        if mine.update(
            state=OutboxState.PENDING, lease_until=None, next_attempt_at=retry_at, last_error=text
        ):
            delivery.retry_at = min(filter(None, (delivery.retry_at, retry_at)))
        logger.warning("E-mail %s to %s will be retried: %s", row.key, row.to, text)
        return
    delivery.sent += mine.update(
        state=OutboxState.SENT, lease_until=None, sent_at=timezone.now(), last_error=""
    )


def deliver(queryset: OutboxMessageQuerySet | None = None) -> Delivery:
    """Send every due row (of `queryset`, all rows by default). Rows are claimed one at a
    time, so that a lease only has to outlast one send. A row that fails waits for its next
    attempt time, so this ends."""
    delivery = Delivery(failed=give_up_abandoned())
    while batch := claim(queryset):
        for row in batch:
            send(row, delivery)
    return delivery


def retry_failed(queryset: QuerySet) -> int:
    """Give the failed rows of `queryset` a fresh set of attempts, for the next delivery run;
    returns how many."""
    return queryset.filter(state=OutboxState.FAILED).update(
        state=OutboxState.PENDING, attempts=0, next_attempt_at=timezone.now(), lease_until=None
    )


def failed_count() -> int:
    """How many e-mails gave up after every attempt: shown to the admins."""
    return OutboxMessage.objects.failed().count()
