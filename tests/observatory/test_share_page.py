"""A share whose parts are incomplete says so beside it, on the page and in the files."""

import json

import pytest
from django.urls import reverse

from lanterne.observatory.enums import ReturnState
from tests.network.factories import StructureFactory

from .factories import ReturnFactory, ValueFactory, campaign_with_beneficiaries

pytestmark = pytest.mark.django_db


def _campaign_with_a_gap():
    """S1 gives everything (100 = 30 + 20 + 50); S2 gives its total and « mcac » but says
    *non transmis* for « pi »: the share counts S1 only, 50 / 100."""
    first, second = StructureFactory.create_batch(2, pole=True)
    campaign, ind = campaign_with_beneficiaries([first, second], published=True)
    mcac, pi, other = ind["parts"]
    for structure, amounts in (
        (first, {ind["total"]: 100, mcac: 30, pi: 20, other: 50}),
        (second, {ind["total"]: 900, mcac: 400, pi: None, other: 100}),
    ):
        value_return = ReturnFactory(
            campaign=campaign, structure=structure, state=ReturnState.ACCEPTED
        )
        for indicator, amount in amounts.items():
            if amount is None:
                ValueFactory(value_return=value_return, indicator=indicator, not_transmitted=True)
            else:
                ValueFactory(value_return=value_return, indicator=indicator, amount=amount)
    return campaign


def test_the_page_says_the_share_leaves_a_structure_out(client):
    campaign = _campaign_with_a_gap()
    url = reverse("observatory:panorama", args=[campaign.slug])
    french = client.get(url).content.decode()
    assert "50,0\u00a0%" in french or "50,0 %" in french
    assert "calculée sur 1 structure sur 2" in french
    english = client.get("/en" + url).content.decode()
    assert "computed over 1 structure out of 2" in english


def test_the_files_carry_the_structures_counted(client):
    campaign = _campaign_with_a_gap()
    response = client.get(reverse("observatory:export", args=[campaign.slug, "json"]))
    (share,) = json.loads(response.content)["shares"]
    assert (share["numerator"], share["denominator"]) == (50, 100)
    assert (share["structures_counted"], share["structures_expected"]) == (1, 2)
