"""API tokens: obtained with an e-mail and a password, then sent as `Authorization: Token …`."""

from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.accounts.factories import PASSWORD, UserFactory, applicant

TOKEN_URL = "/api/v1/auth/token/"


def test_email_and_password_give_the_users_token(api):
    """The same token comes back on every request, whatever the e-mail's case."""
    user = UserFactory(email="ines@example.org")
    response = api.post(
        TOKEN_URL, {"email": "ines@example.org", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=user).key
    again = api.post(TOKEN_URL, {"email": "Ines@Example.org", "password": PASSWORD})
    assert again.json() == {"token": token}


def test_wrong_password_gives_no_token(api):
    """Wrong credentials are a 400 with a message, and no token is created."""
    UserFactory(email="ines@example.org")
    response = api.post(TOKEN_URL, {"email": "ines@example.org", "password": "nope"}, format="json")
    assert response.status_code == 400
    assert "token" not in response.json()
    assert not Token.objects.exists()


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
    assert not Token.objects.exists()


def test_token_authenticates_requests(world):
    """With its token, a user reads what its session would let it read; without, 401."""
    user = applicant(structure=world["private_occ"])
    token = Token.objects.create(user=user)
    client = APIClient()
    assert client.get("/api/v1/people/").status_code == 401
    assert client.get(f"/api/v1/structures/{world['private_occ'].slug}/").status_code == 404
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/people/").status_code == 200
    assert client.get(f"/api/v1/structures/{world['private_occ'].slug}/").status_code == 200


def test_invalid_token_is_refused(world):
    """A wrong token is a 401, not an anonymous read."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert client.get("/api/v1/structures/").status_code == 401


def test_token_endpoint_needs_no_csrf_token():
    """The credentials are in the body: a client with a session cookie is not asked for CSRF."""
    user = UserFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(TOKEN_URL, {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200
