"""A report's figures are pre-filled from what was recorded on the actions; changing one
requires a justification; the report's life is logged."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lanterne.projects import services
from lanterne.projects.enums import ReportState
from lanterne.projects.figures import recorded_figures, report_figures
from lanterne.projects.models import ActionSession, ParticipantCount, RelayCount, WorkshopFilm
from tests.projects.factories import project, project_applicant, project_coordinator, session

counts = st.integers(min_value=0, max_value=500)


@settings(max_examples=15, deadline=None)
@given(
    sessions=st.lists(st.tuples(st.integers(0, 2), st.integers(30, 480)), max_size=8),
    participants=st.lists(
        st.tuples(
            st.integers(0, 2),
            st.sampled_from(["12_15", "16_18", "19_25"]),
            st.sampled_from(["f", "m", "other"]),
            counts,
        ),
        max_size=8,
        unique_by=lambda t: (t[0], t[1], t[2]),
    ),
    relays=st.lists(st.tuples(st.integers(0, 2), counts), max_size=3, unique_by=lambda t: t[0]),
    films=st.integers(0, 3),
)
def test_prefilled_figures_equal_the_sum_of_what_was_recorded(
    sessions, participants, relays, films
):
    p = project()
    actions = list(p.actions.order_by("id"))
    for index, minutes in sessions:
        s = session(
            actions[index], start="09:00", end=f"{9 + minutes // 60:02d}:{minutes % 60:02d}"
        )
        assert s.minutes == minutes
    for index, age, gender, n in participants:
        ParticipantCount.objects.create(action=actions[index], age_band=age, gender=gender, count=n)
    for index, n in relays:
        RelayCount.objects.create(action=actions[index], relay_kind="mediator", count=n)
    workshop = p.actions.get(action_type="creation_workshop")
    for i in range(films):
        WorkshopFilm.objects.create(
            action=workshop, title=f"Film {i}", duration_seconds=300, year=2024
        )

    figures = recorded_figures(p)
    assert figures["sessions"] == len(sessions)
    assert figures["minutes"] == sum(m for _, m in sessions)
    assert figures["actions"] == len({i for i, _ in sessions})
    assert figures["beneficiaries"] == sum(n for *_, n in participants)
    assert figures["relays"] == sum(n for _, n in relays)
    assert figures["films"] == films
    assert figures["partners"] == 3
    assert ActionSession.objects.filter(action__project=p).count() == len(sessions)


def test_changing_a_prefilled_figure_requires_a_justification():
    p = project()
    user = project_applicant(p)
    report = p.report
    with pytest.raises(services.ServiceError) as refusal:
        services.report_save(
            report=report,
            by=user,
            expected_version=report.version,
            figures={"beneficiaries": ("30", "")},
        )
    assert "justifiez" in refusal.value.messages[0]
    report = services.report_save(
        report=report,
        by=user,
        expected_version=report.version,
        figures={"beneficiaries": ("30", "Une séance non saisie, feuille d'émargement jointe.")},
    )
    row = next(r for r in report_figures(report) if r["code"] == "beneficiaries")
    assert (row["recorded"], row["value"], row["differs"]) == (0, 30, True)


def test_report_life_is_logged_and_checked():
    p = project()
    user, coordinator = project_applicant(p), project_coordinator(p)
    report = services.report_submit(report=p.report, by=user)
    with pytest.raises(services.ServiceError):
        services.report_save(
            report=report, by=user, expected_version=report.version, narrative={"went_well": "x"}
        )
    report = services.report_send_back(
        report=report, by=coordinator, reason="Ajoutez les paroles de jeunes."
    )
    assert report.state == ReportState.SENT_BACK
    report = services.report_submit(report=report, by=user)
    report = services.report_accept(report=report, by=coordinator)
    assert [(t.source, t.target, t.by) for t in report.transitions.all()] == [
        ("draft", "submitted", user),
        ("submitted", "sent_back", coordinator),
        ("sent_back", "submitted", user),
        ("submitted", "accepted", coordinator),
    ]
    with pytest.raises(services.ServiceError):
        services.report_accept(report=report, by=coordinator)


def test_applicant_cannot_accept_its_own_report():
    from django.core.exceptions import PermissionDenied

    p = project()
    user = project_applicant(p)
    report = services.report_submit(report=p.report, by=user)
    with pytest.raises(PermissionDenied):
        services.report_accept(report=report, by=user)


def test_report_is_late_after_its_deadline():
    from tests.calls.factories import paris

    p = project()
    assert not p.report.is_late_at(paris("2024-11-30 23:59:59"))
    assert p.report.is_late_at(paris("2024-12-01 00:00:00"))
