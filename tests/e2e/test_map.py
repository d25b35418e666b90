"""Journey: a visitor explores the network map, by mouse, by keyboard, and through its table."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_clean_console
from tests.network.factories import StructureFactory

MARKERS = "#network-map .leaflet-marker-icon"
POPUP_SHOWN = """() => {
  const popups = document.querySelectorAll("#network-map .leaflet-popup");
  return popups.length === 1 && getComputedStyle(popups[0]).opacity === "1";
}"""


def marker_names(page) -> set[str]:
    return {marker.get_attribute("title") for marker in page.locator(MARKERS).all()}


def table_names(page) -> set[str]:
    return set(page.locator("table tbody tr td:first-child a").all_inner_texts())


def test_map_shows_one_marker_per_located_structure(page, territories, assert_accessible):
    """The map draws one marker per visible structure that has a position (its own or its
    commune's), and the accessible table lists the same structures; a marker, clicked or
    activated with the keyboard, opens a popup linking to the structure's page; the région
    filter narrows both. No console error, no CSP violation, no request to another origin
    (tiles are off in tests), and axe-core passes."""
    StructureFactory(
        name="Cinéma Le Cratère",
        commune=territories["toulouse"],
        latitude=43.5953,
        longitude=1.4526,
    )
    StructureFactory(name="La Trame", pole=True, commune=territories["montpellier"])
    StructureFactory(name="Ciné Nord", commune=territories["lille"])
    StructureFactory(name="Sans adresse", commune=None)
    StructureFactory(
        name="Ville de Toulouse", applicant_commune=True, commune=territories["toulouse"]
    )

    page.goto("/carte/")
    expect(page.locator(MARKERS)).to_have_count(3)
    located = {"Cinéma Le Cratère", "La Trame", "Ciné Nord"}
    assert marker_names(page) == located
    assert table_names(page) == located
    expect(page.get_by_role("status")).to_contain_text("3 structures sur la carte")
    expect(page.get_by_role("status")).to_contain_text("1 autre structure sans position connue")
    page.screenshot(path="/tmp/e2e-map.png", full_page=True)
    assert_accessible(page)

    page.locator(MARKERS).and_(page.get_by_title("La Trame")).click()
    popup = page.locator("#network-map .leaflet-popup-content")
    expect(popup.get_by_role("link", name="La Trame")).to_have_attribute(
        "href", "/structures/la-trame/"
    )
    expect(popup).to_contain_text("Position approximative (centre de la commune)")
    # Colour contrast is only meaningful once the popup's fade-in is over.
    page.wait_for_function(POPUP_SHOWN)
    page.screenshot(path="/tmp/e2e-map-popup.png")
    assert_accessible(page)

    page.locator(MARKERS).and_(page.get_by_title("Cinéma Le Cratère")).focus()
    page.keyboard.press("Enter")
    expect(popup.get_by_role("link", name="Cinéma Le Cratère")).to_be_visible()
    page.wait_for_function(POPUP_SHOWN)  # the first popup has faded out
    expect(popup).not_to_contain_text("Position approximative")
    popup.get_by_role("link", name="Cinéma Le Cratère").click()
    expect(page).to_have_url(re.compile(r"/structures/cinema-le-cratere/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cinéma Le Cratère")
    assert_clean_console(page)

    page.goto("/carte/")
    page.get_by_label("Région").select_option(label="Occitanie")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"/carte/\?kind=&region=76$"))
    expect(page.locator(MARKERS)).to_have_count(2)
    assert marker_names(page) == table_names(page) == {"Cinéma Le Cratère", "La Trame"}
    assert_accessible(page)
    assert_clean_console(page)
