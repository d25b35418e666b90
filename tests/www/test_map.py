import json

import pytest
from django.test import override_settings
from django.urls import reverse

from lanterne.network.enums import StructureKind
from tests.accounts.factories import applicant, coordinator
from tests.network.factories import StructureFactory
from tests.territories.factories import CommuneFactory
from tests.www.conftest import assert_csp_compliant, make_structures

MAP = reverse("www:map")
MAP_DATA = reverse("www:map_data")


def features(response) -> dict[str, dict]:
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    return {feature["properties"]["name"]: feature for feature in data["features"]}


def test_geojson_has_visible_structures_with_a_position(client):
    """Listed structures with own coordinates or a located commune; nothing else."""
    StructureFactory(name="Own position", latitude=43.6, longitude=1.45)
    StructureFactory(name="Commune centre", commune=CommuneFactory(latitude=45.0, longitude=4.0))
    StructureFactory(name="Nowhere", commune=CommuneFactory(without_position=True))
    StructureFactory(name="No commune", commune=None)
    StructureFactory(name="Unlisted", applicant_commune=True)

    found = features(client.get(MAP_DATA))
    assert set(found) == {"Own position", "Commune centre"}
    own = found["Own position"]
    assert own["geometry"] == {"type": "Point", "coordinates": [1.45, 43.6]}
    assert own["properties"]["approximate"] is False
    assert own["properties"]["url"] == "/structures/own-position/"
    assert found["Commune centre"]["geometry"]["coordinates"] == [4.0, 45.0]
    assert found["Commune centre"]["properties"]["approximate"] is True


def test_geojson_follows_the_visitors_scope(login, occitanie, hauts_de_france):
    """Members and coordinators also get the unlisted structures they may see."""
    own = StructureFactory(name="Own commune", applicant_commune=True)
    StructureFactory(name="Toulouse hidden", applicant_commune=True, commune=occitanie["toulouse"])
    StructureFactory(name="Lille hidden", applicant_commune=True, commune=hauts_de_france["lille"])

    assert set(features(login(applicant(structure=own)).get(MAP_DATA))) == {"Own commune"}
    coordinator_sees = set(features(login(coordinator(region=occitanie["region"])).get(MAP_DATA)))
    assert "Toulouse hidden" in coordinator_sees
    assert "Lille hidden" not in coordinator_sees


def test_geojson_filters_by_type_and_region(client, occitanie, hauts_de_france):
    """The map's filters (type, région) combine."""
    StructureFactory(name="Pôle Toulouse", pole=True, commune=occitanie["toulouse"])
    StructureFactory(name="Asso Toulouse", commune=occitanie["toulouse"])
    StructureFactory(name="Pôle Lille", pole=True, commune=hauts_de_france["lille"])
    found = features(client.get(MAP_DATA, {"kind": StructureKind.POLE, "region": "76"}))
    assert set(found) == {"Pôle Toulouse"}
    assert set(features(client.get(MAP_DATA, {"kind": "bogus"}))) == {
        "Pôle Toulouse",
        "Asso Toulouse",
        "Pôle Lille",
    }


def test_geojson_is_translated_in_english(client):
    """Type labels follow the URL's language, and so do the structure links."""
    StructureFactory(name="La Trame", pole=True)
    found = features(client.get("/en/carte/donnees.geojson"))
    assert found["La Trame"]["properties"]["url"] == "/en/structures/la-trame/"
    assert found["La Trame"]["properties"]["kind_label"] == "Regional image-education hub"


@pytest.mark.parametrize("rows", [5, 50])
def test_geojson_query_count_is_constant(client, django_assert_num_queries, rows):
    """Two queries (data version, collection) whatever the number of structures; once cached,
    only the version is read."""
    make_structures(rows)
    with django_assert_num_queries(2):
        response = client.get(MAP_DATA)
    assert len(features(response)) == rows
    with django_assert_num_queries(1):
        cached = client.get(MAP_DATA)
    assert cached.content == response.content


def test_geojson_cache_follows_changes(client):
    """A saved structure changes the data version: the next answer includes it."""
    make_structures(2)
    assert len(features(client.get(MAP_DATA))) == 2
    StructureFactory(name="Nouvelle structure")
    assert "Nouvelle structure" in features(client.get(MAP_DATA))


def test_geojson_cache_is_per_reach(login, occitanie):
    """Cached data of the public never serves a private structure, nor the reverse."""
    from django.test import Client

    from tests.accounts.factories import coordinator

    user = coordinator(region=occitanie["region"])
    StructureFactory(name="Privée", commune=occitanie["toulouse"], unlisted=True)
    StructureFactory(name="Publique", commune=occitanie["toulouse"])
    public = set(features(Client().get(MAP_DATA)))
    assert "Publique" in public and "Privée" not in public
    client = login(user)
    assert {"Publique", "Privée"} <= set(features(client.get(MAP_DATA)))
    assert set(features(Client().get(MAP_DATA))) == public


def test_map_page_has_an_accessible_table_of_the_same_structures(client):
    """Beside the map, a table lists the structures shown, with a count."""
    StructureFactory(name="Own position", latitude=43.6, longitude=1.45)
    StructureFactory(name="Nowhere", commune=CommuneFactory(without_position=True))
    response = client.get(MAP)
    assert response.status_code == 200
    assert [row["name"] for row in response.context["rows"]] == ["Own position"]
    assert "1 structure sur la carte" in response.text
    assert "1 autre structure sans position connue" in response.text
    assert "<table" in response.text
    assert f'data-geojson-url="{MAP_DATA}"' in response.text
    assert_csp_compliant(response)


def test_map_page_passes_filters_to_the_data_url(client, occitanie):
    """The script fetches the GeoJSON with the same filters as the page."""
    response = client.get(MAP, {"region": "76"})
    assert f'data-geojson-url="{MAP_DATA}?region=76"' in response.text
    assert 'data-fit-bounds="true"' in response.text


def test_no_tile_layer_without_a_tile_url(client):
    """Tests (and offline machines) run without tiles: markers on a plain background."""
    response = client.get(MAP)
    assert 'data-tile-url=""' in response.text
    assert "Fond de carte détaillé non configuré" in response.text


@override_settings(
    MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png",
    MAP_TILE_ATTRIBUTION='&copy; <a href="https://example.org/">Example</a>',
)
def test_tile_layer_and_attribution_come_from_the_settings(client):
    """The tile URL and its attribution reach the script by data-* and the footer."""
    response = client.get(MAP)
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in response.text
    assert 'data-tile-attribution="&amp;copy; &lt;a href=' in response.text
    assert 'Fond de carte : &copy; <a href="https://example.org/">Example</a>' in response.text


@pytest.mark.parametrize("rows", [5, 50])
def test_map_page_query_count_is_constant(client, django_assert_num_queries, rows):
    """The map page: régions list, counts, one page of rows, whatever the number of
    structures."""
    make_structures(rows)
    with django_assert_num_queries(3):
        assert client.get(MAP).status_code == 200


def test_map_table_is_paginated(client):
    """The table lists 50 structures a page; the count covers them all."""
    make_structures(60)
    first = client.get(MAP)
    assert len(first.context["rows"]) == 50
    assert "60 structures sur la carte" in first.text
    assert len(client.get(MAP, {"page": 2}).context["rows"]) == 10
