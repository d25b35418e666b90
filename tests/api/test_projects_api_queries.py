"""The projects, actions and reports lists cost the same number of queries for 1 project
as for 10, with sessions, counts, films and report figures filled in."""

import pytest

from lanterne.projects import services
from lanterne.projects.models import WorkshopFilm
from tests.calls.factories import CallFactory
from tests.projects.factories import project, project_applicant, project_coordinator, session


def projects_with_activity(rows):
    call = CallFactory()
    for _ in range(rows):
        p = project(call=call)
        user = project_applicant(p)
        for action in p.actions.all():
            session(action)
            services.participants_record(
                action=action, by=user, beneficiaries={("12_15", "f"): 4}, relays={"other": 1}
            )
        WorkshopFilm.objects.create(
            action=p.actions.get(action_type="creation_workshop"),
            title="Film",
            duration_seconds=60,
            year=2024,
        )
        services.report_save(
            report=p.report,
            by=user,
            expected_version=p.report.version,
            figures={"films": ("2", "Un second film en montage.")},
        )
    return project_coordinator(p)


@pytest.mark.parametrize("rows", [1, 10])
@pytest.mark.parametrize(
    ("endpoint", "per_project", "queries"),
    [("projects", 1, 11), ("actions", 3, 15), ("reports", 1, 17)],
)
def test_list_query_count_is_fixed(
    api, django_assert_num_queries, rows, endpoint, per_project, queries
):
    """1 or 10 projects read by their coordinator: the same number of queries."""
    client = api.as_user(projects_with_activity(rows))
    with django_assert_num_queries(queries):
        response = client.get(f"/api/v1/{endpoint}/")
    assert len(response.json()["results"]) == rows * per_project
