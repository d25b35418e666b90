"""Journey: a visitor lands on the public home (open calls and their deadlines, the last
panorama's figures, the map's counts) and goes to the map, which shows France's régions with no
tile server and gathers many structures in clusters; axe-core at 1280 and 390 px."""

from django.contrib.auth.models import AnonymousUser
from playwright.sync_api import expect

from lanterne.network.selectors import ON_MAP, map_structures
from tests.calls.factories import CallFactory
from tests.e2e.conftest import assert_clean_console
from tests.network.factories import StructureFactory
from tests.observatory.factories import ReturnFactory, ValueFactory, campaign_with_beneficiaries

REGIONS = "#network-map .leaflet-lanterneBackground-pane path"
CLUSTERS = "#network-map .marker-cluster"


def test_public_home_shows_calls_panorama_and_map(page, territories, assert_accessible):
    CallFactory(title="Passeurs d'images en Occitanie", open_now=True)
    structures = [StructureFactory(pole=True, commune=territories["toulouse"])]
    campaign, indicators = campaign_with_beneficiaries(
        structures, published=True, name="Panorama 2024-2025"
    )
    value_return = ReturnFactory(campaign=campaign, structure=structures[0], accepted=True)
    ValueFactory(value_return=value_return, indicator=indicators["total"], amount=1234)
    StructureFactory(commune=territories["lille"])
    located = map_structures(AnonymousUser(), {}).filter(ON_MAP).count()

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        expect(page.get_by_role("link", name="Passeurs d'images en Occitanie")).to_be_visible()
        expect(page.get_by_text("Date limite de dépôt :").first).to_be_visible()
        expect(page.locator('[data-code="beneficiaries"]')).to_have_text("1\u202f234")
        expect(page.locator('[data-code="relays"]')).to_have_text("non transmis")
        expect(page.locator('[data-count="located"]')).to_have_text(str(located))
        page.screenshot(path=f"/tmp/e2e-public-home-{width}.png", full_page=True)
        assert_accessible(page)
    page.get_by_role("link", name="Voir la carte").last.click()
    expect(page).to_have_url(f"{page.url.split('/carte/')[0]}/carte/")
    assert_clean_console(page)


def test_map_draws_the_regions_without_tiles_and_clusters_many_markers(
    page, territories, assert_accessible
):
    """No tile server in tests: the régions are drawn (the map is never a grey box), with
    buttons to reach the overseas régions; 60 structures in two cities gather in two points."""
    for number in range(30):
        StructureFactory(name=f"Toulouse {number}", commune=territories["toulouse"])
        StructureFactory(name=f"Lille {number}", commune=territories["lille"])

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/carte/")
        map_element = page.locator("#network-map")
        expect(map_element).to_have_attribute("data-background-loaded", "true")
        assert page.locator(REGIONS).count() >= 13  # 13 metropolitan + 5 overseas régions
        expect(map_element).to_have_attribute("data-clustered", "true")
        expect(page.locator(CLUSTERS).first).to_be_visible()
        # Far fewer icons than structures: they are gathered.
        assert page.locator("#network-map .leaflet-marker-icon").count() < 10
        page.screenshot(path=f"/tmp/e2e-map-regions-{width}.png")
        assert_accessible(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    overseas = page.get_by_role("group", name="Aller en métropole ou outre-mer")
    overseas.get_by_role("button", name="La Réunion").click()
    expect(page.locator(CLUSTERS)).to_have_count(0)  # the view moved to the Indian Ocean
    overseas.get_by_role("button", name="Métropole").click()
    expect(page.locator(CLUSTERS).first).to_be_visible()
    page.wait_for_timeout(500)  # the end of the view's animation
    # Activating a département shows its communes.
    page.locator("#network-map .map-count-departement").first.click()
    expect(page.locator("#network-map .map-count-commune").first).to_be_visible(timeout=10000)
    assert_clean_console(page)
