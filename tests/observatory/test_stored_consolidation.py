"""A published panorama's consolidation is computed once (at publication, then when its accepted
returns change) and every reader is served the stored one: the page, its files, the API and the
public home never read a value. The stored form gives back exactly what was computed."""

import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from lanterne.observatory.consolidation import (
    STORED_VERSION,
    Entry,
    IndicatorInfo,
    consolidate,
    consolidate_campaign,
    from_stored,
    to_stored,
)
from lanterne.observatory.enums import ReturnState
from lanterne.observatory.models import Return, StoredConsolidation, Value
from lanterne.observatory.selectors import panorama_consolidation, stale_consolidations
from lanterne.observatory.services import (
    campaign_publish,
    campaign_update,
    consolidation_store,
    indicator_save,
    return_accept,
    return_save,
    return_send_back,
    return_submit,
)
from tests.network.factories import StructureFactory

from .conftest import full_entries
from .factories import ReturnFactory, ValueFactory, campaign_with_beneficiaries

VALUES_TABLE = Value._meta.db_table

TOTAL = IndicatorInfo(
    1,
    "beneficiaries",
    "Bénéficiaires",
    "Beneficiaries",
    "people",
    "school_year",
    "beneficiaries",
    definition="Personnes « uniques »",
    counting_method_en="Each person once",
)
PART_A = IndicatorInfo(
    2,
    "mcac",
    "MCAC",
    "MCAC",
    "people",
    "school_year",
    "beneficiaries",
    parent_id=1,
    share_group="national_programmes",
)
PART_B = IndicatorInfo(
    3,
    "pi",
    "PI",
    "PI",
    "people",
    "school_year",
    "beneficiaries",
    parent_id=1,
    share_group="national_programmes",
)
RELAYS = IndicatorInfo(4, "relays", "Relais", "Relays", "people", "school_year", "relays")
INDICATORS = [TOTAL, PART_A, PART_B, RELAYS]
REGIONS = [("76", "Occitanie"), ("32", "Hauts-de-France"), ("", "")]

# Beyond 2**53, where a float would round: the stored form keeps exact integers.
amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**18))
structure_returns = st.tuples(
    st.sampled_from(REGIONS),
    st.dictionaries(st.sampled_from([i.id for i in INDICATORS]), amounts, max_size=4),
    st.text(max_size=8),
)


def _json_round_trip(consolidation):
    # As the database stores it: JSON text, read back.
    return from_stored(json.loads(json.dumps(to_stored(consolidation))))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(structure_returns, min_size=0, max_size=15),
    st.one_of(st.none(), st.dictionaries(st.sampled_from(["beneficiaries", "mcac"]), amounts)),
)
def test_stored_form_gives_back_the_same_consolidation(returns, previous):
    """Every figure (None stays None: *non transmis* is never 0), coverage, note, previous
    figure, région (in its order) and share (exact, incomplete ones still flagged) comes back
    from the stored form exactly as computed."""
    structures = {n: (f"S{n}", code, name) for n, ((code, name), _v, _t) in enumerate(returns)}
    entries = [
        Entry(structure_id=n, indicator_id=i, amount=a, note=note if i == 1 else "")
        for n, (_region, values, note) in enumerate(returns)
        for i, a in values.items()
    ]
    previous_totals = {k: v for k, v in (previous or {}).items() if v is not None}
    computed = consolidate(
        indicators=INDICATORS,
        structures=structures,
        entries=entries,
        previous_totals=previous_totals if previous is not None else None,
    )
    stored = _json_round_trip(computed)
    assert stored == computed
    assert list(stored.regions.items()) == list(computed.regions.items())
    assert [s.incomplete for s in stored.shares] == [s.incomplete for s in computed.shares]
    for region in ["", *computed.regions]:
        assert [f.total for f in stored.figures(region)] == [
            f.total for f in computed.figures(region)
        ]


