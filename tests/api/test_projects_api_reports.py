"""`/api/v1/reports/`: figures pre-filled from the actions (and the declared value with its
justification when it differs), expenses, narrative, state, lateness, history; the report's
life through `submit`, `send-back` and `accept`, each calling its service: 403 for a role
without the right, 400 with the messages for a refusal, 404 out of reach."""

import pytest

from lanterne.projects import services
from lanterne.projects.enums import ReportState
from lanterne.projects.figures import recorded_figures
from lanterne.projects.models import Report
from tests.accounts.factories import applicant
from tests.projects.factories import project, project_applicant, project_coordinator, session


@pytest.fixture
def p():
    return project()


def url(report, suffix=""):
    return f"/api/v1/reports/{report.pk}/{suffix}"


def post(client, report, action, body=None):
    return client.post(url(report, f"{action}/"), body or {}, format="json")


def state_of(report):
    return Report.objects.get(pk=report.pk).state


def submitted(p):
    return services.report_submit(report=p.report, by=project_applicant(p))


def test_figures_are_prefilled_and_declared_ones_justified(api, p):
    """Recorded figures come from the actions; a declared value that differs shows with its
    justification and becomes the value; relays stay apart from beneficiaries."""
    workshop = p.actions.get(action_type="creation_workshop")
    session(workshop, start="14:00", end="16:00")
    session(workshop, day="2024-03-13", start="14:00", end="15:00")
    user = project_applicant(p)
    services.participants_record(
        action=workshop, by=user, beneficiaries={("16_18", "f"): 9}, relays={"mediator": 3}
    )
    services.report_save(
        report=p.report,
        by=user,
        expected_version=p.report.version,
        figures={"beneficiaries": ("12", "Trois jeunes venus sans inscription.")},
        narrative={"went_well": "La projection au centre social."},
        expenses={"speakers": "6800.00"},
    )
    data = api.as_user(project_coordinator(p)).get(url(p.report)).json()
    figures = {row["code"]: row for row in data["figures"]}
    recorded = recorded_figures(p)
    assert {code: row["recorded"] for code, row in figures.items()} == recorded
    assert figures["sessions"]["value"] == 2 and figures["minutes"]["value"] == 180
    assert figures["relays"]["value"] == 3
    assert figures["beneficiaries"] == {
        "code": "beneficiaries",
        "label": "participant·es (bénéficiaires)",
        "recorded": 9,
        "declared": 12,
        "value": 12,
        "differs": True,
        "justification": "Trois jeunes venus sans inscription.",
    }
    assert figures["partners"]["value"] == 3 and not figures["partners"]["differs"]
    assert data["narrative"]["went_well"] == "La projection au centre social."
    assert {row["category"]: (row["planned"], row["actual"]) for row in data["expenses"]} == {
        "speakers": ("7000.00", "6800.00"),
        "equipment": ("3000.00", None),
    }


def test_list_figures_equal_the_single_report_figures(api, p):
    """The list computes figures for a page at once: the same as for each report alone."""
    other = project(call=p.call)
    session(other.actions.first())
    client = api.as_user(project_coordinator(p))
    rows = client.get("/api/v1/reports/").json()["results"]
    assert len(rows) == 2
    for row in rows:
        assert row["figures"] == client.get(url(Report.objects.get(pk=row["id"]))).json()["figures"]
        report = Report.objects.get(pk=row["id"])
        assert {f["code"]: f["recorded"] for f in row["figures"]} == recorded_figures(
            report.project
        )


def test_a_report_past_its_deadline_is_late_until_submitted(api, p):
    """Due on 30 November 2024 and still a draft: late; once submitted, no longer late."""
    client = api.as_user(project_applicant(p))
    data = client.get(url(p.report)).json()
    assert data["state"] == "draft"
    assert data["due_at"].startswith("2024-11-30T23:59:59")
    assert data["is_late"] is True
    assert data["submitted_at"] is None
    data = post(client, p.report, "submit").json()
    assert data["state"] == "submitted" and data["is_late"] is False and data["submitted_at"]


def test_applicant_submits_its_report(api, p):
    """The applicant submits; the coordinator may not (403); a stranger gets 404; a report
    already submitted cannot be submitted again (400 with the message)."""
    assert post(api.as_user(project_coordinator(p)), p.report, "submit").status_code == 403
    assert post(api.as_user(applicant()), p.report, "submit").status_code == 404
    assert state_of(p.report) == ReportState.DRAFT
    owner = api.as_user(project_applicant(p))
    assert post(owner, p.report, "submit").status_code == 200
    assert state_of(p.report) == ReportState.SUBMITTED
    again = post(owner, p.report, "submit")
    assert again.status_code == 400
    assert again.json()["errors"] == ["Le bilan est transmis : cette action n'est pas possible."]
    assert again.json()["detail"] == again.json()["errors"][0]


