from datetime import timedelta
from html import unescape

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from lanterne.accounts.throttling import client_address
from tests.accounts.factories import PASSWORD, UserFactory

LOGIN = reverse("accounts:login")


def test_five_failures_lock_the_login_for_an_hour(client):
    """After five wrong passwords, even the right one is refused, with the lockout page."""
    UserFactory(email="lea.petit@example.org")
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
    assert response.status_code == 429
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": PASSWORD})
    assert response.status_code == 429
    text = unescape(response.text)
    assert "Trop de tentatives de connexion" in text
    assert "Réessayez dans une heure." in text
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account(client):
    """Failures on one account do not lock another one from the same address."""
    UserFactory(email="lea.petit@example.org")
    UserFactory(email="other@example.org")
    for _ in range(5):
        client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
    response = client.post(LOGIN, {"username": "other@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_success_resets_the_failure_count(client):
    """A successful login forgets the earlier failures."""
    UserFactory(email="lea.petit@example.org")
    for _ in range(3):
        client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


def test_case_variants_of_the_address_count_as_one_account(client):
    """Typing the address in another case does not give five more attempts."""
    UserFactory(email="lea.petit@example.org")
    for variant in [
        "lea.petit@example.org",
        "Lea.Petit@example.org",
        "LEA.PETIT@example.org",
        "lea.PETIT@example.org",
        "Lea.petit@Example.org",
    ]:
        client.post(LOGIN, {"username": variant, "password": "x"})
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": PASSWORD})
    assert response.status_code == 429


def test_password_reset_lifts_the_lockout(client):
    """Whoever sets a new password through the e-mailed link can sign in again at once."""
    import re

    from django.core import mail

    UserFactory(email="lea.petit@example.org")
    for _ in range(5):
        client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
    client.post(reverse("accounts:password_reset"), {"email": "lea.petit@example.org"})
    link = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    new = "un-nouveau-mot-de-passe-solide"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": new})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="lea.petit@example.org").exists()


def _fail(client, email, address, **extra):
    return client.post(LOGIN, {"username": email, "password": "x"}, REMOTE_ADDR=address, **extra)


def test_a_user_is_not_locked_out_by_failures_from_another_address(client):
    """Someone guessing a user's password from elsewhere does not lock the user out."""
    UserFactory(email="lea.petit@example.org")
    for _ in range(8):
        _fail(client, "lea.petit@example.org", "198.51.100.7")
    response = client.post(
        LOGIN,
        {"username": "lea.petit@example.org", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.20",
    )
    assert response.status_code == 302


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=12)
def test_spraying_many_accounts_from_one_address_is_stopped(client):
    """Two wrong passwords on each of many accounts (below the per-account limit) from one
    address: past LOGIN_ADDRESS_FAILURE_LIMIT failures, that address can no longer sign in at
    all, while other addresses can."""
    victims = [UserFactory(email=f"victim{n}@example.org") for n in range(6)]
    for victim in victims:
        for _ in range(2):
            assert _fail(client, victim.email, "198.51.100.7").status_code == 200
    response = client.post(
        LOGIN, {"username": victims[0].email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in unescape(response.text)
    assert "_auth_user_id" not in client.session
    response = client.post(
        LOGIN, {"username": victims[0].email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.20"
    )
    assert response.status_code == 302


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=12)
def test_the_address_cap_ends_with_the_cool_off(client, time_machine):
    """The address is let in again once the counting hour is over."""
    time_machine.move_to("2026-03-02 09:00:00+01:00", tick=False)
    user = UserFactory()
    for n in range(12):
        _fail(client, f"nobody{n}@example.org", "198.51.100.7")
    login = {"username": user.email, "password": PASSWORD}
    assert client.post(LOGIN, login, REMOTE_ADDR="198.51.100.7").status_code == 429
    time_machine.shift(timedelta(hours=1))
    assert client.post(LOGIN, login, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_a_shared_address_stays_open_below_the_cap(client):
    """A school's proxy with many users mistyping now and then is not locked by the cap."""
    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT >= 5 * settings.AXES_FAILURE_LIMIT
    user = UserFactory()
    for n in range(20):
        _fail(client, f"pupil{n}@example.org", "198.51.100.7")
    response = client.post(
        LOGIN, {"username": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=6)
def test_the_token_endpoint_shares_the_address_cap(client):
    """Spraying the API's token endpoint counts against the same address, page or API."""
    from rest_framework.test import APIClient

    api = APIClient()
    user = UserFactory()
    for n in range(3):
        _fail(client, f"nobody{n}@example.org", "198.51.100.7")
    for n in range(3):
        response = api.post(
            "/api/v1/auth/token/",
            {"email": f"other{n}@example.org", "password": "x"},
            REMOTE_ADDR="198.51.100.7",
        )
        assert response.status_code == 400
    response = api.post(
        "/api/v1/auth/token/",
        {"email": user.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 403


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client):
    """By default (TRUSTED_PROXY_COUNT=0) a client cannot escape the lockout by writing a new
    X-Forwarded-For on each attempt."""
    assert settings.TRUSTED_PROXY_COUNT == 0
    UserFactory(email="lea.petit@example.org")
    for n in range(5):
        _fail(client, "lea.petit@example.org", "198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = client.post(
        LOGIN,
        {"username": "lea.petit@example.org", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )
    assert response.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_client_address_is_the_one_it_saw(client):
    """Behind one proxy (nginx), clients are told apart by the address the proxy appended,
    whatever they put in the header themselves."""
    UserFactory(email="lea.petit@example.org")
    for _ in range(5):
        _fail(
            client,
            "lea.petit@example.org",
            "127.0.0.1",
            HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7",
        )
    login = {"username": "lea.petit@example.org", "password": PASSWORD}
    locked = client.post(
        LOGIN, login, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )
    assert locked.status_code == 429
    other = client.post(LOGIN, login, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.20", "127.0.0.1"),
        (1, "", "127.0.0.1"),
        (1, "203.0.113.20", "203.0.113.20"),
        (1, "10.9.9.9, 203.0.113.20", "203.0.113.20"),
        (2, "10.9.9.9, 203.0.113.20, 192.0.2.1", "203.0.113.20"),
        (2, "203.0.113.20", "203.0.113.20"),
    ],
)
def test_client_address(rf, settings, proxies, forwarded, expected):
    """The client is the address the farthest trusted proxy received the request from."""
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
