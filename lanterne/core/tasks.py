"""What django-tasks leaves out, added once: delivering the outbox (with its retries and
timeouts) and leases on the database backend's own tasks.

A worker killed mid-task (`db_worker` SIGKILLed, the machine restarted) leaves its task result
RUNNING for ever: `recover_stalled_tasks` puts a task running for longer than `TASK_LEASE`
back to READY, so that a worker runs it again, and marks it FAILED once it has been started
`TASK_MAX_ATTEMPTS` times (a task that kills its worker each time must not loop). It runs at
each delivery and from `manage.py recover_tasks`.
"""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import outbox
from .models import OutboxMessage

logger = logging.getLogger("lanterne.tasks")


class LeaseExpired(Exception):
    """Recorded on a task result whose workers died on it too many times."""


def recover_stalled_tasks() -> tuple[int, int]:
    """Put the tasks abandoned by dead workers back to run; returns (requeued, failed)."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.TASK_LEASE)
    requeued = failed = 0
    with transaction.atomic():
        stalled = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=cutoff)
            .select_for_update(skip_locked=True)
        )
        for result in stalled:
            # Each start appends the worker's id: their number is the number of runs.
            current = DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
            )
            if len(result.worker_ids) >= settings.TASK_MAX_ATTEMPTS:
                error = LeaseExpired(
                    f"started {len(result.worker_ids)} times, each time left running for more "
                    f"than {settings.TASK_LEASE:g} s"
                )
                failed += current.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=timezone.now(),
                    exception_class_path=f"{LeaseExpired.__module__}.{LeaseExpired.__qualname__}",
                    traceback=f"{LeaseExpired.__qualname__}: {error}\n",
                    return_value=None,
                )
                logger.error("Task %s (%s) failed: %s", result.pk, result.task_path, error)
            else:
                requeued += current.update(status=TaskResultStatus.READY)
                logger.warning(
                    "Task %s (%s) left running since %s: put back to run again",
                    result.pk,
                    result.task_path,
                    result.started_at,
                )
    return requeued, failed


def run_delivery(keys: list[str] | None = None) -> outbox.Delivery:
    """One delivery run (the task and `manage.py deliver_outbox`): take up abandoned tasks, send
    every due e-mail, and, when some failed this time, schedule the run that retries them (one
    per run that failed, so that waiting runs never multiply). Without a backend that defers
    tasks, the next run or the cron retries them. `keys` limits the run to those messages."""
    recover_stalled_tasks()
    delivery = outbox.deliver(OutboxMessage.objects.filter(key__in=keys) if keys else None)
    if delivery.retry_at is not None and deliver_outbox.get_backend().supports_defer:
        deliver_outbox.using(run_after=delivery.retry_at).enqueue()
    return delivery


@task()
def deliver_outbox(keys: list[str] | None = None) -> int:
    """Send the due e-mails of the outbox (those of `keys`, or all); returns how many went out."""
    return run_delivery(keys).sent


def enqueue_delivery(rows: list[OutboxMessage] | None = None) -> None:
    """Ask a worker to deliver `rows` (every due row by default) once the current transaction
    commits (at once outside one). Losing this request loses nothing: the rows wait for the
    next run or the cron."""
    keys = [str(row.key) for row in rows] if rows else None
    transaction.on_commit(partial(deliver_outbox.enqueue, keys=keys))