def test_coordinator_sends_back_with_a_reason(api, p):
    """Sent back with a reason (kept in the history); a blank reason is 400; the applicant
    may not (403); another région's coordination gets 404; a draft cannot be sent back (400)."""
    coordinator = api.as_user(project_coordinator(p))
    draft = post(coordinator, p.report, "send-back", {"reason": "Ajoutez les dépenses."})
    assert draft.status_code == 400
    assert draft.json()["errors"]
    submitted(p)
    assert post(coordinator, p.report, "send-back", {"reason": "   "}).status_code == 400
    owner = api.as_user(project_applicant(p))
    assert post(owner, p.report, "send-back", {"reason": "Non"}).status_code == 403
    elsewhere = api.as_user(project_coordinator(project()))
    assert post(elsewhere, p.report, "send-back", {"reason": "Non"}).status_code == 404
    assert state_of(p.report) == ReportState.SUBMITTED
    coordinator = api.as_user(project_coordinator(p))
    response = post(coordinator, p.report, "send-back", {"reason": "Ajoutez les dépenses."})
    assert response.status_code == 200
    assert response.json()["state"] == "sent_back"
    assert p.report.transitions.last().reason == "Ajoutez les dépenses."


def test_coordinator_accepts_a_submitted_report(api, p):
    """Accepted from submitted; a draft cannot be accepted (400); the applicant may not (403)."""
    coordinator = api.as_user(project_coordinator(p))
    refused = post(coordinator, p.report, "accept")
    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        "Le bilan est en cours de rédaction : cette action n'est pas possible."
    ]
    submitted(p)
    assert post(api.as_user(project_applicant(p)), p.report, "accept").status_code == 403
    response = post(api.as_user(project_coordinator(p)), p.report, "accept")
    assert response.status_code == 200
    assert response.json()["state"] == "accepted"
    assert state_of(p.report) == ReportState.ACCEPTED


def test_history_lists_the_transitions(api, p):
    """`history/` gives each step with who, from, to, when, why; out of reach is 404."""
    submitted(p)
    coordinator = project_coordinator(p)
    services.report_send_back(report=p.report, by=coordinator, reason="Les paroles de jeunes.")
    response = api.as_user(project_applicant(p)).get(url(p.report, "history/"))
    assert response.status_code == 200
    rows = response.json()
    assert [(r["name"], r["source"], r["target"]) for r in rows] == [
        ("submit", "draft", "submitted"),
        ("send_back", "submitted", "sent_back"),
    ]
    assert set(rows[0]) == {"name", "source", "target", "at", "by", "reason"}
    assert rows[1]["by"] == str(coordinator)
    assert rows[1]["reason"] == "Les paroles de jeunes."
    assert api.as_user(applicant()).get(url(p.report, "history/")).status_code == 404
    assert api.as_user(None).get(url(p.report, "history/")).status_code == 401


def test_reports_filter_by_state_and_year(api, p):
    """`?state=` and `?year=` narrow the list."""
    other = project(call=p.call)
    submitted(other)
    client = api.as_user(project_coordinator(p))

    def ids(**params):
        return [row["id"] for row in client.get("/api/v1/reports/", params).json()["results"]]

    assert ids(state="submitted") == [other.report.pk]
    assert ids(state="draft") == [p.report.pk]
    assert ids(year=2023) == []
    assert sorted(ids(year=2024)) == sorted([p.report.pk, other.report.pk])


def test_detail_and_answers_say_what_the_user_may_do_now(api, p):
    """The detail of a report and the answer of an action carry `abilities`, for the user who
    asks; the list leaves them out."""
    owner = api.as_user(project_applicant(p))
    assert owner.get(url(p.report)).json()["abilities"] == {
        "view": True,
        "edit": True,
        "submit": True,
        "send_back": False,
        "accept": False,
    }
    assert post(owner, p.report, "submit").json()["abilities"]["submit"] is False
    coordination = api.as_user(project_coordinator(p))
    abilities = coordination.get(url(p.report)).json()["abilities"]
    assert abilities["accept"] is True and abilities["send_back"] is True
    listed = coordination.get("/api/v1/reports/").json()["results"]
    assert listed and all("abilities" not in row for row in listed)
