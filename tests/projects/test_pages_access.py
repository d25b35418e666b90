"""Who reaches the project pages: out of scope is a 404, a forbidden write is a 403, the
anonymous visitor is sent to the login page."""

import pytest
from django.urls import reverse

from tests.accounts.factories import applicant, coordinator
from tests.projects.factories import project, project_applicant, project_coordinator


@pytest.fixture
def p():
    return project()


def _pages(p):
    action = p.actions.first()
    return [
        reverse("projects:detail", args=[p.pk]),
        reverse("projects:action", args=[action.pk]),
        reverse("projects:report", args=[p.pk]),
        reverse("projects:sheet", args=[p.pk]),
    ]


def test_applicant_sees_its_project_pages(p, login):
    """The applicant reaches its project, its actions, its report and its sheet."""
    client = login(project_applicant(p))
    for url in _pages(p):
        assert client.get(url).status_code == 200, url


def test_another_applicant_never_sees_the_project(p, login):
    """Another applicant's project does not exist for an applicant: 404 everywhere."""
    client = login(applicant())
    for url in _pages(p):
        assert client.get(url).status_code == 404, url
    assert p.title not in client.get(reverse("projects:list")).text


def test_coordinator_of_another_region_gets_404(p, login):
    """A coordinator sees the projects of its own calls only."""
    client = login(coordinator())
    for url in _pages(p):
        assert client.get(url).status_code == 404, url


def test_other_coordination_of_the_same_region_gets_404(p, login):
    """Another coordination of the call's région does not reach the project, its report or the
    year's actions: the call is not its own."""
    client = login(coordinator(region=p.call.region))
    for url in _pages(p):
        assert client.get(url).status_code == 404, url
    assert p.title not in client.get(reverse("projects:list")).text
    year = client.get(reverse("projects:year", args=[p.year]))
    assert year.status_code == 200
    assert p.title not in year.text


def test_coordinator_records_but_does_not_write_the_report(p, login):
    """The coordinator of the call records participants on the project's actions, but the
    bilan is the applicant's to write (403)."""
    client = login(project_coordinator(p))
    action = p.actions.first()
    assert client.get(reverse("projects:action", args=[action.pk])).status_code == 200
    response = client.post(reverse("projects:participants", args=[action.pk]), {})
    assert response.status_code == 302
    response = client.post(reverse("projects:report", args=[p.pk]), {})
    assert response.status_code == 403


def test_applicant_cannot_review_its_report(p, login):
    """Accepting a report is the coordinator's: 403 for the applicant."""
    client = login(project_applicant(p))
    assert client.post(reverse("projects:report_accept", args=[p.pk])).status_code == 403


def test_anonymous_is_sent_to_login(p, client):
    """Every project page needs a signed-in user."""
    for url in [*_pages(p), reverse("projects:list"), reverse("projects:year", args=[2024])]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_year_pages_and_exports_are_for_coordinators(p, login):
    """An applicant gets 403 on the year view, the authorisations and the exports."""
    client = login(project_applicant(p))
    for url in [
        reverse("projects:year", args=[2024]),
        reverse("projects:year_data", args=[2024]),
        reverse("projects:authorisations", args=[2024]),
        reverse("projects:authorisations_export", args=[2024]),
        reverse("projects:export", args=[2024, "csv"]),
        reverse("projects:export", args=[2024, "xlsx"]),
    ]:
        assert client.get(url).status_code == 403, url


def test_coordinator_cannot_ask_for_another_region(p, login):
    """A région outside the coordinator's scope is a 404."""
    client = login(project_coordinator(p))
    other = "11" if p.call.region_id != "11" else "84"
    url = reverse("projects:export", args=[2024, "csv"])
    assert client.get(url, {"region": other}).status_code == 404


def test_list_shows_the_projects_of_the_user(p, login):
    """The list shows the applicant's project with its report state."""
    client = login(project_applicant(p))
    response = client.get(reverse("projects:list"))
    assert p.title in response.text
    assert "En cours de rédaction" in response.text
