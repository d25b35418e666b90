"""`/api/v1/projects/`, `/actions/` and `/reports/`: the same access rules as the pages.
Anonymous is a 401; another applicant's project, or a project of another région, is a 404
and absent from the lists."""

import pytest

from tests.accounts.factories import applicant
from tests.projects.factories import project, project_applicant, project_coordinator

ENDPOINTS = ["projects", "actions", "reports"]


@pytest.fixture
def p():
    return project()


def detail_urls(p):
    return {
        "projects": f"/api/v1/projects/{p.pk}/",
        "actions": f"/api/v1/actions/{p.actions.first().pk}/",
        "reports": f"/api/v1/reports/{p.report.pk}/",
    }


def listed_ids(client, endpoint, **params):
    response = client.get(f"/api/v1/{endpoint}/", params)
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_is_asked_to_authenticate(api, p):
    """No credentials: 401 on each list and each detail."""
    client = api.as_user(None)
    for endpoint, url in detail_urls(p).items():
        assert client.get(f"/api/v1/{endpoint}/").status_code == 401
        assert client.get(url).status_code == 401


def test_applicant_reads_its_own_project(api, p):
    """The applicant reads its project, its actions and its report, and lists them."""
    client = api.as_user(project_applicant(p))
    for url in detail_urls(p).values():
        assert client.get(url).status_code == 200, url
    assert listed_ids(client, "projects") == {p.pk}
    assert listed_ids(client, "actions") == set(p.actions.values_list("pk", flat=True))
    assert listed_ids(client, "reports") == {p.report.pk}


def test_another_applicant_never_sees_the_project(api, p):
    """Another applicant (with a project of its own) gets 404 and lists only its own."""
    own = project()
    client = api.as_user(project_applicant(own))
    for url in detail_urls(p).values():
        assert client.get(url).status_code == 404, url
    assert listed_ids(client, "projects") == {own.pk}
    assert listed_ids(client, "reports") == {own.report.pk}
    assert not listed_ids(client, "actions") & set(p.actions.values_list("pk", flat=True))
    stranger = api.as_user(applicant())
    for endpoint in ENDPOINTS:
        assert listed_ids(stranger, endpoint) == set()


def test_coordinator_reads_its_regions_projects_only(api, p):
    """The call's coordination reads the project; another région's coordination gets 404."""
    client = api.as_user(project_coordinator(p))
    for url in detail_urls(p).values():
        assert client.get(url).status_code == 200, url
    elsewhere = api.as_user(project_coordinator(project()))
    for url in detail_urls(p).values():
        assert elsewhere.get(url).status_code == 404, url
    assert p.pk not in listed_ids(elsewhere, "projects")


def test_project_shows_applicant_amount_report_state_and_actions(api, p):
    """A project: title, year, call, applicant (id, name), amount as a string decimal, report
    state and its actions in brief with their kind."""
    data = api.as_user(project_coordinator(p)).get(f"/api/v1/projects/{p.pk}/").json()
    assert data["title"] == p.title
    assert data["year"] == 2024
    assert data["call"] == p.call_id
    assert data["applicant"] == {
        "id": p.applicant_id,
        "slug": p.applicant.slug,
        "name": p.applicant.name,
    }
    assert data["granted_amount"] == (None if p.granted_amount is None else f"{p.granted_amount}")
    assert data["report"] == p.report.pk
    assert data["report_state"] == "draft"
    assert {(a["action_type"], a["kind"]) for a in data["actions"]} == {
        ("creation_workshop", "faire"),
        ("accompanied", "voir"),
        ("open_air", "voir"),
    }
    assert set(data["actions"][0]) == {
        "id",
        "action_type",
        "kind",
        "typology",
        "title",
        "first_day",
        "last_day",
    }


def test_granted_amount_is_a_string_decimal(api):
    """The amount granted by the committee is published as « 3500.00 »."""
    from decimal import Decimal

    from lanterne.projects.models import Project

    p = project()
    Project.objects.filter(pk=p.pk).update(granted_amount=Decimal("3500"))
    data = api.as_user(project_applicant(p)).get(f"/api/v1/projects/{p.pk}/").json()
    assert data["granted_amount"] == "3500.00"


def test_projects_filter_by_year_and_call(api, p):
    """`?year=` and `?call=` narrow the list."""
    client = api.as_user(project_coordinator(p))
    assert listed_ids(client, "projects", call=p.call_id) == {p.pk}
    assert client.get("/api/v1/projects/", {"year": 2023}).json()["results"] == []
    assert [r["id"] for r in client.get("/api/v1/projects/", {"year": 2024}).json()["results"]] == [
        p.pk
    ]
