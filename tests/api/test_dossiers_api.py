"""`/api/v1/dossiers/`: the same access rules as the pages. Out of reach is a 404, anonymous
is a 401; private notes never appear."""

import pytest

from lanterne.dossiers.models import DossierNote
from tests.accounts.factories import applicant
from tests.calls.factories import CallFactory, call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant


@pytest.fixture
def dossier():
    return DossierFactory(state="submitted")


def url(dossier, suffix=""):
    return f"/api/v1/dossiers/{dossier.pk}/{suffix}"


def test_anonymous_is_asked_to_authenticate(api, dossier):
    """No credentials: 401 on the list and on a dossier."""
    client = api.as_user(None)
    assert client.get("/api/v1/dossiers/").status_code == 401
    assert client.get(url(dossier)).status_code == 401


def test_applicant_reads_its_own_dossier_only(api, dossier):
    """The applicant reads its dossier; another applicant gets a 404 and an empty list."""
    client = api.as_user(dossier_applicant(dossier))
    assert client.get(url(dossier)).status_code == 200
    assert [row["id"] for row in client.get("/api/v1/dossiers/").json()["results"]] == [dossier.pk]
    other = api.as_user(applicant())
    assert other.get(url(dossier)).status_code == 404
    assert other.get("/api/v1/dossiers/").json()["results"] == []


def test_coordinator_reads_its_regions_dossiers_only(api, dossier):
    """The call's coordination reads the dossier; another région's coordination gets 404."""
    assert api.as_user(call_coordinator(dossier.call)).get(url(dossier)).status_code == 200
    elsewhere = call_coordinator(CallFactory())
    assert api.as_user(elsewhere).get(url(dossier)).status_code == 404


def test_committee_member_reads_its_sessions_dossiers_only(api):
    """A member reads the dossiers of its sessions, not other dossiers of the call nor drafts."""
    call = CallFactory()
    on_agenda = DossierFactory(call=call, state="in_committee")
    elsewhere = DossierFactory(call=call, state="submitted")
    draft = DossierFactory(call=call)
    session = CommitteeSessionFactory(call=call)
    session.dossiers.add(on_agenda, draft)
    client = api.as_user(committee_member_of(session))
    assert client.get(url(on_agenda)).status_code == 200
    assert client.get(url(elsewhere)).status_code == 404
    assert client.get(url(draft)).status_code == 404
    assert [row["id"] for row in client.get("/api/v1/dossiers/").json()["results"]] == [
        on_agenda.pk
    ]


def test_dossier_nests_its_content_without_private_notes(api, dossier):
    """Partners, budget lines, actions and documents' metadata; no note, no file content."""
    coordinator = call_coordinator(dossier.call)
    DossierNote.objects.create(dossier=dossier, author=coordinator, body="Note secrète")
    response = api.as_user(coordinator).get(url(dossier))
    data = response.json()
    assert len(data["partners"]) == 3
    assert {line["amount"] for line in data["budget_lines"]} >= {"4000.00", "7000.00"}
    assert {action["kind"] for action in data["actions"]} == {"voir", "faire"}
    assert data["documents"][0]["original_name"] == "cv.pdf"
    assert "file" not in data["documents"][0]
    assert "Note secrète" not in response.content.decode()
    assert "notes" not in data


def test_list_filters_by_call_and_state(api):
    """`?call=` and `?state=` narrow the list."""
    call = CallFactory()
    submitted = DossierFactory(call=call, state="submitted")
    DossierFactory(call=call, state="under_review")
    other_call = DossierFactory(state="submitted", call__region=call.region)
    client = api.as_user(call_coordinator(call))
    ids = [r["id"] for r in client.get("/api/v1/dossiers/", {"call": call.pk}).json()["results"]]
    assert other_call.pk not in ids and submitted.pk in ids and len(ids) == 2
    rows = client.get("/api/v1/dossiers/", {"call": call.pk, "state": "submitted"}).json()
    assert [r["id"] for r in rows["results"]] == [submitted.pk]


def test_eligibility_is_the_engines_report(api):
    """`eligibility/` answers exactly {"eligible", "rules": [{code, status, message}]}."""
    dossier = DossierFactory(call=CallFactory(open_now=True), state="submitted")
    response = api.as_user(dossier_applicant(dossier)).get(url(dossier, "eligibility/"))
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"eligible", "rules"}
    assert data["eligible"] is True
    assert {rule["code"] for rule in data["rules"]} >= {"grant_ceiling", "tripartite"}
    assert all(set(rule) == {"code", "status", "message"} for rule in data["rules"])
    assert all(rule["status"] == "pass" for rule in data["rules"])


def test_eligibility_of_an_incomplete_draft_says_why(api):
    """An empty draft is not eligible and each failing rule carries a message."""
    draft = DossierFactory()
    data = api.as_user(dossier_applicant(draft)).get(url(draft, "eligibility/")).json()
    assert data["eligible"] is False
    tripartite = next(rule for rule in data["rules"] if rule["code"] == "tripartite")
    assert tripartite["status"] != "pass"
    assert tripartite["message"]
    other = api.as_user(applicant())
    assert other.get(url(draft, "eligibility/")).status_code == 404


def test_history_lists_the_transitions(api, dossier):
    """`history/` gives each transition with who (display name), from, to, when, why."""
    coordinator = call_coordinator(dossier.call)
    response = api.as_user(coordinator).get(url(dossier, "history/"))
    assert response.status_code == 200
    rows = response.json()
    assert [row["name"] for row in rows] == ["submit"]
    assert rows[0]["source"] == "draft" and rows[0]["target"] == "submitted"
    assert set(rows[0]) == {"name", "source", "target", "at", "by", "reason"}
    assert rows[0]["by"] == str(dossier.created_by)
    assert api.as_user(applicant()).get(url(dossier, "history/")).status_code == 404


@pytest.mark.parametrize("rows", [1, 10])
def test_dossier_list_query_count_is_fixed(api, django_assert_num_queries, rows):
    """1 or 10 dossiers read by their coordinator: the same number of queries."""
    call = CallFactory()
    for _ in range(rows):
        DossierFactory(call=call, state="submitted")
    client = api.as_user(call_coordinator(call))
    with django_assert_num_queries(16):
        response = client.get("/api/v1/dossiers/")
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_eligibility_query_count_is_fixed(api, django_assert_num_queries, rows):
    """The verdict of a dossier with 1 or 10 partners and budget lines: the same queries."""
    from lanterne.calls.enums import PartnerRole
    from lanterne.dossiers.enums import BudgetSide, ExpenseCategory
    from lanterne.dossiers.models import BudgetLine, Partner

    dossier = DossierFactory(call=CallFactory(open_now=True), state="submitted")
    for index in range(rows):
        Partner.objects.create(dossier=dossier, role=PartnerRole.OTHER, name=f"P {index}")
        BudgetLine.objects.create(
            dossier=dossier,
            side=BudgetSide.EXPENSE,
            category=ExpenseCategory.OTHER,
            label=f"Dépense {index}",
            amount=1,
        )
    client = api.as_user(call_coordinator(dossier.call))
    # Session, user, second factor, scope, the dossier and what the engine reads.
    with django_assert_num_queries(21):
        response = client.get(url(dossier, "eligibility/"))
    assert response.status_code == 200
    assert response.json()["rules"]
