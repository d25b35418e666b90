"""Journey: a regional coordinator enrols its second factor at its first sign-in, signs in again
with a code, and reaches the private structures of its perimeter."""

import re
import time
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.accounts.factories import applicant, coordinator
from tests.e2e.conftest import (
    assert_clean_console,
    give_totp_code,
    sign_in,
    sign_in_with_password,
)
from tests.network.factories import StructureFactory


def _code_from_key(shown_key: str) -> str:
    """What an authenticator application shows for the key typed from the page."""
    totp = TOTP(b32decode(shown_key.replace(" ", "")))
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_coordinator_enrols_then_signs_in_with_a_code(open_page, territories, assert_accessible):
    """At its first sign-in, a coordinator (who must have a second factor) is taken from the
    password to the enrolment page, and cannot go elsewhere; it types the page's key into its
    application, confirms with the code, notes its recovery codes and lands on its home. Signed
    out, it signs in again with the password and a code. Enrolment, recovery codes and code
    pages pass axe-core; no CSP violation anywhere."""
    user = coordinator(
        region=territories["occitanie"], email="claire.dupont@example.org", first_name="Claire"
    )
    page = open_page()
    sign_in_with_password(page, "claire.dupont@example.org")
    expect(page).to_have_url(re.compile(r"/compte/double-authentification/activation/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Activer la double authentification")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    page.screenshot(path="/tmp/e2e-two-factor-enrol.png", full_page=True)
    assert_accessible(page)
    page.goto("/dossiers/")
    expect(page).to_have_url(re.compile(r"/activation/\?next=%2Fdossiers%2F$"))

    key = page.locator("#totp-secret").inner_text()
    code = page.get_by_label("Code à 6 chiffres")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_attribute("inputmode", "numeric")
    code.fill("000000" if _code_from_key(key) != "000000" else "111111")
    page.get_by_role("button", name="Activer").click()
    expect(page.locator("#id_code_error")).to_contain_text(
        "Ce code ne correspond pas au QR code affiché"
    )
    assert page.locator("#totp-secret").inner_text() == key
    assert_accessible(page)
    page.get_by_label("Code à 6 chiffres").fill(_code_from_key(key))
    page.get_by_role("button", name="Activer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vos codes de secours")
    expect(page.get_by_role("list", name="Codes de secours").get_by_role("listitem")).to_have_count(
        10
    )
    page.screenshot(path="/tmp/e2e-two-factor-codes.png", full_page=True)
    assert_accessible(page)
    page.get_by_role("link", name="J'ai noté mes codes, continuer").click()
    expect(page).to_have_url(re.compile(r"/dossiers/$"))
    assert TOTPDevice.objects.get(user=user).confirmed

    page.get_by_role("button", name="Mon compte").click()
    page.get_by_role("button", name="Déconnexion").click()
    sign_in_with_password(page, "claire.dupont@example.org")
    expect(page).to_have_url(re.compile(r"/compte/double-authentification/verification/"))
    assert_accessible(page)
    give_totp_code(page, TOTPDevice.objects.get(user=user))
    expect(page).to_have_url(re.compile(r"/accueil/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Claire")
    assert_clean_console(page)


def test_coordinator_signs_in_and_sees_its_perimeter(open_page, territories, assert_accessible):
    """A coordinator signs in with its e-mail typed in another case (then its code); its home
    names its région and lists a private (unlisted) structure of its perimeter, but not one
    outside it; the private structure's page opens with its reserved information. An applicant
    of another structure, signed in with its password alone, gets the 404 page for that same
    address. Login, home, structure and 404 pages pass axe-core; no CSP violation anywhere."""
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
