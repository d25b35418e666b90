"""Journey: a regional coordinator signs in and reaches the private structures of its perimeter."""

import re

from playwright.sync_api import expect

from tests.accounts.factories import applicant, coordinator
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.network.factories import StructureFactory


def test_coordinator_signs_in_and_sees_its_perimeter(open_page, territories, assert_accessible):
    """A coordinator signs in with its e-mail typed in another case; its home names its région
    and lists a private (unlisted) structure of its perimeter, but not one outside it; the
    private structure's page opens with its reserved information. An applicant of another
    structure, signed in, gets the 404 page for that same address. Login, home, structure
    and 404 pages pass axe-core; no CSP violation anywhere."""
    coordinator(
        region=territories["occitanie"], email="claire.dupont@example.org", first_name="Claire"
    )
    StructureFactory(
        name="Ville de Montpellier", applicant_commune=True, commune=territories["montpellier"]
    )
    StructureFactory(name="Ville de Lille", applicant_commune=True, commune=territories["lille"])
    applicant(email="paul.martin@example.org")
    private_url = "/structures/ville-de-montpellier/"

    page = open_page()
    page.goto("/compte/connexion/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
    assert_accessible(page)
    sign_in(page, "Claire.DUPONT@Example.ORG")

    expect(page).to_have_url(re.compile(r"/accueil/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Claire")
    perimeter = page.get_by_role("region", name="Coordination régionale : votre périmètre")
    expect(perimeter.locator("dd").first).to_have_text("Occitanie")
    expect(perimeter).to_contain_text("Haute-Garonne (31), Hérault (34)")
    expect(
        perimeter.get_by_role("link", name="Ville de Montpellier", exact=True)
    ).to_have_attribute("href", private_url)
    expect(page.get_by_text("Ville de Lille")).to_have_count(0)
    page.screenshot(path="/tmp/e2e-coordinator-home.png", full_page=True)
    assert_accessible(page)

    perimeter.get_by_role("link", name="Ville de Montpellier", exact=True).click()
    expect(page).to_have_url(re.compile(f"{private_url}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ville de Montpellier")
    reserved = page.get_by_role("region", name="Informations réservées")
    expect(reserved).to_contain_text("non, visible seulement des personnes habilitées")
    assert_accessible(page)
    assert_clean_console(page)

    other = open_page()
    sign_in(other, "paul.martin@example.org")
    expect(other).to_have_url(re.compile(r"/accueil/$"))
    response = other.goto(private_url)
    assert response.status == 404
    expect(other.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(other.get_by_text("Ville de Montpellier")).to_have_count(0)
    assert_accessible(other)
    assert_clean_console(other, allowed=(private_url,))
