"""The panorama and the completeness matrix cost the same queries at 1× and 10× the data."""

import pytest
from django.urls import reverse

from lanterne.observatory.services import consolidation_store
from tests.network.factories import StructureFactory

from .factories import ReturnFactory, ValueFactory, campaign_with_beneficiaries


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
def test_completeness_queries(size, admin_user, login, django_assert_num_queries):
    campaign = _campaign(size)
    client = login(admin_user)
    with django_assert_num_queries(9):
        response = client.get(reverse("observatory:completeness", args=[campaign.slug]))
    assert response.status_code == 200
