"""Who hears about what happens to a report (bilan): called inside each transition's
transaction."""

from django.contrib.auth import get_user_model

from lanterne.accounts.enums import Role
from lanterne.core.mail import notify

from .models import REPORT_WORKFLOW, Report, ReportTransition


def _members(structure_id: int, role: str):
    return (
        get_user_model()
        .objects.filter(
            memberships__structure_id=structure_id,
            memberships__role=role,
            memberships__is_active=True,
        )
        .distinct()
    )


def _context(report: Report, log: ReportTransition) -> dict:
    return {"report": report, "project": report.project, "reason": log.reason}


@REPORT_WORKFLOW.notify_on("submit")
def report_submitted(report: Report, log: ReportTransition) -> None:
    notify(
        _members(report.project.call.coordination_id, Role.COORDINATOR),
        "projects/email/report_submitted",
        _context(report, log),
    )


@REPORT_WORKFLOW.notify_on("send_back")
def report_sent_back(report: Report, log: ReportTransition) -> None:
    notify(
        _members(report.project.applicant_id, Role.APPLICANT),
        "projects/email/report_sent_back",
        _context(report, log),
    )


@REPORT_WORKFLOW.notify_on("accept")
def report_accepted(report: Report, log: ReportTransition) -> None:
    notify(
        _members(report.project.applicant_id, Role.APPLICANT),
        "projects/email/report_accepted",
        _context(report, log),
    )
