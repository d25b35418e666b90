"""The coordination's list of a call's dossiers, page by page: each row with its budget summed
from its lines and its eligibility evaluated today, whatever the page."""

from django.urls import reverse

from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.models import BudgetLine, Dossier
from tests.calls.factories import CallFactory, call_coordinator
from tests.dossiers.factories import DossierFactory, make_complete

# Session, user, second factor and scope (8), the call with its calendar, rules, pieces and
# film lists (6), the counts by state, the page, partners, budget lines, actions, pieces,
# QPVs, communes and their rural zonings (9).
LIST_QUERIES = 23


def test_later_page_shows_the_rest_with_their_sums(login):
    """27 dossiers, 25 a page: the second page holds the last two, with the DRAC request and
    total budget of each, and the count of the whole call."""
    call = CallFactory()
    DossierFactory.create_batch(27, call=call, state="submitted")
    client = login(call_coordinator(call))
    url = reverse("calls:dossiers", args=[call.slug])
    first = client.get(url)
    assert len(first.context["rows"]) == 25
    assert first.context["page"].paginator.num_pages == 2
    second = client.get(url, {"page": 2})
    rows = second.context["rows"]
    assert len(rows) == 2
    assert "27 dossiers en tout" in second.text
    for row in rows:
        assert row["drac_request"] == 4000 and row["total_expenses"] == 10000
    seen = {row["dossier"].pk for row in first.context["rows"]} | {
        row["dossier"].pk for row in rows
    }
    assert len(seen) == 27


def test_filtered_list_is_counted_on_its_own(login):
    """With a filter, the pages are those of the dossiers kept."""
    call = CallFactory()
    DossierFactory.create_batch(3, call=call, state="submitted")
    kept = DossierFactory(call=call, state="submitted", title="Ciné-quartier")
    client = login(call_coordinator(call))
    response = client.get(reverse("calls:dossiers", args=[call.slug]), {"q": "Ciné-quartier"})
    assert [row["dossier"].pk for row in response.context["rows"]] == [kept.pk]
    assert response.context["page"].paginator.count == 1


def test_a_dossier_without_lines_shows_no_sums(login):
    """No expense line, no DRAC line: « — », not 0."""
    call = CallFactory()
    dossier = DossierFactory(call=call, state="submitted")
    BudgetLine.objects.filter(dossier=dossier).delete()
    response = login(call_coordinator(call)).get(reverse("calls:dossiers", args=[call.slug]))
    [row] = response.context["rows"]
    assert row["drac_request"] is None and row["total_expenses"] is None


def _row_verdicts(response):
    return {
        row["dossier"].pk: [(r.code, r.status, str(r.message)) for r in row["report"].results]
        for row in response.context["rows"]
    }


def test_rows_give_the_verdict_of_the_whole_dossier(login):
    """The list fetches only the fields a row and the rules read: each verdict, message by
    message, is the one `evaluate` gives on the dossier fetched whole."""
    call = CallFactory()
    complete = make_complete(DossierFactory(call=call, state="submitted"))
    bare = DossierFactory(call=call, state="submitted")
    draft = DossierFactory(call=call)
    response = login(call_coordinator(call)).get(reverse("calls:dossiers", args=[call.slug]))
    whole = {
        dossier.pk: [(r.code, r.status, str(r.message)) for r in evaluate(dossier).results]
        for dossier in Dossier.objects.filter(call=call).for_eligibility()
    }
    verdicts = _row_verdicts(response)
    assert set(verdicts) == {complete.pk, bare.pk, draft.pk}
    assert verdicts == whole
    # The parts were read: the complete dossier passes each rule on them.
    statuses = {pk: {code: status for code, status, _ in v} for pk, v in verdicts.items()}
    for code in ("tripartite", "territory", "films", "documents", "budget_balanced"):
        assert statuses[complete.pk][code] == "pass"
    assert statuses[complete.pk] != statuses[bare.pk]


def test_list_query_count_is_pinned(login, django_assert_num_queries):
    """Session and scope, the call with its rules, calendar and lists, the counts by state,
    the page of dossiers and one query per part the engine reads: as many with 1 dossier as
    with 12 complete ones (each with partners, lines, actions, pieces, communes, QPV)."""
    call = CallFactory()
    make_complete(DossierFactory(call=call, state="submitted"))
    client = login(call_coordinator(call))
    url = reverse("calls:dossiers", args=[call.slug])
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
    for _ in range(11):
        make_complete(DossierFactory(call=call, state="submitted"))
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert len(response.context["rows"]) == 12
