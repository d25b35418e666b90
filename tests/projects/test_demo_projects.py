"""The demo's projects: the 2024 Occitanie call has at least four projects, recorded through the
services, with actions of every kind, participants, a film, a granted open-air authorisation
and a report in each state whose pre-filled figures are what was recorded."""

from io import StringIO

import pytest
from django.core.management import call_command

from lanterne.demo.calls import TITLE_2024
from lanterne.demo.projects import PROVIDER
from lanterne.dossiers.enums import ActionType
from lanterne.projects.enums import AuthorisationStatus, Figure, ReportState
from lanterne.projects.figures import report_figures
from lanterne.projects.models import (
    Action,
    ActionSession,
    OpenAirAuthorisation,
    ParticipantCount,
    PriorityPublicCount,
    Project,
    RelayCount,
    Report,
    ReportTransition,
    WorkshopFilm,
)


@pytest.fixture
def demo(db) -> None:
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def test_the_2024_call_has_projects_with_actions_of_every_kind(demo):
    """At least four fictive projects, every action type at least once, sessions placed,
    participants by age band and gender, priority publics and relays kept apart."""
    projects = Project.objects.filter(call__title=TITLE_2024)
    assert projects.count() >= 4
    assert all(p.is_fictitious and p.year == 2024 for p in projects)
    actions = Action.objects.filter(project__in=projects)
    assert set(actions.values_list("action_type", flat=True)) == set(ActionType.values)
    sessions = ActionSession.objects.filter(action__in=actions)
    assert sessions.count() >= 20
    assert all(s.day.year == 2024 and s.minutes > 0 for s in sessions)
    # first_day/last_day were kept by the services.
    for action in actions.filter(sessions__isnull=False).distinct():
        days = [s.day for s in action.sessions.all()]
        assert (action.first_day, action.last_day) == (min(days), max(days))
    assert (
        ParticipantCount.objects.filter(action__in=actions).values("age_band").distinct().count()
        >= 4
    )
    assert (
        ParticipantCount.objects.filter(action__in=actions).values("gender").distinct().count() == 3
    )
    assert PriorityPublicCount.objects.filter(action__in=actions).exists()
    assert RelayCount.objects.filter(action__in=actions).exists()
    # An action whose sessions are over but with no participants recorded: shown as late.
    assert actions.filter(sessions__isnull=False, participant_counts__isnull=True).exists()


def test_a_film_and_a_granted_open_air_authorisation(demo):
    """A workshop film is recorded; an open-air screening's authorisation was requested in May
    then granted, with a technical provider labelled as fictive."""
    films = WorkshopFilm.objects.filter(action__project__call__title=TITLE_2024)
    assert films.exists()
    assert all(f.action.is_workshop and "fictif" in f.title for f in films)
    granted = OpenAirAuthorisation.objects.filter(
        action__project__call__title=TITLE_2024, status=AuthorisationStatus.GRANTED
    )
    assert granted.exists()
    for authorisation in granted:
        assert authorisation.requested_on.month == 5
        assert authorisation.decided_on >= authorisation.requested_on
        assert authorisation.technical_provider == PROVIDER and "fictif" in PROVIDER


def test_reports_in_each_state_with_their_steps(demo):
    """One report in each of the four states; the one sent back says why; every step logged
    and dated in 2024."""
    reports = Report.objects.filter(project__call__title=TITLE_2024)
    assert set(reports.values_list("state", flat=True)) == set(ReportState.values)
    sent_back = reports.get(state=ReportState.SENT_BACK)
    step = sent_back.transitions.get(name="send_back")
    assert step.reason.strip()
    accepted = reports.get(state=ReportState.ACCEPTED)
    assert list(accepted.transitions.values_list("name", flat=True)) == ["submit", "accept"]
    assert reports.get(state=ReportState.SUBMITTED).submitted_at.year == 2024
    assert {t.at.year for t in ReportTransition.objects.filter(report__in=reports)} == {2024}


def test_prefilled_figures_equal_what_was_recorded(demo):
    """Each report's recorded figures are the sums of the rows recorded on its actions; a
    declared figure differs only with a justification."""
    for report in Report.objects.filter(project__call__title=TITLE_2024):
        project = report.project
        actions = list(project.actions.all())
        sessions = [s for a in actions for s in a.sessions.all()]
        expected = {
            Figure.ACTIONS: len({s.action_id for s in sessions}),
            Figure.SESSIONS: len(sessions),
            Figure.MINUTES: sum(s.minutes for s in sessions),
            Figure.BENEFICIARIES: sum(c.count for a in actions for c in a.participant_counts.all()),
            Figure.RELAYS: sum(c.count for a in actions for c in a.relay_counts.all()),
            Figure.FILMS: sum(a.films.count() for a in actions),
            Figure.PARTNERS: project.dossier.partners.count(),
        }
        assert expected[Figure.SESSIONS] > 0 and expected[Figure.BENEFICIARIES] > 0
        for row in report_figures(report):
            assert row["recorded"] == expected[row["code"]], (project.title, row["code"])
            if row["differs"]:
                assert row["justification"].strip()
            else:
                assert row["value"] == expected[row["code"]]
    assert any(
        row["differs"]
        for report in Report.objects.filter(project__call__title=TITLE_2024)
        for row in report_figures(report)
    )


def test_rerunning_the_demo_changes_nothing(demo):
    """A second run finds the projects built and adds no row."""

    def counts():
        return (
            Project.objects.count(),
            Action.objects.count(),
            ActionSession.objects.count(),
            ParticipantCount.objects.count(),
            WorkshopFilm.objects.count(),
            ReportTransition.objects.count(),
        )

    before = counts()
    call_command("load_demo", "--skip-territories", stdout=StringIO(), stderr=StringIO())
    assert counts() == before


def test_every_role_has_its_work_in_the_demo(demo, login):
    """The Occitanie coordinator has an action it entered itself, the DRAC member reads a
    transmitted bilan, the network admin's dashboard has figures and the speaker has actions
    she is engaged in."""
    from django.urls import reverse

    from lanterne.accounts.models import User
    from lanterne.projects.enums import EnteredAs
    from lanterne.projects.models import ActionSpeaker

    coordinator = User.objects.get(email="coordination.occitanie@lanterne.example")
    entered = Action.objects.filter(created_by=coordinator, created_as=EnteredAs.COORDINATION)
    assert entered.filter(sessions__isnull=False, participant_counts__isnull=False).exists()
    page = login(coordinator).get(reverse("projects:action", args=[entered.first().pk]))
    assert "coordination" in page.text and "saisi par" in page.text

    drac = User.objects.get(email="comite.drac@lanterne.example")
    readable = Report.objects.visible_to(drac).filter(state=ReportState.SUBMITTED)
    assert readable.exists()
    assert login(drac).get(readable.first().get_absolute_url()).status_code == 200

    network = User.objects.get(email="reseau@lanterne.example")
    response = login(network).get(reverse("www:national_dashboard"))
    assert any(row.projects for row in response.context["rows"])
    assert response.context["progress"]["rows"]

    speaker = User.objects.get(email="intervenante@lanterne.example")
    assert ActionSpeaker.objects.of_user(speaker).count() >= 2
    home = login(speaker).get(reverse("www:home")).text
    assert "Le Mirail fait son cinéma" in home
