"""The report's (bilan's) workflow: every transition from every state, its log and its mail."""

from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from lanterne.core.workflow import abilities
from lanterne.projects import services
from lanterne.projects.enums import ReportState
from tests.workflow import assert_every_transition, put_in_state

from .factories import project, project_applicant, project_coordinator

ALLOWED = {
    "submit": {ReportState.DRAFT, ReportState.SENT_BACK},
    "send_back": {ReportState.SUBMITTED},
    "accept": {ReportState.SUBMITTED},
}


def _run(name, report, by):
    if name == "submit":
        return services.report_submit(report=report, by=by)
    if name == "send_back":
        return services.report_send_back(report=report, by=by, reason="Ajoutez les dépenses.")
    return services.report_accept(report=report, by=by)


def test_every_transition_from_every_state():
    """Allowed transitions write one log row with who, from and to; the others are refused
    with a message naming the report's state, and change nothing."""
    p = project()
    applicant, coordinator = project_applicant(p), project_coordinator(p)
    assert_every_transition(
        p.report,
        _run,
        actors={"submit": applicant, "send_back": coordinator, "accept": coordinator},
        allowed=ALLOWED,
    )


def test_abilities_follow_state_and_role():
    """The applicant may submit a draft; only the coordination may review a submitted one."""
    p = project()
    applicant, coordinator = project_applicant(p), project_coordinator(p)
    assert abilities(p.report, applicant) == {
        "view": True,
        "edit": True,
        "submit": True,
        "send_back": False,
        "accept": False,
    }
    assert abilities(p.report, coordinator)["submit"] is False
    put_in_state(p.report, ReportState.SUBMITTED)
    assert abilities(p.report, applicant)["edit"] is False
    assert abilities(p.report, coordinator) == {
        "view": True,
        "edit": False,
        "submit": False,
        "send_back": True,
        "accept": True,
    }


def test_second_accept_on_the_page_answers_with_a_message(client, login):
    """Accepting a report twice (a double click, two coordinators) says why, never a 500."""
    p = project()
    services.report_submit(report=p.report, by=project_applicant(p))
    coordinator = project_coordinator(p)
    services.report_accept(report=p.report, by=coordinator)
    client = login(coordinator)
    client.raise_request_exception = False
    response = client.post(reverse("projects:report_accept", args=[p.pk]), follow=True)
    assert response.status_code == 200
    assert "Le bilan est validé : cette action n'est pas possible." in unescape(response.text)


@pytest.mark.parametrize(
    ("name", "template_word"),
    [("submit", "a transmis le bilan"), ("send_back", "pour le reprendre")],
)
def test_each_recipient_gets_one_message(name, template_word, django_capture_on_commit_callbacks):
    """Submitting notifies the coordination, sending back the applicant's members: one message
    each, addressed to that person alone."""
    p = project()
    applicants = [project_applicant(p), project_applicant(p)]
    coordinators = [project_coordinator(p), project_coordinator(p)]
    if name == "send_back":
        services.report_submit(report=p.report, by=applicants[0])
        mail.outbox.clear()
    recipients = coordinators if name == "submit" else applicants
    with django_capture_on_commit_callbacks(execute=True):
        _run(name, p.report, applicants[0] if name == "submit" else coordinators[0])
    assert sorted(m.to for m in mail.outbox) == sorted([u.email] for u in recipients)
    assert all(not m.cc and not m.bcc for m in mail.outbox)
    assert all(template_word in m.body for m in mail.outbox)


def test_accept_speaks_each_recipients_language(django_capture_on_commit_callbacks):
    """The applicant's members hear of the accepted report in their own language."""
    p = project()
    french, english = project_applicant(p, language="fr"), project_applicant(p, language="en")
    coordinator = project_coordinator(p, language="en")
    services.report_submit(report=p.report, by=french)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_accept(report=p.report, by=coordinator)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {french.email, english.email}
    assert "a validé le bilan" in by_address[french.email].body
    assert "Bilan" in by_address[french.email].subject
    assert "has accepted the report" in by_address[english.email].body
    assert "Report" in by_address[english.email].subject
