"""The Sirene and address clients, against a local stand-in server answering as the services
do: a SIRET fills the structure's name, address, commune and legal form; an address typed is
offered the geocoder's matches; a slow, failing or absent service means entry by hand, never
a 500."""

import copy
import json

import pytest
from django.urls import reverse

from lanterne.network import addresses, sirene
from tests.accounts.factories import UserFactory
from tests.network.standin import SIRENE_ETABLISSEMENT, serve
from tests.territories.factories import CommuneFactory


@pytest.fixture
def standin(settings):
    server, state = serve()
    settings.SIRENE_API_URL = state.url
    settings.SIRENE_API_KEY = "integration-key"
    settings.ADDRESS_API_URL = state.url
    settings.EXTERNAL_API_TIMEOUT = 0.5
    yield state
    server.shutdown()
    server.server_close()


def test_sirene_reads_an_establishment(standin):
    """The key goes in INSEE's integration header; the answer becomes words people read."""
    found = sirene.establishment("73282932000074")
    assert standin.requests[0]["path"] == "/siret/73282932000074"
    assert standin.requests[0]["headers"]["X-INSEE-Api-Key-Integration"] == "integration-key"
    assert found.name == "ASSOCIATION CINE FAUBOURG"
    assert found.address == "12 rue du Grand Chemin"
    assert found.postal_code == "59100"
    assert found.commune_code == "59512"
    assert found.legal_form == "9220"
    assert found.legal_form_label == "Association déclarée"
    assert found.rna == "W595012345"
    assert not found.is_closed


def test_sirene_unknown_siret_is_none(standin):
    assert sirene.establishment("73282932000082") is None


@pytest.mark.parametrize("failure", ["status", "slow", "garbage"])
def test_sirene_failures_are_unavailable(standin, failure):
    if failure == "status":
        standin.status = 503
    elif failure == "slow":
        standin.delay = 1.5
    else:
        standin.body = b"<html>maintenance</html>"
    with pytest.raises(sirene.ServiceUnavailable):
        sirene.establishment("73282932000074")


def test_without_key_sirene_is_off(settings):
    settings.SIRENE_API_KEY = ""
    assert not sirene.is_configured()
    with pytest.raises(sirene.ServiceUnavailable):
        sirene.establishment("73282932000074")


def test_geocoder_suggests_addresses(standin):
    found = addresses.search("12 rue du grand chemin roubaix")
    assert standin.requests[0]["path"] == "/search"
    assert standin.requests[0]["query"]["limit"] == ["5"]
    assert found[0].label == "12 Rue du Grand Chemin 59100 Roubaix"
    assert found[0].commune_code == "59512"
    assert (found[0].latitude, found[0].longitude) == (50.6942, 3.1746)
    assert addresses.search("12") == []


def test_geocoder_failure_is_unavailable(standin):
    standin.status = 500
    with pytest.raises(addresses.ServiceUnavailable):
        addresses.search("12 rue du grand chemin")


def test_siret_typed_fills_the_form(standin, login):
    """The htmx endpoint swaps the name, address, postal code, commune, legal form and the RNA
    number Sirene gives."""
    roubaix = CommuneFactory(code="59512", name="Roubaix")
    client = login(UserFactory())
    response = client.get(reverse("www:sirene_lookup"), {"siret": "732 829 320 00074"})
    assert response.status_code == 200
    page = response.text
    assert "Trouvé dans le répertoire Sirene" in page
    assert 'value="ASSOCIATION CINE FAUBOURG"' in page
    assert f'value="{roubaix.label}"' in page
    assert '<option value="9220" selected>' in page
    assert 'value="W595012345"' in page
    assert page.count('hx-swap-oob="true"') == 6


def test_an_establishment_without_rna_leaves_the_typed_one(standin, login):
    """Most associations have no RNA number in Sirene: the lookup then leaves the RNA field
    alone (no out-of-band swap), so a number typed by hand stays."""
    payload = copy.deepcopy(SIRENE_ETABLISSEMENT)
    payload["etablissement"]["uniteLegale"]["identifiantAssociationUniteLegale"] = None
    standin.body = json.dumps(payload).encode()
    client = login(UserFactory())
    page = client.get(reverse("www:sirene_lookup"), {"siret": "73282932000074"}).text
    assert "Trouvé dans le répertoire Sirene" in page
    assert 'id="id_rna"' not in page
    assert page.count('hx-swap-oob="true"') == 5


@pytest.mark.parametrize("value", ["", None, "0751234567", 12])
def test_sirene_rna_is_kept_only_when_well_formed(value):
    """An absent or malformed association number from Sirene is no number at all."""
    payload = copy.deepcopy(SIRENE_ETABLISSEMENT)
    payload["etablissement"]["uniteLegale"]["identifiantAssociationUniteLegale"] = value
    assert sirene.parse(payload).rna == ""


def test_siret_lookup_when_the_service_fails_says_enter_by_hand(standin, login):
    standin.status = 500
    client = login(UserFactory())
    response = client.get(reverse("www:sirene_lookup"), {"siret": "73282932000074"})
    assert response.status_code == 200
    assert "saisissez les informations" in response.text
    response = client.get(reverse("www:sirene_lookup"), {"siret": "73282932000075"})
    assert "clé de contrôle" in response.text


def test_address_suggestions_endpoint(standin, login):
    client = login(UserFactory())
    response = client.get(reverse("www:address_suggestions"), {"address": "12 rue du grand"})
    assert '<option value="12 Rue du Grand Chemin">' in response.text
    standin.status = 500
    response = client.get(reverse("www:address_suggestions"), {"address": "12 rue du grand"})
    assert response.status_code == 200
    assert "<option" not in response.text


def test_structure_form_offers_the_lookup_only_when_configured(standin, login, settings):
    client = login(UserFactory())
    url = reverse("onboarding:structure_create")
    assert reverse("www:sirene_lookup") in client.get(url).text
    settings.SIRENE_API_KEY = ""
    settings.ADDRESS_API_URL = ""
    page = client.get(url).text
    assert reverse("www:sirene_lookup") not in page
    assert reverse("www:address_suggestions") not in page
