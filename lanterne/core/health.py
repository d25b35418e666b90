"""What /sante/ checks: the database answers, the private storage answers, and a task worker
ran the heartbeat task recently. Each check only reads, and costs one query or one call."""

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django_tasks import TaskContext, task

from .models import WorkerHeartbeat

# Heartbeats of workers gone for this long are forgotten.
FORGET_AFTER = datetime.timedelta(days=1)


@task(takes_context=True)
def heartbeat(context: TaskContext) -> str:
    """Run by whichever worker takes it from the queue: proof that tasks are being run."""
    worker_id = (context.task_result.worker_ids or ["?"])[-1]
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now})
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()
    return worker_id


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_storage() -> dict:
    """Listing the top of the private storage: a directory that exists, or a bucket that
    answers (one request). It does not prove that writes would succeed."""
    storages["private"].listdir("")
    return {"ok": True}


def check_worker(now: datetime.datetime | None = None) -> dict:
    last_seen = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    if last_seen is None:
        return {"ok": False, "last_seen": None}
    age = ((now or timezone.now()) - last_seen).total_seconds()
    return {
        "ok": age <= settings.HEALTH_WORKER_MAX_AGE,
        "last_seen": last_seen.isoformat(),
        "age_seconds": int(age),
    }


CHECKS = {"database": check_database, "storage": check_storage, "worker": check_worker}


def run_checks() -> dict[str, dict]:
    """Every check's answer; a check that raises fails with the exception's class name only
    (the endpoint is public)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:
            results[name] = {"ok": False, "error": type(error).__name__}
    return results
