import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from lanterne.accounts.scoping import forget_scope


@pytest.fixture(autouse=True)
def _french_by_default():
    """A request leaves its language active in the thread: every test starts in French."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def login(client):
    """Sign a user in on the test client, dropping any scope cached on that object."""

    def _login(user):
        forget_scope(user)
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and data never leak from one test into another."""
    cache.clear()


@pytest.fixture(autouse=True)
def _database(db):
    """Every test may use the real database (most of Lanterne's behaviour lives there)."""
