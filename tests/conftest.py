import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from lanterne.accounts.scoping import forget_scope
from tests.accounts.factories import pass_second_factor
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory


@pytest.fixture(autouse=True)
def _french_by_default():
    """A request leaves its language active in the thread: every test starts in French."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def login(client):
    """Sign a user in on the test client with both factors (password and second factor: the user
    is given an authenticator application if it has none), dropping any scope cached on that
    object. Tests of the second factor itself sign in with `client.force_login` instead."""

    def _login(user):
        forget_scope(user)
        client.force_login(user)
        pass_second_factor(client, user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and data never leak from one test into another."""
    cache.clear()


@pytest.fixture(autouse=True)
def _database(db):
    """Every test may use the real database (most of Lanterne's behaviour lives there)."""


@pytest.fixture
def occitanie():
    """Occitanie with Haute-Garonne (Toulouse) and Hérault (Montpellier)."""
    region = RegionFactory(code="76", name="Occitanie")
    haute_garonne = DepartementFactory(code="31", name="Haute-Garonne", region=region)
    herault = DepartementFactory(code="34", name="Hérault", region=region)
    return {
        "region": region,
        "toulouse": CommuneFactory(
            code="31555",
            name="Toulouse",
            departement=haute_garonne,
            latitude=43.6045,
            longitude=1.4440,
        ),
        "montpellier": CommuneFactory(
            code="34172",
            name="Montpellier",
            departement=herault,
            latitude=43.6109,
            longitude=3.8772,
        ),
    }


@pytest.fixture
def hauts_de_france():
    region = RegionFactory(code="32", name="Hauts-de-France")
    nord = DepartementFactory(code="59", name="Nord", region=region)
    return {
        "region": region,
        "lille": CommuneFactory(
            code="59350", name="Lille", departement=nord, latitude=50.6292, longitude=3.0573
        ),
    }
