"""The national network's aggregates of projects: each project, action and bilan counted once,
whatever the number of actions a project has, and a project without actions or without a bilan
counted as such (0 actions, no bilan), not dropped."""

import datetime

from django.utils import timezone

from lanterne.projects import selectors
from lanterne.projects.enums import ReportState
from lanterne.projects.models import Action, Report
from tests.calls.factories import CallFactory
from tests.projects.factories import project


def _actions(p, n: int) -> None:
    for i in range(n):
        Action.objects.create(project=p, action_type="open_air", title=f"Plein air {i}")


def test_projects_and_actions_are_counted_once_by_year():
    busy = project()
    _actions(busy, 5)
    idle = project(call=busy.call)
    idle.actions.all().delete()
    later = project(call=CallFactory(year=busy.year + 1))
    rows = {row["year"]: row for row in selectors.national_by_year()}
    assert rows[busy.year] == {
        "year": busy.year,
        "projects": 2,
        "actions": busy.actions.count(),
    }
    assert rows[later.year]["projects"] == 1
    assert rows[later.year]["actions"] == later.actions.count()


def test_a_year_of_projects_without_actions_counts_zero_actions():
    idle = project()
    idle.actions.all().delete()
    assert selectors.national_by_year() == [{"year": idle.year, "projects": 1, "actions": 0}]


def test_by_region_counts_projects_actions_and_bilans_once():
    busy = project()
    _actions(busy, 4)
    Report.objects.filter(project=busy).update(
        state=ReportState.DRAFT, due_at=timezone.now() - datetime.timedelta(days=1)
    )
    accepted = project(call=busy.call)
    Report.objects.filter(project=accepted).update(state=ReportState.ACCEPTED)
    without_report = project(call=busy.call)
    without_report.report.delete()
    without_report.actions.all().delete()
    figures = selectors.national_by_region(busy.year)[busy.call.region_id]
    assert figures == {
        "projects": 3,
        "actions": busy.actions.count() + accepted.actions.count(),
        "reports": 2,
        "reports_submitted": 0,
        "reports_accepted": 1,
        "reports_late": 1,
    }