def _campaign(size=3, *, previous=None, **kwargs):
    """A campaign with accepted returns (figures, *non transmis*, a note), one submitted return
    that does not count, and a structure that gave no part (an incomplete share)."""
    structures = StructureFactory.create_batch(size, pole=True)
    campaign, ind = campaign_with_beneficiaries(structures, previous=previous, **kwargs)
    for n, structure in enumerate(structures):
        value_return = ReturnFactory(
            campaign=campaign, structure=structure, accepted=n != 1, submitted=n == 1
        )
        ValueFactory(
            value_return=value_return,
            indicator=ind["total"],
            amount=100 + n,
            counting_note="au jugé" if n == 0 else "",
        )
        if n != size - 1:
            for part in ind["parts"]:
                ValueFactory(value_return=value_return, indicator=part, amount=10 * (n + 1))
        ValueFactory(value_return=value_return, indicator=ind["relays"], not_transmitted=True)
    return campaign, ind


def _published_campaigns():
    empty, _ind = campaign_with_beneficiaries(StructureFactory.create_batch(2), published=True)
    huge, ind = campaign_with_beneficiaries(StructureFactory.create_batch(2), published=True)
    for structure in huge.structures.all():
        # Beyond 2**53 (where a JSON number read as a float would round), summed beyond 2**62.
        value_return = ReturnFactory(campaign=huge, structure=structure, accepted=True)
        ValueFactory(value_return=value_return, indicator=ind["total"], amount=2**62 + 1)
    previous, _ind = _campaign(published=True)
    following, _ind = _campaign(4, previous=previous, published=True)
    return [empty, huge, previous, following]


def test_stored_consolidation_equals_a_fresh_one():
    """Stored in the database and read back, each fixture's consolidation (an empty campaign,
    one with gaps and an incomplete share, one compared with its previous campaign) equals
    the one computed afresh from the values."""
    campaigns = _published_campaigns()
    for campaign in campaigns:
        consolidation_store(campaign=campaign)
        stored = StoredConsolidation.objects.get(campaign=campaign)
        assert stored.version == STORED_VERSION
        assert from_stored(stored.figures) == consolidate_campaign(campaign)
    # The fixtures hold what must survive: a figure nobody gave, an incomplete share, a
    # comparison with the previous campaign.
    assert panorama_consolidation(campaigns[1]).figure("beneficiaries").total == 2**63 + 2
    fresh = consolidate_campaign(campaigns[-1])
    assert fresh.figure("relays").total is None
    assert fresh.shares and fresh.shares[0].incomplete
    assert fresh.figure("beneficiaries").previous_total is not None


