"""The shared workflow: what `transition` and `record` write, on the report (bilan) workflow."""

import datetime

import pytest

from lanterne.core.models import AuditEvent
from lanterne.core.services import ServiceError
from lanterne.core.workflow import record, transition, transitioned
from lanterne.projects.enums import ReportState
from tests.projects.factories import project, project_applicant

AT = datetime.datetime(2024, 11, 25, 16, tzinfo=datetime.UTC)


def test_transition_stamps_logs_and_keeps_details():
    """The moment stamps the declared fields and the log row; `before` adds details."""
    p = project()
    user = project_applicant(p)
    seen = []

    def before(locked):
        seen.append(locked.state)
        return {"checked": True}

    log = transition(p.report, "submit", by=user, at=AT, before=before, origin="test")
    assert seen == [ReportState.DRAFT]
    assert (log.name, log.source, log.target, log.by, log.at) == (
        "submit",
        "draft",
        "submitted",
        user,
        AT,
    )
    assert log.details == {"origin": "test", "checked": True}
    assert log.subject.submitted_at == AT
    assert log.source_label == "en cours de rédaction"
    event = AuditEvent.objects.get(object_id=str(p.report.pk), action="report.submit")
    assert event.details == {"source": "draft", "target": "submitted"}


def test_refusal_in_before_writes_nothing():
    """A check of `before` that refuses leaves the state, the log and the audit untouched."""
    p = project()

    def refuse(locked):
        raise ServiceError("Pas encore.")

    with pytest.raises(ServiceError):
        transition(p.report, "submit", by=project_applicant(p), before=refuse)
    p.report.refresh_from_db()
    assert p.report.state == ReportState.DRAFT
    assert not p.report.transitions.exists()
    assert not AuditEvent.objects.filter(action="report.submit").exists()


def test_transitioned_signal_carries_the_log():
    """Another app hears of each step inside the transaction, with its log row."""
    p = project()
    heard = []

    def receiver(sender, obj, log, **kwargs):
        heard.append((sender.__name__, obj.pk, log.name))

    transitioned.connect(receiver)
    try:
        transition(p.report, "submit", by=project_applicant(p))
    finally:
        transitioned.disconnect(receiver)
    assert heard == [("Report", p.report.pk, "submit")]


def test_record_logs_a_step_that_keeps_the_state():
    """A step without a state change is logged with the same source and target."""
    p = project()
    user = project_applicant(p)
    log = record(p.report, "submit", by=user, reason="Relance", day="2024-11-25")
    assert (log.source, log.target, log.reason, log.details) == (
        "draft",
        "draft",
        "Relance",
        {"day": "2024-11-25"},
    )
    p.report.refresh_from_db()
    assert p.report.state == ReportState.DRAFT
