"""The campaign page costs the same queries whatever the number of indicators and structures."""

import pytest
from django.urls import reverse

from tests.network.factories import PoleFactory, StructureFactory

from .factories import CampaignFactory, IndicatorFactory, ReturnFactory, ValueFactory


def _campaign(size):
    structures = StructureFactory.create_batch(size, pole=True)
    for structure in structures:
        PoleFactory(carriers=[structure])
    campaign = CampaignFactory(structures=structures, previous=CampaignFactory())
    value_return = ReturnFactory(campaign=campaign, structure=structures[0])
    for _index in range(size):
        total = IndicatorFactory(campaign=campaign, beneficiaries=True)
        IndicatorFactory(campaign=campaign, beneficiaries=True, parent=total)
        ValueFactory(value_return=value_return, indicator=total)
    return campaign


@pytest.mark.parametrize("size", [1, 10])
def test_campaign_edit_queries(size, admin_user, login, django_assert_num_queries):
    campaign = _campaign(size)
    client = login(admin_user)
    # Session, user and second-factor device, the admin's scope, the campaign, its copy for the
    # form, the campaigns for "previous", its structures and the choices, the indicators.
    with django_assert_num_queries(10):
        response = client.get(reverse("observatory:campaign_edit", args=[campaign.slug]))
    assert response.status_code == 200
    assert response.text.count("/indicateurs/") >= 2 * size


@pytest.mark.parametrize("size", [1, 10])
def test_indicator_edit_queries(size, admin_user, login, django_assert_num_queries):
    campaign = _campaign(size)
    indicator = campaign.indicators.filter(parent__isnull=False).first()
    client = login(admin_user)
    with django_assert_num_queries(8):
        response = client.get(
            reverse("observatory:indicator_edit", args=[campaign.slug, indicator.pk])
        )
    assert response.status_code == 200
