"""The API answers with DRF's status codes, never with a redirect to the login page."""

import pytest

PUBLIC = [
    "/api/v1/",
    "/api/v1/regions/",
    "/api/v1/departements/",
    "/api/v1/communes/",
    "/api/v1/qpv/",
    "/api/v1/rural-zonings/",
    "/api/v1/structures/",
    "/api/v1/poles/",
    "/api/v1/coordinations/",
    "/api/v1/schema/",
    "/api/v1/docs/",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_endpoints_are_open_to_anonymous_users(api, url):
    """Public data is read without an account, despite `LoginRequiredMiddleware`."""
    assert api.get(url).status_code == 200


def test_private_endpoint_answers_401_not_a_redirect(api):
    """Without credentials, people are a 401 with a `WWW-Authenticate: Token` challenge."""
    response = api.get("/api/v1/people/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_writes_are_not_allowed(api, world):
    """The API is read-only: a write is refused, never redirected."""
    from tests.accounts.factories import network_admin

    client = api.as_user(network_admin())
    response = client.delete(f"/api/v1/structures/{world['listed_occ'].slug}/")
    assert response.status_code == 405
