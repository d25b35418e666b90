"""Journey: an anonymous visitor searches the public directory and opens a structure's page."""

import re

from playwright.sync_api import expect

from lanterne.network.enums import StructureKind, StructureSubkind
from tests.e2e.conftest import assert_clean_console
from tests.network.factories import StructureFactory


def result_names(page) -> set[str]:
    return set(page.locator("#directory-results h3 a").all_inner_texts())


def test_visitor_searches_by_name_and_by_type_and_region(page, territories, assert_accessible):
    """Searching by name, then by type + région (combined: AND), shows exactly the listed
    structures that match; the results are replaced in place (htmx) and the URL follows; a
    structure left out of the public directory never appears, even searched by its own name;
    a result opens the structure's page. Every page state passes axe-core, with no CSP
    violation."""
    StructureFactory(
        name="Cinéma Le Cratère",
        subkind=StructureSubkind.CINEMA,
        commune=territories["toulouse"],
    )
    StructureFactory(
        name="Cinéma L'Univers", subkind=StructureSubkind.CINEMA, commune=territories["lille"]
    )
    StructureFactory(name="Regards Croisés", commune=territories["montpellier"])
    StructureFactory(name="La Trame", pole=True, commune=territories["montpellier"])
    # Would match both searches if it were listed.
    StructureFactory(
        name="Cinéma municipal confidentiel",
        subkind=StructureSubkind.CINEMA,
        commune=territories["toulouse"],
        unlisted=True,
    )

    page.goto("/annuaire/")
    expect(page.locator("#directory-count")).to_have_text("4 structures trouvées")
    assert result_names(page) == {
        "Cinéma Le Cratère",
        "Cinéma L'Univers",
        "Regards Croisés",
        "La Trame",
    }
    assert_accessible(page)
    # Set on this document: still there after the search if htmx replaced the results in place.
    page.evaluate("window.__sameDocument = true")

    search = page.get_by_label("Nom, sigle ou commune")
    search.fill("cinéma")
    search.press("Enter")
    expect(page.locator("#directory-count")).to_have_text("2 structures trouvées")
    assert result_names(page) == {"Cinéma Le Cratère", "Cinéma L'Univers"}
    expect(page).to_have_url(re.compile(r"/annuaire/\?q=cin%C3%A9ma&"))
    assert page.evaluate("window.__sameDocument") is True
    assert_accessible(page)

    search.fill("confidentiel")
    search.press("Enter")
    expect(page.locator("#directory-count")).to_have_text(
        "Aucune structure ne correspond à votre recherche."
    )
    expect(page.locator("#directory-results li")).to_have_count(0)

    search.fill("")
    page.get_by_label("Type", exact=True).select_option(StructureKind.CULTURAL_ACTOR)
    page.get_by_label("Région").select_option(label="Occitanie")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#directory-count")).to_have_text("2 structures trouvées")
    assert result_names(page) == {"Cinéma Le Cratère", "Regards Croisés"}
    expect(page).to_have_url(re.compile(r"kind=cultural_actor.*region=76"))
    assert page.evaluate("window.__sameDocument") is True
    page.screenshot(path="/tmp/e2e-directory-filtered.png", full_page=True)
    assert_accessible(page)
    assert_clean_console(page)

    page.get_by_role("link", name="Cinéma Le Cratère").click()
    expect(page).to_have_url(re.compile(r"/structures/cinema-le-cratere/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cinéma Le Cratère")
    expect(page.get_by_text("Toulouse — Haute-Garonne (31), Occitanie")).to_be_visible()
    expect(page.locator("#structure-map .leaflet-marker-icon")).to_have_count(1)
    page.screenshot(path="/tmp/e2e-structure.png", full_page=True)
    assert_accessible(page)
    assert_clean_console(page)
