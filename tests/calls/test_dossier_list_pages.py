"""The coordination's list of a call's dossiers, page by page: each row with its budget summed
from its lines and its eligibility evaluated today, whatever the page."""

from django.urls import reverse

from lanterne.dossiers.models import BudgetLine
from tests.calls.factories import CallFactory, call_coordinator
from tests.dossiers.factories import DossierFactory


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
