"""Journey: a keyboard user switches the site to English and back with the header control."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_clean_console
from tests.network.factories import StructureFactory

# Skip link, brand, Annuaire, Carte, Se connecter, then the language control: a few more
# stops would still be fine, many more would mean the control is hard to reach.
MAX_TABS = 10
FRENCH_DIRECTORY = re.compile(r"^http://[^/]+/annuaire/\?q=trame$")
ENGLISH_DIRECTORY = re.compile(r"^http://[^/]+/en/annuaire/\?q=trame$")


def tab_to(page, selector: str) -> None:
    """Press Tab until `selector` has the focus (the page is used with the keyboard only)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached in {MAX_TABS} presses of Tab")


def switch_to_english(page):
    page.goto("/annuaire/?q=trame")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    tab_to(page, "button[lang=en]")
    expect(page.locator(":focus")).to_have_text("English")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert ENGLISH_DIRECTORY.match(page.url), page.url


def test_keyboard_user_switches_to_english(page, territories, assert_accessible):
    """From the French directory, Tab reaches the language control and Enter switches the
    page to English: `html[lang=en]`, English headings, labels and type names, URL under
    /en/ with the search kept, links to English pages. The English page passes axe-core;
    no CSP violation."""
    StructureFactory(name="La Trame", pole=True, commune=territories["montpellier"])

    switch_to_english(page)

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Network directory")
    expect(page.get_by_role("button", name="Search", exact=True)).to_be_visible()
    expect(page.locator("#directory-count")).to_have_text("1 structure found")
    expect(page.locator("#directory-results")).to_contain_text("Regional image-education hub")
    expect(page.get_by_role("link", name="La Trame")).to_have_attribute(
        "href", "/en/structures/la-trame/"
    )
    page.screenshot(path="/tmp/e2e-directory-en.png", full_page=True)
    assert_accessible(page)
    assert_clean_console(page)


def test_keyboard_user_switches_back_to_french(page, territories):
    """From the English directory, Tab reaches the control again and Space switches the page
    back to French, at the unprefixed URL, search kept."""
    StructureFactory(name="La Trame", pole=True, commune=territories["montpellier"])
    switch_to_english(page)

    tab_to(page, "button[lang=fr]")
    expect(page.locator(":focus")).to_have_text("Français")
    with page.expect_navigation():
        page.keyboard.press("Space")

    # The navigation is over: the address will not change any more.
    assert FRENCH_DIRECTORY.match(page.url), page.url
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire du réseau")
    expect(page.locator("#directory-count")).to_have_text("1 structure trouvée")
    assert_clean_console(page)
