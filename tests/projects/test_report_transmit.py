"""Transmitting a report from its form keeps what was typed: saved then transmitted, or
refused with everything shown as typed and each error beside its field; a report sent back
says why at the top of its page."""

import pytest
from django.urls import reverse

from lanterne.projects import services
from lanterne.projects.enums import ReportState
from tests.projects.factories import project, project_applicant, project_coordinator


@pytest.fixture
def p():
    return project()


def _transmit(client, p, **extra):
    report = p.report
    report.refresh_from_db()
    data = {"version": report.version, "went_well": "Les jeunes ont filmé leur quartier."}
    data.update(extra)
    return client.post(reverse("projects:report_submit", args=[p.pk]), data)


def test_transmit_with_a_refused_figure_keeps_everything_typed(p, login):
    """A changed figure without justification: nothing is transmitted nor lost; the page shows
    what was typed, a summary linking to the field and the error beside it."""
    client = login(project_applicant(p))
    response = _transmit(
        client, p, f_beneficiaries="40", difficulties="Un local trop petit pour l'atelier."
    )
    assert response.status_code == 422
    text = response.text
    assert 'value="40"' in text
    assert "Un local trop petit pour l&#x27;atelier." in text
    assert "Les jeunes ont filmé leur quartier." in text
    assert "Le bilan n&#x27;est pas transmis" in text
    assert 'href="#id_j_beneficiaries"' in text
    assert 'id="id_j_beneficiaries"' in text and "is-invalid" in text
    p.report.refresh_from_db()
    assert p.report.state == ReportState.DRAFT
    assert p.report.went_well == ""


def test_transmit_saves_what_was_typed_then_transmits(p, login):
    """A valid form is saved, then the report goes to the coordination."""
    client = login(project_applicant(p))
    response = _transmit(client, p, f_beneficiaries="40", j_beneficiaries="Une séance non saisie.")
    assert response.status_code == 302
    p.report.refresh_from_db()
    assert p.report.state == ReportState.SUBMITTED
    assert p.report.went_well == "Les jeunes ont filmé leur quartier."
    assert p.report.figures.get(code="beneficiaries").value == 40


def test_transmit_refused_by_the_workflow_keeps_the_saved_input(p, login):
    """Already transmitted (in another tab): the new input is refused by the state, the page
    says so; nothing is half-done."""
    applicant = project_applicant(p)
    services.report_submit(report=p.report, by=applicant)
    client = login(applicant)
    response = _transmit(client, p)
    assert response.status_code == 422
    assert "ne peut plus être modifié" in response.text
    assert "Les jeunes ont filmé leur quartier." in response.text


def test_wrong_user_cannot_transmit(p, login):
    """Another applicant's report is not even found."""
    other = project()
    client = login(project_applicant(other))
    assert _transmit(client, p).status_code == 404


def test_sent_back_report_shows_the_reason_at_the_top(p, login):
    """The coordination's reason heads the report page while it is to be reworked."""
    applicant = project_applicant(p)
    services.report_submit(report=p.report, by=applicant)
    services.report_send_back(
        report=p.report, by=project_coordinator(p), reason="Ajoutez les dépenses de transport."
    )
    client = login(applicant)
    text = client.get(reverse("projects:report", args=[p.pk])).text
    assert 'id="sent-back"' in text
    start = text.index('id="sent-back"')
    banner = text[start : text.index("</blockquote>", start)]
    assert "Ajoutez les dépenses de transport." in banner
    assert "Ce qu'il faut reprendre" in banner
