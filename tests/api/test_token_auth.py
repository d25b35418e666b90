"""API tokens: obtained with an e-mail and a password, then sent as `Authorization: Token …`;
only their digest is stored, they expire, and they die with a new password or a deactivation."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from lanterne.accounts.models import ApiToken
from lanterne.accounts.tokens import api_token_create, digest_of
from tests.accounts.factories import (
    PASSWORD,
    UserFactory,
    applicant,
    coordinator,
    enrolled,
    totp_code,
)

TOKEN_URL = "/api/v1/auth/token/"


def token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_email_and_password_give_a_new_token(api):
    """Each exchange makes a token (whatever the e-mail's case); only its digest is kept."""
    user = UserFactory(email="ines@example.org")
    response = api.post(
        TOKEN_URL, {"email": "ines@example.org", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    key = response.json()["token"]
    token = ApiToken.objects.get(user=user)
    assert token.digest == digest_of(key) != key
    assert token.prefix == key[:8]
    assert not ApiToken.objects.filter(digest=key).exists()
    again = api.post(TOKEN_URL, {"email": "Ines@Example.org", "password": PASSWORD})
    assert again.status_code == 200
    assert again.json()["token"] != key
    assert ApiToken.objects.filter(user=user).count() == 2


def test_a_token_lasts_the_configured_number_of_days(api, time_machine):
    """A token expires API_TOKEN_LIFETIME_DAYS after it was made: then it is a 401."""
    time_machine.move_to("2026-03-01 10:00:00+01:00", tick=False)
    user = UserFactory(email="ines@example.org")
    response = api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD})
    key = response.json()["token"]
    expires = timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
    assert ApiToken.objects.get().expires_at == expires
    assert datetime.fromisoformat(response.json()["expires_at"]) == expires
    time_machine.move_to(expires - timedelta(seconds=1), tick=False)
    assert token_client(key).get("/api/v1/people/").status_code == 200
    time_machine.move_to(expires, tick=False)
    refused = token_client(key).get("/api/v1/people/")
    assert refused.status_code == 401
    assert "expiré" in refused.json()["detail"]


@override_settings(API_TOKEN_LIFETIME_DAYS=7)
def test_the_lifetime_is_a_setting():
    user = UserFactory()
    token, _key = api_token_create(user=user, name="script", by=user)
    assert token.expires_at - token.created_at < timedelta(days=7, seconds=1)
    assert token.expires_at - token.created_at > timedelta(days=6, hours=23)


def test_wrong_password_gives_no_token(api):
    """Wrong credentials are a 400 with a message, and no token is created."""
    UserFactory(email="ines@example.org")
    response = api.post(TOKEN_URL, {"email": "ines@example.org", "password": "nope"}, format="json")
    assert response.status_code == 400
    assert "token" not in response.json()
    assert not ApiToken.objects.exists()


def test_inactive_user_gets_no_token(api):
    """A deactivated account cannot obtain a token."""
    UserFactory(email="ines@example.org", is_active=False)
    response = api.post(TOKEN_URL, {"email": "ines@example.org", "password": PASSWORD})
    assert response.status_code == 400


@override_settings(AXES_FAILURE_LIMIT=3)
def test_too_many_failures_lock_the_token_endpoint(api):
    """The token endpoint is throttled like the login page (django-axes): locked means 403."""
    UserFactory(email="ines@example.org")
    for _ in range(3):
        api.post(TOKEN_URL, {"email": "ines@example.org", "password": "nope"})
    response = api.post(TOKEN_URL, {"email": "ines@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_token_authenticates_requests(world):
    """With its token, a user reads what its session would let it read; without, 401."""
    user = applicant(structure=world["private_occ"])
    _token, key = api_token_create(user=user, name="script", by=user)
    client = APIClient()
    assert client.get("/api/v1/people/").status_code == 401
    assert client.get(f"/api/v1/structures/{world['private_occ'].slug}/").status_code == 404
    client = token_client(key)
    assert client.get("/api/v1/people/").status_code == 200
    assert client.get(f"/api/v1/structures/{world['private_occ'].slug}/").status_code == 200


@pytest.mark.parametrize(
    "header", ["Token 0000000000000000000000000000000000000000", "Token", "Token a b"]
)
def test_invalid_token_is_refused(world, header):
    """A wrong or malformed token is a 401, not an anonymous read."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get("/api/v1/structures/").status_code == 401


def test_token_endpoint_needs_no_csrf_token():
    """The credentials are in the body: a client with a session cookie is not asked for CSRF."""
    user = UserFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(TOKEN_URL, {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200


def test_a_password_change_ends_every_token():
    """Whoever sets a new password (the page, the reset link, the admin) ends the tokens."""
    user = UserFactory()
    token, key = api_token_create(user=user, name="script", by=user)
    other_user = UserFactory()
    other, other_key = api_token_create(user=other_user, name="script", by=other_user)
    user.set_password("un-nouveau-mot-de-passe-solide")
    user.save()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_client(key).get("/api/v1/people/").status_code == 401
    other.refresh_from_db()
    assert other.revoked_at is None
    assert token_client(other_key).get("/api/v1/people/").status_code == 200


def test_saving_the_account_without_a_new_password_keeps_the_tokens():
    user = UserFactory()
    token, key = api_token_create(user=user, name="script", by=user)
    user.first_name = "Inès"
    user.save()
    token.refresh_from_db()
    assert token.revoked_at is None
    assert token_client(key).get("/api/v1/people/").status_code == 200


def test_the_password_change_page_ends_the_tokens(login):
    user = UserFactory()
    token, _key = api_token_create(user=user, name="script", by=user)
    new = "un-nouveau-mot-de-passe-solide"
    response = login(user).post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302, response.context["form"].errors
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_deactivated_account_loses_its_tokens():
    """Deactivating an account ends its tokens at once, and they stay dead if it is back."""
    user = UserFactory()
    token, key = api_token_create(user=user, name="script", by=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert token_client(key).get("/api/v1/people/").status_code == 401
    user.is_active = True
    user.save(update_fields=["is_active"])
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_client(key).get("/api/v1/people/").status_code == 401


def test_a_token_of_an_account_deactivated_without_signal_is_refused():
    """Even a bulk update (no signal) leaves the token useless: the account must be active."""
    user = UserFactory()
    _token, key = api_token_create(user=user, name="script", by=user)
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert token_client(key).get("/api/v1/people/").status_code == 401


def test_last_use_is_stamped_at_most_once_a_minute(time_machine):
    """The first request stamps the last use; the next ones within a minute write nothing."""
    time_machine.move_to("2026-03-01 10:00:00+01:00", tick=False)
    user = UserFactory()
    token, key = api_token_create(user=user, name="script", by=user)
    assert token.last_used_at is None
    client = token_client(key)
    client.get("/api/v1/people/")
    token.refresh_from_db()
    first = token.last_used_at
    assert first == timezone.now()

    time_machine.move_to("2026-03-01 10:00:30+01:00", tick=False)
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/people/")
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    token.refresh_from_db()
    assert token.last_used_at == first

    time_machine.move_to("2026-03-01 10:01:30+01:00", tick=False)
    client.get("/api/v1/people/")
    token.refresh_from_db()
    assert token.last_used_at == timezone.now()


def test_an_account_with_a_second_factor_gives_its_code_for_a_token(api):
    """A token is worth a signed-in session: without the code, or with a wrong one, none."""
    user = coordinator()
    device = enrolled(user)
    credentials = {"email": user.email, "password": PASSWORD}
    missing = api.post(TOKEN_URL, credentials, format="json")
    assert missing.status_code == 400
    assert "code" in missing.json()["fields"]
    right = api.post(TOKEN_URL, {**credentials, "code": totp_code(device)}, format="json")
    assert right.status_code == 200
    assert ApiToken.objects.filter(user=user).count() == 1
    wrong = api.post(TOKEN_URL, {**credentials, "code": totp_code(device, steps_ago=10)})
    assert wrong.status_code == 400
    assert ApiToken.objects.filter(user=user).count() == 1


def test_a_role_that_requires_a_second_factor_enrols_before_any_token(api):
    user = coordinator()
    response = api.post(TOKEN_URL, {"email": user.email, "password": PASSWORD}, format="json")
    assert response.status_code == 400
    assert "double authentification" in str(response.json())
    assert not ApiToken.objects.exists()
