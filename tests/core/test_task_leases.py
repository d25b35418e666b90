"""Leases on django-tasks' own tasks: a task left running by a killed worker runs again."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from lanterne.core.tasks import recover_stalled_tasks, run_delivery

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def _running(started_at, workers=("dead-worker",)):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=started_at,
        worker_ids=list(workers),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="lanterne.core.tasks.deliver_outbox",
        backend_name="default",
        run_after=get_date_max(),
    )


def test_a_task_running_past_its_lease_is_put_back_to_run(clock, settings):
    """A task result RUNNING for longer than TASK_LEASE (its worker was killed) becomes READY
    again, so that a worker picks it up; one started within the lease is left alone."""
    stalled = _running(T0 - datetime.timedelta(seconds=settings.TASK_LEASE + 1))
    alive = _running(T0 - datetime.timedelta(seconds=settings.TASK_LEASE - 1))
    call_command("recover_tasks")
    stalled.refresh_from_db()
    alive.refresh_from_db()
    assert stalled.status == TaskResultStatus.READY
    assert list(DBTaskResult.objects.ready()) == [stalled]
    assert alive.status == TaskResultStatus.RUNNING


def test_a_task_whose_workers_keep_dying_fails_at_the_maximum(clock, settings):
    """A task started TASK_MAX_ATTEMPTS times, each time abandoned, is marked FAILED with the
    reason instead of running for ever."""
    settings.TASK_MAX_ATTEMPTS = 2
    task = _running(T0 - datetime.timedelta(days=1), workers=["first", "second"])
    assert recover_stalled_tasks() == (0, 1)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "lanterne.core.tasks.LeaseExpired"
    assert "started 2 times" in task.traceback
    assert task.finished_at == T0


def test_each_delivery_run_takes_up_stalled_tasks(clock, settings):
    """The delivery run (the task and the cron command) also recovers abandoned tasks."""
    stalled = _running(T0 - datetime.timedelta(seconds=settings.TASK_LEASE + 1))
    run_delivery()
    stalled.refresh_from_db()
    assert stalled.status == TaskResultStatus.READY
