"""The coordinator's year: calendar, map data, late items and filters, in a fixed number of
queries whatever the number of actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.projects import services
from tests.projects.factories import project, project_applicant, project_coordinator, session


def _grow(p, n):
    """n more sessions and participants on the project's actions (more rows, same queries)."""
    user = project_applicant(p)
    for i, action in enumerate(p.actions.all()):
        for k in range(n):
            session(action, day=f"2024-0{3 + (i + k) % 6}-1{k % 9}")
        services.participants_record(action=action, by=user, beneficiaries={("12_15", "f"): 4})


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_year_view_query_count_does_not_grow_with_actions(login):
    """The year view and its map data cost the same number of queries at 1× and 10× actions."""
    first = project()
    _grow(first, 1)
    client = login(project_coordinator(first))
    urls = [reverse("projects:year", args=[2024]), reverse("projects:year_data", args=[2024])]
    small = [_count(client, url) for url in urls]
    for _i in range(9):
        _grow(project(call=first.call), 3)
    large = [_count(client, url) for url in urls]
    assert small == large


def test_calendar_map_and_late_actions(login):
    """Sessions appear month by month; a past action without participants is late."""
    p = project()
    action = p.actions.get(action_type="creation_workshop")
    session(action, day="2024-03-06")
    client = login(project_coordinator(p))
    page = client.get(reverse("projects:year", args=[2024])).text
    assert "Mars 2024" in page
    assert "en retard" in page
    data = client.get(reverse("projects:year_data", args=[2024])).json()
    assert data["type"] == "FeatureCollection"
    assert any(f["properties"]["name"] == action.title for f in data["features"])


@pytest.mark.parametrize(
    ("params", "kept"),
    [
        ({"kind": "faire"}, {"creation_workshop"}),
        ({"kind": "voir"}, {"open_air", "accompanied"}),
        ({"action_type": "open_air"}, {"open_air"}),
        ({"kind": "faire", "action_type": "open_air"}, set()),
    ],
)
def test_filters_combine(login, params, kept):
    """Kind and action type filters combine."""
    p = project()
    client = login(project_coordinator(p))
    response = client.get(reverse("projects:year", args=[2024]), params)
    shown = {a["action_type"] for a in response.context["page"].object_list}
    assert shown == kept


def test_authorisations_list_and_csv(login):
    """The open-air screenings are listed and exported as CSV for the rights holder."""
    p = project()
    client = login(project_coordinator(p))
    page = client.get(reverse("projects:authorisations", args=[2024])).text
    open_air = p.actions.get(action_type="open_air")
    assert open_air.title in page
    response = client.get(reverse("projects:authorisations_export", args=[2024]))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert open_air.title in body
    assert "À demander" in body or "à demander" in body


def test_table_rows_show_each_actions_totals_and_lateness(login):
    """Each row's sessions, beneficiaries and relays are the action's own, 0 when it has none;
    only the past action without participants is late."""
    p = project()
    counted = p.actions.get(action_type="creation_workshop")
    session(counted, day="2024-03-06")
    session(counted, day="2024-03-13")
    services.participants_record(
        action=counted,
        by=project_applicant(p),
        beneficiaries={("12_15", "f"): 4, ("12_15", "m"): 3},
        relays={"teacher": 2, "mediator": 1},
    )
    late = p.actions.exclude(pk=counted.pk).first()
    session(late, day="2024-04-02")
    client = login(project_coordinator(p))
    page = client.get(reverse("projects:year", args=[2024])).context["page"]
    rows = {row["pk"]: row for row in page.object_list}
    assert (rows[counted.pk]["sessions_total"], rows[counted.pk]["beneficiaries_total"]) == (2, 7)
    assert rows[counted.pk]["relays_total"] == 3
    assert not rows[counted.pk]["is_late"]
    assert (rows[late.pk]["sessions_total"], rows[late.pk]["beneficiaries_total"]) == (1, 0)
    assert rows[late.pk]["relays_total"] == 0
    assert rows[late.pk]["is_late"]
    others = [a for pk, a in rows.items() if pk not in (counted.pk, late.pk)]
    assert all(a["sessions_total"] == 0 and not a["is_late"] for a in others)


def test_year_reads_cost_fixed_queries_whatever_the_rows(
    django_assert_num_queries, django_assert_max_num_queries
):
    """A page of the table is at most three queries (keys, rows, the rural zonings of the
    communes it shows), the month's sessions
    and the late or undated lists one each, for one project as for ten."""
    import datetime

    from lanterne.calls.models import Call
    from lanterne.projects import selectors

    first = project()
    _grow(first, 1)
    for _i in range(9):
        _grow(project(call=first.call), 3)
    calls = selectors.year_calls(Call.objects.filter(pk=first.call_id), 2024)
    actions = selectors.filtered_actions(calls, 2024, {})
    today = datetime.date(2024, 12, 31)
    total = actions.count()
    with django_assert_max_num_queries(3):
        page = selectors.table_page(actions, 1, total, today, calls=calls)
    assert len(page.object_list) == min(total, selectors.PER_PAGE)
    with django_assert_num_queries(1):
        sessions = selectors.month_sessions(actions, datetime.date(2024, 3, 1))
    assert sessions and all(row["place"] for row in sessions)
    with django_assert_num_queries(2):
        selectors.late_actions(actions, today)
        selectors.undated_actions(actions)
    with django_assert_num_queries(1):
        figures = selectors.year_project_counts(calls, 2024)
    assert figures["projects"] == 10
