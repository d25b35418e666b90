"""Every page: CSP-compliant, French at `/`, English at `/en/`, Lanterne's own error pages."""

from html import unescape

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.accounts.factories import applicant, coordinator, network_admin
from tests.network.factories import StructureFactory
from tests.www.conftest import assert_csp_compliant

PUBLIC_PAGES = [
    "/",
    "/annuaire/",
    "/carte/",
    "/structures/la-trame/",
    "/compte/connexion/",
    "/compte/mot-de-passe/oubli/",
    "/compte/mot-de-passe/oubli/envoye/",
    "/compte/mot-de-passe/nouveau/termine/",
    "/compte/mot-de-passe/nouveau/MQ/bad-token/",
]
PRIVATE_PAGES = [
    "/accueil/",
    "/annuaire/",
    "/structures/la-trame/",
    "/compte/profil/",
    "/compte/mot-de-passe/",
]


@pytest.fixture
def trame():
    return StructureFactory(name="La Trame", slug="la-trame", latitude=43.6, longitude=1.45)


@pytest.mark.parametrize("language_prefix", ["", "/en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_csp_compliant(client, trame, path, language_prefix):
    """No inline script or style anywhere (the policy would block them), and the header is set."""
    response = client.get(language_prefix + path, follow=True)
    assert response.status_code == 200
    assert_csp_compliant(response)


@pytest.mark.parametrize("make_user", [applicant, coordinator, network_admin])
@pytest.mark.parametrize("path", PRIVATE_PAGES)
def test_signed_in_pages_are_csp_compliant(login, trame, path, make_user):
    response = login(make_user()).get(path)
    assert response.status_code == 200
    assert_csp_compliant(response)


def test_layout_landmarks_and_navigation(client, login):
    """Skip link, labelled navigation, main landmark, footer with the data sources."""
    text = client.get("/annuaire/").text
    assert '<html lang="fr">' in text
    assert 'href="#main"' in text
    assert '<main id="main"' in text
    assert 'aria-label="Navigation principale"' in text
    assert 'aria-current="page"' in text
    assert "Code officiel géographique de l&#x27;INSEE" in text or (
        "Code officiel géographique de l'INSEE" in text
    )
    assert "Licence Ouverte" in text
    assert reverse("accounts:login") in text
    assert "Déconnexion" not in text

    signed_in = login(network_admin()).get("/annuaire/").text
    assert "Déconnexion" in signed_in
    assert f'action="{reverse("accounts:logout")}"' in signed_in
    assert reverse("www:home") in signed_in
    assert reverse("accounts:profile") in signed_in
    assert reverse("admin:index") not in signed_in


def test_staff_get_the_administration_link(login):
    user = network_admin(is_staff=True)
    assert reverse("admin:index") in login(user).get("/annuaire/").text


def test_language_switcher_posts_to_set_language_with_next(client):
    """The switcher is a labelled POST form to set_language that returns to the same page."""
    text = client.get("/annuaire/?q=trame").text
    assert f'action="{reverse("set_language")}"' in text
    assert 'aria-label="Langue du site"' in text
    assert 'name="next" value="/annuaire/?q=trame"' in text
    assert 'name="language" value="en"' in text


def test_switching_to_english_redirects_to_the_english_page(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/annuaire/?q=trame"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/annuaire/?q=trame"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_switching_back_to_french_from_an_english_page(client):
    """From an English page the switcher posts under /en/ and lands on the French page."""
    english = client.get("/en/annuaire/?q=trame").text
    assert 'action="/en/i18n/setlang/"' in english
    response = client.post("/en/i18n/setlang/", {"language": "fr", "next": "/en/annuaire/?q=trame"})
    assert response.status_code == 302
    assert response["Location"] == "/annuaire/?q=trame"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_directory_search_by_htmx_refreshes_the_language_return_url(client):
    """After an htmx search, switching language keeps the search (the next URL follows)."""
    response = client.get("/annuaire/", {"q": "trame"}, headers={"HX-Request": "true"})
    assert 'id="language-next" name="next" value="/annuaire/?q=trame" hx-swap-oob="true"' in (
        response.text
    )
    assert "Effacer les filtres" in response.text


def test_english_directory_is_in_english(client, trame):
    """`/en/annuaire/` renders the English interface, with the html lang attribute set."""
    text = unescape(client.get("/en/annuaire/").text)
    assert '<html lang="en">' in text
    assert "Network directory" in text
    assert "1 structure found" in text
    assert "Annuaire du réseau" not in text
    assert "All types" in text
    assert "cultural actor" in text.lower()


def test_french_is_the_default_language(client):
    text = client.get("/annuaire/").text
    assert '<html lang="fr">' in text
    assert "Annuaire du réseau" in text


def test_404_page_is_lanternes_own(client):
    response = client.get("/structures/nothing-here/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert_csp_compliant(response)
    english = client.get("/en/structures/nothing-here/")
    assert "Page not found" in english.text


def test_500_page_renders_without_a_request():
    """The server-error page needs no context (Django renders it with none)."""
    html = render_to_string("500.html")
    assert "Une erreur s&#x27;est produite" in html or "Une erreur s'est produite" in html
    with translation.override("en"):
        assert "Something went wrong" in render_to_string("500.html")


def test_403_page(rf):
    html = render_to_string("403.html", request=rf.get("/"))
    assert "Accès refusé" in html


def test_csrf_failure_page_is_lanternes_own(trame):
    """A form posted without its CSRF token gets a plain-language explanation."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "a@example.org"})
    assert response.status_code == 403
    assert "Le formulaire a expiré" in unescape(response.content.decode())
