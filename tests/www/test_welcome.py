"""The public front page: open calls with their deadlines, the latest panorama's key figures,
a glimpse of the map — in a number of queries that does not grow with the data."""

from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lanterne.core.money import format_day, format_moment
from tests.calls.factories import CallFactory
from tests.network.factories import StructureFactory
from tests.observatory.factories import (
    CampaignFactory,
    ReturnFactory,
    ValueFactory,
    campaign_with_beneficiaries,
)
from tests.www.conftest import assert_csp_compliant

WELCOME = reverse("www:welcome")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_welcome_lists_open_calls_with_their_deadline_and_time(client):
    """Only published calls open now are listed, each with its deadline's date and time."""
    open_call = CallFactory(title="Passeurs d'images en Occitanie", open_now=True)
    CallFactory(title="Appel clos")  # the 2024 calendar: closed
    CallFactory(title="Appel en préparation", open_now=True, unpublished=True)
    response = client.get(WELCOME)
    text = unescape(response.content.decode())
    assert "Passeurs d'images en Occitanie" in text
    assert open_call.get_absolute_url() in text
    assert format_moment(open_call.deadline) in text
    assert "Appel clos" not in text
    assert "Appel en préparation" not in text
    assert_csp_compliant(response)


def test_welcome_writes_deadlines_as_people_do(client):
    """A deadline reads as people write it, in each language: its day, and its time to the
    minute (never « 23:59:59 »)."""
    call = CallFactory(open_now=True)
    day = format_day(call.deadline)
    french = unescape(client.get(WELCOME).content.decode())
    assert f"{day} à 23 h 59 (heure de Paris)" in french
    assert "23:59:59" not in french
    with translation.override("en"):
        english_day = format_day(call.deadline)
        english = unescape(client.get("/en" + WELCOME).content.decode())
    assert f"{english_day} at 11:59 p.m. (Paris time)" in english
    assert "23:59" not in english


def test_welcome_without_calls_or_panorama_says_so(client):
    text = unescape(client.get(WELCOME).content.decode())
    assert "Aucun appel à projets n'est ouvert en ce moment." in text
    assert "Aucun panorama n'est encore publié." in text


def test_welcome_shows_the_latest_published_panorama_and_never_invents_a_figure(client):
    """The newest published campaign's top-level national figures; an unpublished one is not
    shown; a figure nobody transmitted reads "non transmis", not 0."""
    structures = [StructureFactory(pole=True), StructureFactory(pole=True)]
    campaign, indicators = campaign_with_beneficiaries(
        structures, published=True, year=2024, name="Panorama 2024-2025"
    )
    for structure, amount in zip(structures, (120, 80), strict=True):
        value_return = ReturnFactory(campaign=campaign, structure=structure, accepted=True)
        ValueFactory(value_return=value_return, indicator=indicators["total"], amount=amount)
        ValueFactory(
            value_return=value_return, indicator=indicators["relays"], not_transmitted=True
        )
    CampaignFactory(year=2025, name="Panorama 2025-2026 en cours")  # not published
    text = unescape(client.get(WELCOME).content.decode())
    assert "Panorama 2024-2025" in text
    assert "Panorama 2025-2026 en cours" not in text
    assert reverse("observatory:panorama", args=[campaign.slug]) in text
    # The link names what it leads to once, the campaign's name being just above it.
    assert "Lire le panorama complet" in text
    assert "panorama Panorama" not in text
    assert 'data-code="beneficiaries">200<' in text
    assert 'data-code="relays">non transmis<' in text
    # Breakdowns stay on the panorama's page.
    assert 'data-code="mcac"' not in text


def test_welcome_counts_the_structures_of_the_map(client, occitanie, hauts_de_france):
    StructureFactory(commune=occitanie["toulouse"])
    StructureFactory(commune=hauts_de_france["lille"])
    StructureFactory(commune=None)  # no position: not on the map
    text = unescape(client.get(WELCOME).content.decode())
    assert 'data-count="located">2<' in text
    assert 'data-count="regions">2<' in text
    assert reverse("www:map") in text


def test_welcome_query_count_does_not_grow(
    client, django_assert_max_num_queries, occitanie, hauts_de_france
):
    def page_queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(WELCOME).status_code == 200
        return len(queries)

    CallFactory(open_now=True)
    structures = [StructureFactory(pole=True, commune=occitanie["toulouse"])]
    campaign_with_beneficiaries(structures, published=True)
    few = page_queries()
    for _ in range(3):
        CallFactory(open_now=True)
        StructureFactory(commune=hauts_de_france["lille"])
    assert page_queries() == few
    # Cached: a second visit skips the consolidation.
    with django_assert_max_num_queries(few):
        client.get(WELCOME)
