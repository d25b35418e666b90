from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory
from tests.www.conftest import assert_csp_compliant

LOGIN = reverse("accounts:login")


def post_login(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def test_login_page_asks_for_an_email_address(client):
    """The identifier is an e-mail address, labelled as such."""
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Adresse e-mail" in response.text
    assert 'type="email"' in response.text
    assert 'autocomplete="current-password"' in response.text
    assert_csp_compliant(response)


def test_login_by_email_is_case_insensitive(client):
    """Whatever the case typed, the account is found and the user lands on its home page."""
    user = UserFactory(email="lea.petit@example.org")
    response = post_login(client, "Lea.Petit@EXAMPLE.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("www:home")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_is_refused_with_a_clear_message(client):
    """A wrong password keeps the user out and says what went wrong, without saying which."""
    UserFactory(email="lea.petit@example.org")
    response = post_login(client, "lea.petit@example.org", "not-the-password")
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in unescape(response.text)
    assert "_auth_user_id" not in client.session


def test_login_follows_next(client):
    """After signing in, the user goes back to the page it asked for."""
    UserFactory(email="lea.petit@example.org")
    response = post_login(client, "lea.petit@example.org", next=reverse("accounts:profile"))
    assert response["Location"] == reverse("accounts:profile")


def test_login_switches_to_the_users_language(client):
    """A user who prefers English is sent to the English pages, with the language cookie set."""
    UserFactory(email="jane@example.org", language="en")
    response = post_login(client, "jane@example.org")
    assert response["Location"] == "/en/accueil/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Hello" in client.get(response["Location"]).text


def test_logout_is_a_post_and_goes_to_the_directory(client, login):
    """Signing out is a POST (a link could be triggered by a third party)."""
    client = login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("www:directory")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url_name", ["www:home", "accounts:profile", "accounts:password_change"])
def test_personal_pages_require_signing_in(client, url_name):
    """LoginRequiredMiddleware sends anonymous visitors to the login page."""
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
