"""Journey: a visitor explores the network map, by mouse, by keyboard, and through its table.

The map shows the structures gathered by département, then, zoomed in, by commune; a commune's
popup lists its structures."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_clean_console
from tests.network.factories import StructureFactory

MAP = "#network-map"
DEPARTEMENTS = "#network-map .map-count-departement"
COMMUNES = "#network-map .map-count-commune"
POPUP = "#network-map .leaflet-popup-content"
POPUP_SHOWN = """() => {
  const popups = document.querySelectorAll("#network-map .leaflet-popup");
  return popups.length === 1 && getComputedStyle(popups[0]).opacity === "1";
}"""


def labels(page, selector: str) -> set[str]:
    return {marker.get_attribute("aria-label") for marker in page.locator(selector).all()}


def table_names(page) -> set[str]:
    return set(page.locator("table tbody tr td:first-child a").all_inner_texts())


def test_map_gathers_structures_by_departement_then_commune(page, territories, assert_accessible):
    """The national view has one point per département with structures on the map (their own
    position or their commune's), overlapping points clustered with the sum of their
    structures; activating a département zooms into its communes, and a commune's popup lists
    its structures with links. Mouse and keyboard alike; the accessible table lists the
    structures one by one; the région filter narrows both. No console error, no CSP
    violation, no request to another origin (tiles are off in tests), and axe-core passes."""
    StructureFactory(
        name="Cinéma Le Cratère",
        commune=territories["toulouse"],
        latitude=43.5953,
        longitude=1.4526,
    )
    StructureFactory(name="La Trame", pole=True, commune=territories["montpellier"])
    StructureFactory(name="Ciné Nord", commune=territories["lille"])
    StructureFactory(name="Cinéma du Nord", commune=territories["lille"])
    StructureFactory(name="Sans adresse", commune=None)
    StructureFactory(
        name="Ville de Toulouse", applicant_commune=True, commune=territories["toulouse"]
    )

    page.goto("/carte/")
    map_element = page.locator(MAP)
    expect(map_element).to_have_attribute("data-loaded", "true")
    expect(map_element).to_have_attribute("data-level", "departements")
    nord = page.get_by_role("button", name="Nord : 2 structures, zoomer sur le département")
    expect(nord).to_have_text("2")
    # Haute-Garonne and Hérault are close at this zoom: one cluster holding both.
    expect(page.locator("#network-map .map-count-cluster")).to_have_text("2")
    located = {"Cinéma Le Cratère", "La Trame", "Ciné Nord", "Cinéma du Nord"}
    assert table_names(page) == located
    expect(page.get_by_role("status").first).to_contain_text("4 structures sur la carte")
    expect(page.get_by_role("status").first).to_contain_text(
        "1 autre structure sans position connue"
    )
    page.screenshot(path="/tmp/e2e-map.png", full_page=True)
    assert_accessible(page)

    # By mouse: into the Nord, then Lille's list.
    nord.click()
    expect(map_element).to_have_attribute("data-level", "communes")
    lille = page.get_by_role("button", name="Lille : 2 structures")
    lille.click()
    popup = page.locator(POPUP)
    expect(popup.get_by_role("link")).to_have_text(["Ciné Nord", "Cinéma du Nord"])
    expect(popup).to_contain_text("Acteur culturel : 2")
    page.wait_for_function(POPUP_SHOWN)  # contrast is only meaningful once it has faded in
    page.screenshot(path="/tmp/e2e-map-popup.png")
    assert_accessible(page)
    assert_clean_console(page)

    # By keyboard: a cluster opens up; then, on a région's map (the page's filter), a
    # département, then a commune.
    page.goto("/carte/")
    page.locator("#network-map .map-count-cluster").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=re.compile("^Hérault : 1 structure"))).to_be_visible()
    page.get_by_label("Région").select_option(label="Occitanie")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"/carte/\?kind=&region=76$"))
    expect(map_element).to_have_attribute("data-loaded", "true")
    expect(page.locator(DEPARTEMENTS)).to_have_count(2)  # fitted to Occitanie: apart
    assert labels(page, DEPARTEMENTS) == {
        "Haute-Garonne : 1 structure, zoomer sur le département",
        "Hérault : 1 structure, zoomer sur le département",
    }
    assert table_names(page) == {"Cinéma Le Cratère", "La Trame"}
    assert_accessible(page)
    page.get_by_role(
        "button", name="Haute-Garonne : 1 structure, zoomer sur le département"
    ).focus()
    page.keyboard.press("Enter")
    expect(map_element).to_have_attribute("data-level", "communes")
    toulouse = page.get_by_role("button", name="Toulouse : 1 structure")
    toulouse.focus()
    page.keyboard.press("Enter")
    link = popup.get_by_role("link", name="Cinéma Le Cratère")
    expect(link).to_have_attribute("href", "/structures/cinema-le-cratere/")
    page.wait_for_function(POPUP_SHOWN)
    assert_accessible(page)
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/structures/cinema-le-cratere/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cinéma Le Cratère")
    assert_clean_console(page)


def test_a_communes_long_list_comes_a_page_at_a_time(page, territories, assert_accessible):
    """A commune with more structures than a page: the popup's button brings the next ones
    and moves the focus to the first of them."""
    for number in range(23):
        StructureFactory(name=f"Lieu {number:02d}", commune=territories["toulouse"])

    page.goto("/carte/?region=76")
    page.get_by_role(
        "button", name="Haute-Garonne : 23 structures, zoomer sur le département"
    ).click()
    page.get_by_role("button", name="Toulouse : 23 structures").click()
    popup = page.locator(POPUP)
    expect(popup.get_by_role("link")).to_have_count(20)
    popup.get_by_role("button", name="Afficher plus de structures").click()
    expect(popup.get_by_role("link")).to_have_count(23)
    expect(popup.get_by_role("link", name="Lieu 20")).to_be_focused()
    expect(popup.get_by_role("button", name="Afficher plus de structures")).to_be_hidden()
    page.wait_for_function(POPUP_SHOWN)
    assert_accessible(page)
    assert_clean_console(page)