def _strip_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("size", [2, 20])
def test_panorama_page_is_served_from_its_stored_consolidation(size, client):
    """The published panorama costs two queries (the campaign, its stored consolidation)
    whatever its size, reads no value, and shows exactly what a fresh consolidation shows."""
    campaign, _ind = _campaign(size, published=True)
    url = reverse("observatory:panorama", args=[campaign.slug])
    fresh = _strip_tokens(client.get(url).text)  # nothing stored yet: consolidated afresh
    consolidation_store(campaign=campaign)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) == 2
    assert not [q for q in queries if VALUES_TABLE in q["sql"]]
    assert _strip_tokens(response.text) == fresh


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_files_api_and_home_read_the_stored_consolidation(fmt, client):
    """The panorama's files, the API's consolidation and the public home's key figures read
    the stored consolidation, never the values."""
    campaign, _ind = _campaign(published=True)
    consolidation_store(campaign=campaign)
    for url in [
        reverse("observatory:export", args=[campaign.slug, fmt]),
        f"/api/v1/observatory/campaigns/{campaign.slug}/consolidation/",
        reverse("www:welcome"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:  # CSV and XLSX are streamed: read them whole
                assert b"".join(response.streaming_content)
        assert response.status_code == 200, url
        assert not [q for q in queries if VALUES_TABLE in q["sql"]], url


def _total(campaign, code="beneficiaries"):
    return panorama_consolidation(campaign).figure(code).total


def test_publication_stores_and_withdrawal_removes(admin_user):
    """Publishing computes the stored consolidation; withdrawing removes it (it would go stale
    unseen); publishing again computes it afresh."""
    campaign, _ind = _campaign()
    campaign_publish(campaign=campaign, by=admin_user)
    assert from_stored(campaign.stored_consolidation.figures) == consolidate_campaign(campaign)
    campaign_publish(campaign=campaign, publish=False, by=admin_user)
    assert not StoredConsolidation.objects.filter(campaign=campaign).exists()
    campaign_publish(campaign=campaign, by=admin_user)
    assert StoredConsolidation.objects.filter(campaign=campaign).exists()


def test_accepting_or_sending_back_a_return_refreshes_the_published_figures(setup, admin_user):
    """A return accepted after publication enters the stored figures at once; sent back, it
    leaves them; the next campaign's comparison with this one follows too."""
    campaign = setup["campaign"]
    campaign_publish(campaign=campaign, by=admin_user)
    assert _total(campaign) is None  # no accepted return yet: no total, never 0
    following, _ind = _campaign(previous=campaign, published=True)
    consolidation_store(campaign=following)
    assert panorama_consolidation(following).figure("beneficiaries").previous_total is None

    value_return = setup["return"]
    return_save(
        value_return=value_return, entries=full_entries(setup["indicators"]), by=setup["member"]
    )
    return_submit(value_return=value_return, by=setup["member"])
    assert _total(campaign) is None  # submitted is not accepted
    return_accept(value_return=value_return, by=admin_user)
    assert _total(campaign) == 100
    assert _total(campaign, "partners") is None  # declared *non transmis*
    assert panorama_consolidation(following).figure("beneficiaries").previous_total == 100
    assert campaign.stored_consolidation.fingerprint != ""

    return_send_back(value_return=value_return, reason="À revoir", by=admin_user)
    assert _total(campaign) is None
    assert panorama_consolidation(following).figure("beneficiaries").previous_total is None
    assert stale_consolidations() == []


def test_an_indicator_or_structures_change_refreshes_the_published_figures(admin_user):
    """A renamed indicator and a new reporting structure show in the published panorama
    without waiting for a return."""
    campaign, ind = _campaign(published=True)
    consolidation_store(campaign=campaign)
    indicator_save(
        campaign=campaign, indicator=ind["relays"], label_fr="Relais formés", by=admin_user
    )
    assert panorama_consolidation(campaign).figure("relays").indicator.label_fr == "Relais formés"
    expected = panorama_consolidation(campaign).expected
    campaign_update(
        campaign=campaign,
        structures=[*campaign.structures.all(), StructureFactory(pole=True)],
        by=admin_user,
    )
    assert panorama_consolidation(campaign).expected == expected + 1


def test_command_computes_missing_and_stale_consolidations_only():
    """`refresh_consolidations` stores the published campaigns that have none, then only those
    whose accepted returns changed since; an unpublished campaign gets none."""
    published, _ind = _campaign(published=True)
    draft, _ind = _campaign()
    call_command("refresh_consolidations")
    assert set(StoredConsolidation.objects.values_list("campaign", flat=True)) == {published.pk}
    computed_at = published.stored_consolidation.computed_at
    call_command("refresh_consolidations")
    published.stored_consolidation.refresh_from_db()
    assert published.stored_consolidation.computed_at == computed_at

    # A return accepted behind the services' back (an import, the admin site): the fingerprint
    # tells, and the command catches up.
    submitted = Return.objects.get(campaign=published, state=ReturnState.SUBMITTED)
    Return.objects.filter(pk=submitted.pk).update(state=ReturnState.ACCEPTED)
    assert stale_consolidations() == [published]
    before = _total(published)
    call_command("refresh_consolidations")
    assert _total(published) == before + 101
    assert stale_consolidations() == []
    assert not StoredConsolidation.objects.filter(campaign=draft).exists()


def test_panorama_page_shows_a_recomputed_consolidation_at_once(client, admin_user):
    """The page's tables are rendered once per stored version: a return accepted after
    publication shows at the next request, in each language."""
    campaign, _ind = _campaign(published=True)
    consolidation_store(campaign=campaign)
    url = reverse("observatory:panorama", args=[campaign.slug])
    before = panorama_consolidation(campaign).figure("beneficiaries").total
    assert f'data-code="beneficiaries">{before}<' in client.get(url).text
    submitted = Return.objects.get(campaign=campaign, state=ReturnState.SUBMITTED)
    return_accept(value_return=submitted, by=admin_user)
    after = panorama_consolidation(campaign).figure("beneficiaries").total
    assert after == before + 101
    assert f'data-code="beneficiaries">{after}<' in client.get(url).text
    english = client.get(url, headers={"accept-language": "en"}).text
    assert f'data-code="beneficiaries">{after}<' in english
