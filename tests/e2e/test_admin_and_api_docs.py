"""The administration and the API documentation pass axe-core: the superuser's admin index,
a list, a change form, and the API docs; and the superuser's menu fits in one bar at 1280 px."""

import re

from playwright.sync_api import expect

from tests.accounts.factories import UserFactory
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.network.factories import StructureFactory


def superuser():
    return UserFactory(
        email="admin.e2e@example.org", is_superuser=True, is_staff=True, first_name="Ada"
    )


def test_admin_pages_pass_axe(page, assert_accessible):
    user = superuser()
    structure = StructureFactory(name="Cinéma Le Cratère")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, user.email)
    page.goto("/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto("/admin/network/structure/")
    expect(page.get_by_role("link", name="Cinéma Le Cratère")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/admin/network/structure/{structure.pk}/change/")
    expect(page.locator("#id_name")).to_have_value("Cinéma Le Cratère")
    assert_accessible(page)
    # Not checked here: Django's admin scripts set a few inline styles that the Content
    # Security Policy blocks (the pages stay usable); that is the admin's own matter.
    assert page.foreign_requests == [], page.foreign_requests


def test_api_docs_pass_axe_at_1280_and_390(page, assert_accessible):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/api/v1/docs/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    # Its wide tables scroll in regions the keyboard reaches.
    region = page.get_by_role("region", name="Réponses").first
    expect(region).to_have_attribute("tabindex", "0")
    assert_clean_console(page)


def test_superuser_menu_fits_in_one_bar_at_1280(page, assert_accessible):
    """Every item of a superuser's menu is visible on one line of the bar; the account's pages
    (profile, administration, sign out) are in the "Mon compte" menu."""
    user = superuser()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, user.email)
    page.goto("/accueil/")
    nav = page.locator("#site-nav")
    expect(nav).to_be_visible()
    tops = page.eval_on_selector_all(
        "#site-nav > ul > li", "items => items.map(item => item.getBoundingClientRect().top)"
    )
    assert len(tops) >= 8
    assert max(tops) - min(tops) < 12, tops  # one line
    brand = page.locator(".navbar-brand").bounding_box()
    bar = page.locator(".site-header .navbar").bounding_box()
    assert bar["height"] < brand["height"] * 2.5, bar
    page.get_by_role("button", name="Mon compte").click()
    expect(page.get_by_role("link", name="Administration", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Profil", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Déconnexion").click()
    expect(page).to_have_url(re.compile(r"/$|/compte/connexion/"))
