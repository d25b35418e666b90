"""The projects' personal data (`core.privacy`): the reports (*bilans*) a person submitted.

Erasure: a report is its project's; it stays, its steps showing « compte supprimé »."""

from django.utils.translation import gettext_lazy as _

from lanterne.core import privacy

from .models import ReportTransition


def _reports_export(user) -> list[privacy.Row]:
    steps = (
        ReportTransition.objects.filter(by=user, name="submit")
        .select_related("report__project")
        .order_by("at", "id")
    )
    return [
        {
            "project": step.report.project.title,
            "year": step.report.project.year,
            "submitted_at": step.at,
            "state": step.report.state_label,
        }
        for step in steps
    ]


def register() -> None:
    privacy.register(
        "reports",
        label=_("Les bilans que vous avez transmis"),
        columns={
            "project": _("projet"),
            "year": _("année"),
            "submitted_at": _("transmis le"),
            "state": _("état actuel"),
        },
        export=_reports_export,
        erase=lambda user: ReportTransition.objects.filter(by=user).count(),
        order=45,
    )
