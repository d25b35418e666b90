"""/sante/: what a load balancer asks — database, private storage and task workers."""

import datetime
import json

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from lanterne.core import health
from lanterne.core.health import heartbeat
from lanterne.core.models import WorkerHeartbeat

HEALTH = reverse("health")


def test_health_answers_ok_when_every_check_passes(client, django_assert_num_queries):
    """Public, never cached, two reads (the database, the last heartbeat): 200 and each check."""
    heartbeat.enqueue()
    with django_assert_num_queries(2):
        response = client.get(HEALTH)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "storage", "worker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["worker"]["age_seconds"] < 60


def test_health_never_writes(client, django_assert_num_queries):
    """A probe every few seconds must not write: only SELECTs."""
    heartbeat.enqueue()
    with django_assert_num_queries(2) as queries:
        client.get(HEALTH)
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)


def test_health_fails_without_any_worker_heartbeat(client):
    """No worker ever ran the heartbeat: 503, and the worker check says so."""
    response = client.get(HEALTH)
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "failing"
    assert body["checks"]["worker"] == {"ok": False, "last_seen": None}
    assert body["checks"]["database"]["ok"] and body["checks"]["storage"]["ok"]


@override_settings(HEALTH_WORKER_MAX_AGE=600)
def test_health_fails_when_the_last_heartbeat_is_too_old(client):
    """Workers that stopped ten minutes ago are not taking tasks any more."""
    WorkerHeartbeat.objects.create(
        worker_id="w1", seen_at=timezone.now() - datetime.timedelta(seconds=601)
    )
    response = client.get(HEALTH)
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["worker"]["ok"] is False


def test_health_fails_when_the_storage_does_not_answer(client, monkeypatch):
    """A storage that raises fails the check with the error's class only (the page is public)."""
    heartbeat.enqueue()

    def broken():
        raise PermissionError("/srv/private: secret detail")

    monkeypatch.setitem(health.CHECKS, "storage", broken)
    response = client.get(HEALTH)
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["storage"] == {
        "ok": False,
        "error": "PermissionError",
    }
    assert b"secret" not in response.content


def test_health_fails_when_the_database_does_not_answer(client, monkeypatch):
    """A database error fails the check: 503."""
    heartbeat.enqueue()

    def broken():
        raise ConnectionError("down")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get(HEALTH)
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["database"]["ok"] is False


def test_heartbeat_records_the_worker_and_forgets_old_ones():
    """The task stores which worker ran it, and drops workers not seen for a day."""
    WorkerHeartbeat.objects.create(
        worker_id="gone", seen_at=timezone.now() - datetime.timedelta(days=2)
    )
    result = heartbeat.enqueue()
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == [
        result.return_value
    ]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_health_accepts_only_reads(client, method):
    """POST and the like are refused: the endpoint has nothing to change."""
    assert getattr(client, method)(HEALTH).status_code == 405


def test_enqueue_heartbeat_command_queues_the_task():
    """The command the timer runs every five minutes queues one heartbeat."""
    from django.core.management import call_command

    call_command("enqueue_heartbeat")
    assert WorkerHeartbeat.objects.count() == 1
