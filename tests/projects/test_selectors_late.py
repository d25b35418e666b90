"""What is late in the coordinator's year: one definition (`ActionQuerySet.late_on`), read by
the counts, the list of late actions and each table row."""

import datetime

from lanterne.calls.models import Call
from lanterne.projects import selectors, services
from lanterne.projects.models import Action
from tests.projects.factories import project, project_applicant, session

TODAY = datetime.date(2024, 6, 1)


def _workshop():
    p = project()
    return p, p.actions.get(action_type="creation_workshop")


def test_past_sessions_without_participants_are_late():
    """An action whose sessions are all before today and that records nobody is late."""
    _p, action = _workshop()
    session(action, day="2024-03-06")
    session(action, day="2024-05-31")
    assert list(Action.objects.filter(pk=action.pk).late_on(TODAY)) == [action]


def test_a_session_today_or_later_is_not_late():
    """A session today (or after) means the action is not over: not late."""
    _p, action = _workshop()
    session(action, day="2024-03-06")
    session(action, day=TODAY.isoformat())
    assert not Action.objects.filter(pk=action.pk).late_on(TODAY).exists()


def test_recorded_participants_are_not_late():
    """Once participants are recorded, a past action is no longer late."""
    p, action = _workshop()
    session(action, day="2024-03-06")
    services.participants_record(
        action=action, by=project_applicant(p), beneficiaries={("12_15", "f"): 4}
    )
    assert not Action.objects.filter(pk=action.pk).late_on(TODAY).exists()


def test_an_action_without_session_is_undated_not_late():
    """An action without any session is listed as undated, never as late."""
    p, action = _workshop()
    actions = Action.objects.filter(project=p)
    assert not actions.filter(pk=action.pk).late_on(TODAY).exists()
    assert action.pk in {row["pk"] for row in selectors.undated_actions(actions)}


def test_counts_list_and_table_agree_on_late():
    """The count, the list of late actions and the table rows read the same definition."""
    p, action = _workshop()
    session(action, day="2024-03-06")
    actions = selectors.filtered_actions(Call.objects.filter(pk=p.call_id), p.year, {})
    totals = selectors.counts(actions, TODAY)
    assert totals["late"] == 1
    assert [row["pk"] for row in selectors.late_actions(actions, TODAY)] == [action.pk]
    page = selectors.table_page(actions, 1, totals["total"], TODAY)
    assert {row["pk"] for row in page.object_list if row["is_late"]} == {action.pk}
