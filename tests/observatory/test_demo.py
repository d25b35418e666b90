"""The demo campaign reproduces the published 2024-2025 totals from illustrative returns."""

from io import StringIO

from django.core.management import call_command

from lanterne.demo.observatory import SLUG
from lanterne.observatory.consolidation import consolidate_campaign
from lanterne.observatory.models import Campaign, Return
from lanterne.observatory.selectors import panorama_consolidation, stale_consolidations

PUBLISHED = {
    "beneficiaries": 564_711,
    "beneficiaries-pole": 47_395,
    "beneficiaries-mcac": 207_206,
    "beneficiaries-pi": 36_618,
    "beneficiaries-cnc": 6_634,
    "beneficiaries-festivals": 185_870,
    "beneficiaries-other": 80_988,
    "partners": 4_300,
    "interventions": 4_300,
    "artists": 3_000,
    "training-days": 400,
}


def test_demo_consolidation_equals_the_published_panorama():
    """17 structures, some non transmis; totals and the 250 458 / 564 711 share as printed;
    every return is flagged illustrative; rerunning changes nothing."""
    for _run in range(2):
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    campaign = Campaign.objects.get(slug=SLUG)
    assert campaign.is_published and campaign.illustrative_returns
    assert not Return.objects.filter(campaign=campaign, is_illustrative=False).exists()
    result = consolidate_campaign(campaign)
    assert result.expected == 17
    assert {f.indicator.code: f.total for f in result.figures()} == PUBLISHED
    assert result.figure("beneficiaries").covered == 16
    assert result.figure("beneficiaries").not_transmitted == 1
    (share,) = result.shares
    assert (share.numerator, share.denominator, str(share.percent)) == (250_458, 564_711, "44.4")
    # The published panorama is served from its stored consolidation, computed by the loader.
    stored = panorama_consolidation(campaign)
    assert stored.stored_at is not None
    assert stored == result
    assert stale_consolidations() == []
    assert len(result.regions) == 10
