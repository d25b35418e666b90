"""The panorama and the completeness matrix cost the same queries at 1× and 10× the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.observatory import selectors
from lanterne.observatory.models import Value
from lanterne.observatory.services import consolidation_store
from tests.network.factories import StructureFactory

from .factories import ReturnFactory, ValueFactory, campaign_with_beneficiaries

VALUES_TABLE = Value._meta.db_table


def _campaign(size):
    structures = StructureFactory.create_batch(size, pole=True)
    campaign, ind = campaign_with_beneficiaries(structures, published=True)
    for structure in structures:
        value_return = ReturnFactory(campaign=campaign, structure=structure, accepted=True)
        ValueFactory(value_return=value_return, indicator=ind["total"], amount=5)
        ValueFactory(value_return=value_return, indicator=ind["relays"], not_transmitted=True)
    return campaign


@pytest.mark.parametrize("size", [2, 20])
def test_panorama_queries(size, client, django_assert_num_queries):
    """A published panorama: the campaign, then its stored consolidation."""
    campaign = _campaign(size)
    consolidation_store(campaign=campaign)
    with django_assert_num_queries(2):
        response = client.get(reverse("observatory:panorama", args=[campaign.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_unstored_panorama_queries(size, client, django_assert_num_queries):
    """Without a stored consolidation (not yet computed): the campaign, the missing stored
    one, then the consolidation's four queries, whatever the size."""
    campaign = _campaign(size)
    with django_assert_num_queries(6):
        response = client.get(reverse("observatory:panorama", args=[campaign.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_completeness_queries(size, admin_user, login, django_assert_num_queries, monkeypatch):
    """The completeness page costs the same queries at 2 and 20 structures, and shows one page
    of them (here 5): its values read are the page's, never the whole campaign's."""
    monkeypatch.setattr(selectors, "COMPLETENESS_PAGE", 5)
    campaign = _campaign(size)
    client = login(admin_user)
    url = reverse("observatory:completeness", args=[campaign.slug])
    with django_assert_num_queries(11), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.text.count('<th scope="row">') == min(size, 5)
    value_reads = [q["sql"] for q in queries if f'FROM "{VALUES_TABLE}"' in q["sql"]]
    assert len(value_reads) == 1
    page_returns = campaign.returns.order_by("structure__name", "structure__pk")[:5]
    assert Value.objects.filter(value_return__in=page_returns).count() == 2 * min(size, 5)
    assert "Retours par état" in response.text
    # Accepted over the whole campaign, whatever the page.
    assert f"accepté : <strong>{size}</strong>" in response.text


def test_completeness_pages_are_safe(admin_user, login):
    """Any page number gives a page: the last one beyond the end, the first on nonsense."""
    campaign = _campaign(3)
    client = login(admin_user)
    url = reverse("observatory:completeness", args=[campaign.slug])
    for number in ["2", "999", "abc", "-1"]:
        assert client.get(url, {"page": number}).status_code == 200
