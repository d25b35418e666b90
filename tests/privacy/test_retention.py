"""Personal data is deleted once its retention period (settings.RETENTION) has passed."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lanterne.core import privacy
from lanterne.core.audit import audit
from lanterne.core.enums import OutboxState
from lanterne.core.models import AuditEvent, OutboxMessage
from lanterne.dossiers.models import Dossier
from tests.accounts.factories import UserFactory
from tests.calls.factories import paris
from tests.dossiers.factories import DossierFactory
from tests.privacy.factories import login_record

NOW = paris("2026-06-15 06:30:00")
REGISTER = Path(settings.BASE_DIR) / "docs" / "registre-des-traitements.md"


def _task(status, finished_at):
    return DBTaskResult.objects.create(
        status=status,
        finished_at=finished_at,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="lanterne.core.tasks.deliver_outbox",
        backend_name="default",
        run_after=finished_at,
    )


def _mail(state, sent_at, created_at):
    return OutboxMessage.objects.create(
        to="lea@example.org",
        subject="Objet",
        body="Texte",
        state=state,
        sent_at=sent_at,
        created_at=created_at,
    )


def _days_ago(days: int, extra: int = 1) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days + extra)


@pytest.fixture
def old_and_recent():
    """For each kind: one row just past its period, one just inside it."""
    r = settings.RETENTION
    rows = {}
    for label, moment in (("old", 1), ("recent", -1)):
        with time_machine.travel(_days_ago(r["login_records"], moment), tick=False):
            rows[f"login_{label}"] = login_record("lea@example.org")
            user = UserFactory(last_login=timezone.now())
            rows[f"draft_{label}"] = DossierFactory(created_by=user)
        with time_machine.travel(_days_ago(r["audit_events"], moment), tick=False):
            rows[f"audit_{label}"] = audit(action="x.y", obj=user, by=None)
        with time_machine.travel(_days_ago(r["inactive_drafts"], moment), tick=False):
            author = UserFactory(last_login=timezone.now())
            rows[f"inactive_{label}"] = DossierFactory(created_by=author)
        rows[f"session_{label}"] = Session.objects.create(
            session_key=f"key-{label}", session_data="", expire_date=_days_ago(0, moment)
        )
        rows[f"task_{label}"] = _task(
            TaskResultStatus.SUCCESSFUL, _days_ago(r["task_results"], moment)
        )
        rows[f"failed_task_{label}"] = _task(
            TaskResultStatus.FAILED, _days_ago(r["failed_task_results"], moment)
        )
        rows[f"body_{label}"] = _mail(
            OutboxState.SENT, _days_ago(r["sent_mail_bodies"], moment), NOW
        )
        rows[f"sent_{label}"] = _mail(OutboxState.SENT, _days_ago(r["sent_mail"], moment), NOW)
        rows[f"failed_mail_{label}"] = _mail(
            OutboxState.FAILED, None, _days_ago(r["failed_mail"], moment)
        )
    return rows


def _exists(row) -> bool:
    return type(row).objects.filter(pk=row.pk).exists()


def test_retention_deletes_old_rows_and_keeps_recent_ones(old_and_recent, capsys):
    """Each kind loses the row past its period and keeps the one inside it; a second run
    deletes nothing more."""
    rows = old_and_recent
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention")
    for name in (
        "login",
        "audit",
        "inactive",
        "session",
        "task",
        "failed_task",
        "sent",
        "failed_mail",
    ):
        assert not _exists(rows[f"{name}_old"]), name
        assert _exists(rows[f"{name}_recent"]), name
    # A sent e-mail first loses its text, the row (to whom, when) staying until `sent_mail`.
    assert OutboxMessage.objects.get(pk=rows["body_old"].pk).body == ""
    assert OutboxMessage.objects.get(pk=rows["body_recent"].pk).body == "Texte"
    # A draft recently touched stays even if its author is away.
    assert _exists(rows["draft_old"])
    output = capsys.readouterr().out
    assert re.search(r"login_records\t.*: 1$", output, re.M)

    with time_machine.travel(NOW, tick=False):
        again = privacy.apply_retention()
    assert set(again.values()) == {0}


def test_dry_run_counts_and_deletes_nothing(old_and_recent, capsys):
    """The dry run lists how many rows of each kind would go, and leaves them."""
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention", "--dry-run")
    output = capsys.readouterr().out
    assert re.search(r"task_results\t.*: 1$", output, re.M)
    assert re.search(r"inactive_drafts\t.*: 1$", output, re.M)
    assert all(_exists(row) for row in old_and_recent.values())


def test_a_draft_whose_author_came_back_stays():
    """An old draft is not abandoned when its author signed in within the period."""
    with time_machine.travel(_days_ago(settings.RETENTION["inactive_drafts"]), tick=False):
        draft = DossierFactory()
    draft.created_by.last_login = NOW
    draft.created_by.save()
    with time_machine.travel(NOW, tick=False):
        privacy.apply_retention()
    assert Dossier.objects.filter(pk=draft.pk).exists()


def test_an_unset_period_keeps_the_rows(settings):
    settings.RETENTION = {**settings.RETENTION, "audit_events": None}
    with time_machine.travel(NOW - datetime.timedelta(days=10000), tick=False):
        event = audit(action="x.y", obj=UserFactory(), by=None)
    assert privacy.apply_retention(NOW)["audit_events"] is None
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_every_kind_has_a_period_stated_in_the_register():
    """settings.RETENTION names every registered kind, and the register of processing states
    the same periods (in days) as the settings' defaults."""
    assert set(settings.RETENTION) == {r.key for r in privacy.retentions()}
    register = REGISTER.read_text()
    for key, days in settings.RETENTION.items():
        assert re.search(rf"`{key}`[^\n]*\| {days} jours", register), key


def test_sign_in_records_of_a_person_are_in_their_retention():
    """The sign-in logs axes keeps are those counted by `login_records`."""
    login_record("lea@example.org")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400), tick=False):
        privacy.apply_retention()
    assert not AccessLog.objects.exists()
