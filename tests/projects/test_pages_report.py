"""The report page: pre-filled figures, a justification for a changed figure, expenses with a
French decimal comma, submission, review and the history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lanterne.projects.enums import ReportState
from tests.projects.factories import project, project_applicant, project_coordinator, session


@pytest.fixture
def p():
    return project()


def _post(client, p, **extra):
    report = p.report
    report.refresh_from_db()
    data = {"version": report.version, "went_well": "Les jeunes ont filmé leur quartier."}
    data.update(extra)
    return client.post(reverse("projects:report", args=[p.pk]), data)


def test_figures_are_prefilled_from_the_actions(p, login):
    """The sessions recorded on the actions appear as the report's recorded figure."""
    session(p.actions.first())
    session(p.actions.first(), day="2024-03-13")
    client = login(project_applicant(p))
    response = client.get(reverse("projects:report", args=[p.pk]))
    assert response.status_code == 200
    assert 'name="f_sessions" value="2"' in response.text


def test_changed_figure_needs_a_justification(p, login):
    """Declaring another value than recorded without justification is refused, input kept."""
    client = login(project_applicant(p))
    response = _post(client, p, f_beneficiaries="40")
    assert response.status_code == 422
    assert "justifiez l&#x27;écart" in response.text or "justifiez l'écart" in response.text
    assert 'value="40"' in response.text
    response = _post(client, p, f_beneficiaries="40", j_beneficiaries="Une séance non saisie.")
    assert response.status_code == 302
    assert p.report.figures.get(code="beneficiaries").value == 40


def test_expenses_accept_a_decimal_comma(p, login):
    """Actual expenses are typed with a French decimal comma."""
    expense = p.report.expenses.first()
    if expense is None:
        pytest.skip("the dossier has no expense line")
    client = login(project_applicant(p))
    response = _post(client, p, **{f"e_{expense.category}": "1234,50"})
    assert response.status_code == 302
    expense.refresh_from_db()
    assert expense.actual == Decimal("1234.50")


def test_submit_then_coordinator_sends_back_then_accepts(p, login):
    """Submit, send back with a reason (shown in the history), submit again, accept."""
    applicant = project_applicant(p)
    coordinator = project_coordinator(p)
    client = login(applicant)
    assert client.post(reverse("projects:report_submit", args=[p.pk])).status_code == 302
    p.report.refresh_from_db()
    assert p.report.state == ReportState.SUBMITTED
    client = login(coordinator)
    response = client.post(reverse("projects:report_send_back", args=[p.pk]), {"reason": ""})
    assert response.status_code == 422
    response = client.post(
        reverse("projects:report_send_back", args=[p.pk]), {"reason": "Ajoutez les dépenses."}
    )
    assert response.status_code == 302
    client = login(applicant)
    client.post(reverse("projects:report_submit", args=[p.pk]))
    client = login(coordinator)
    client.post(reverse("projects:report_accept", args=[p.pk]))
    p.report.refresh_from_db()
    assert p.report.state == ReportState.ACCEPTED
    page = client.get(reverse("projects:report", args=[p.pk])).text
    assert "Ajoutez les dépenses." in page
    assert "heure de Paris" in page


def test_late_report_is_flagged(p, login, settings):
    """A report past its due date and not submitted shows as late."""
    from django.utils import timezone

    p.report.due_at = timezone.now() - timezone.timedelta(days=1)
    p.report.save(update_fields=["due_at"])
    client = login(project_applicant(p))
    assert "en retard" in client.get(reverse("projects:report", args=[p.pk])).text
    assert "en retard" in client.get(reverse("projects:list")).text


def test_sheet_is_a_pdf(p, login):
    """The project sheet is a PDF."""
    client = login(project_applicant(p))
    response = client.get(reverse("projects:sheet", args=[p.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
