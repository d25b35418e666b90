"""`/api/v1/calls/`: published calls for anyone, unpublished ones for their coordination, with
their calendar, rules, film lists and documents to provide."""

import pytest

from lanterne.calls.enums import MilestoneKind, RuleCode
from tests.accounts.factories import applicant
from tests.calls.factories import CallFactory, call_coordinator


def test_anyone_lists_published_calls_only(api):
    """Anonymous readers see published calls; an unpublished call is absent and a 404."""
    published = CallFactory()
    draft = CallFactory(unpublished=True)
    response = api.as_user(None).get("/api/v1/calls/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [published.pk]
    assert api.get(f"/api/v1/calls/{draft.pk}/").status_code == 404


def test_coordinator_also_sees_its_unpublished_calls(api):
    """The coordination of a région reads its unpublished calls, not another région's."""
    draft = CallFactory(unpublished=True)
    other_draft = CallFactory(unpublished=True)
    client = api.as_user(call_coordinator(draft))
    assert client.get(f"/api/v1/calls/{draft.pk}/").status_code == 200
    assert client.get(f"/api/v1/calls/{other_draft.pk}/").status_code == 404
    other_client = api.as_user(applicant())
    assert other_client.get(f"/api/v1/calls/{draft.pk}/").status_code == 404


def test_call_carries_its_calendar_rules_films_and_documents(api):
    """A call's detail nests milestones, rules (code, params, blocking), films, documents."""
    call = CallFactory()
    data = api.get(f"/api/v1/calls/{call.pk}/").json()
    assert data["slug"] == call.slug
    assert data["envelope"] == "60000.00"
    deadline = next(m for m in data["milestones"] if m["kind"] == MilestoneKind.DEADLINE)
    assert deadline["starts_at"] == "2023-10-31T23:59:59+01:00"
    ceiling = next(r for r in data["rules"] if r["code"] == RuleCode.GRANT_CEILING)
    assert ceiling == {
        "code": "grant_ceiling",
        "params": {"funder": "drac", "max_amount": "5000.00"},
        "is_blocking": True,
    }
    films = {fl["kind"]: [f["title"] for f in fl["films"]] for fl in data["film_lists"]}
    assert films["accompanied"] == ["Le Gamin au vélo", "Wadjda"]
    assert {"kind": "speaker_cv", "label": "CV des intervenant·es", "returning_only": False} in (
        data["required_documents"]
    )


@pytest.mark.parametrize("rows", [1, 10])
def test_call_list_query_count_is_fixed(api, django_assert_num_queries, rows):
    """1 or 10 calls: the same number of queries (calls, then one per nested relation)."""
    for _ in range(rows):
        CallFactory()
    client = api.as_user(None)
    with django_assert_num_queries(7):
        response = client.get("/api/v1/calls/")
    assert len(response.json()["results"]) == rows
