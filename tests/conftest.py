import pytest

from lanterne.accounts.scoping import forget_scope


@pytest.fixture(autouse=True)
def _fresh_scopes(db):
    """Tests change memberships freely; a user's cached scope must never leak across them."""
    yield


@pytest.fixture
def login(client):
    """Sign a user in on the test client, dropping any scope cached on that object."""

    def _login(user):
        forget_scope(user)
        client.force_login(user)
        return client

    return _login
