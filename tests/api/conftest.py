import pytest
from rest_framework.test import APIClient

from tests.accounts.factories import pass_second_factor
from tests.network.factories import StructureFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory


@pytest.fixture
def api():
    """An API client; `api.as_user(user)` signs in with a session that passed the second factor
    (a fresh user per request)."""
    client = APIClient()

    def as_user(user):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
            pass_second_factor(client, user)
        return client

    client.as_user = as_user
    return client


@pytest.fixture
def world():
    """Occitanie and Hauts-de-France, each with structures listed in the directory or not."""
    occitanie = RegionFactory(code="76", name="Occitanie")
    hdf = RegionFactory(code="32", name="Hauts-de-France")
    haute_garonne = DepartementFactory(code="31", name="Haute-Garonne", region=occitanie)
    nord = DepartementFactory(code="59", name="Nord", region=hdf)
    toulouse = CommuneFactory(
        code="31555", name="Toulouse", departement=haute_garonne, latitude=43.6, longitude=1.44
    )
    lille = CommuneFactory(
        code="59350", name="Lille", departement=nord, latitude=50.63, longitude=3.06
    )
    return {
        "occitanie": occitanie,
        "hdf": hdf,
        "haute_garonne": haute_garonne,
        "nord": nord,
        "toulouse": toulouse,
        "lille": lille,
        "listed_occ": StructureFactory(
            name="Cinéma Utopia",
            commune=toulouse,
            siret="73282932000074",
            email="contact@utopia.example.org",
            phone="+33561000000",
        ),
        "private_occ": StructureFactory(
            name="Mairie de Toulouse",
            commune=toulouse,
            applicant_commune=True,
            email="mairie@toulouse.example.org",
        ),
        "listed_lille": StructureFactory(name="Hors Cadre", commune=lille),
        "private_lille": StructureFactory(name="Centre social Lille", commune=lille, unlisted=True),
    }


WORLD_STRUCTURES = ["listed_occ", "private_occ", "listed_lille", "private_lille"]
