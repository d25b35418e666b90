"""The API serves published campaigns and the same consolidation as the panorama's files."""

import json

from django.urls import reverse

from lanterne.observatory.enums import ReturnState
from tests.workflow import put_in_state

from .factories import ReturnFactory, ValueFactory


def test_public_reads_published_only(setup, client):
    """An unpublished campaign is a 404 in the API for the public."""
    slug = setup["campaign"].slug
    assert client.get("/api/v1/observatory/campaigns/").json()["results"] == []
    assert client.get(f"/api/v1/observatory/campaigns/{slug}/").status_code == 404
    assert client.get(f"/api/v1/observatory/campaigns/{slug}/consolidation/").status_code == 404


def test_admin_reads_unpublished(setup, admin_user, login):
    client = login(admin_user)
    response = client.get(f"/api/v1/observatory/campaigns/{setup['campaign'].slug}/")
    assert response.status_code == 200
    assert "beneficiaries" in response.json()["indicator_codes"]


def test_consolidation_equals_json_export(setup, client):
    """The API's consolidation is the JSON export, figure for figure."""
    campaign = setup["campaign"]
    campaign.is_published = True
    campaign.save()
    value_return = setup["return"]
    put_in_state(value_return, ReturnState.ACCEPTED)
    ValueFactory(value_return=value_return, indicator=setup["indicators"]["total"], amount=42)
    ReturnFactory(campaign=campaign, structure=setup["structures"][1])
    api = client.get(f"/api/v1/observatory/campaigns/{campaign.slug}/consolidation/").json()
    export = json.loads(
        client.get(reverse("observatory:export", args=[campaign.slug, "json"])).content
    )
    assert api == export
    national = {r["code"]: r["value"] for r in api["figures"] if r["scope"] == "national"}
    assert national["beneficiaries"] == 42 and national["partners"] is None
