import gzip
import json

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from lanterne.network.enums import StructureKind
from tests.accounts.factories import applicant, coordinator
from tests.network.factories import StructureFactory
from tests.territories.factories import CommuneFactory
from tests.www.conftest import assert_csp_compliant, make_structures

MAP = reverse("www:map")
MAP_DATA = reverse("www:map_data")


def collection(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    return data["features"]


def by_name(response) -> dict[str, dict]:
    return {feature["properties"]["name"]: feature for feature in collection(response)}


def departement_detail(client, code: str, **filters) -> dict[str, dict]:
    return by_name(client.get(MAP_DATA, {"departement": code, **filters}))


def commune_structures(client, code: str, **params) -> dict:
    response = client.get(reverse("www:map_commune", args=[code]), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def structure_names(client, code: str, **params) -> list[str]:
    return [row["name"] for row in commune_structures(client, code, **params)["structures"]]


def test_national_view_has_one_point_per_departement(client, occitanie, hauts_de_france):
    """The national view gathers the structures on the map by département: a count, a count
    per type, the box of their positions and the URL of the département's detail."""
    toulouse = occitanie["toulouse"]
    StructureFactory(name="Cratère", commune=toulouse, latitude=43.6045, longitude=1.4)
    StructureFactory(name="La Trame", pole=True, commune=toulouse)
    StructureFactory(name="Ciné Montpellier", commune=occitanie["montpellier"])
    StructureFactory(name="Ciné Nord", commune=hauts_de_france["lille"])

    found = by_name(client.get(MAP_DATA))
    assert set(found) == {"Haute-Garonne", "Hérault", "Nord"}
    haute_garonne = found["Haute-Garonne"]
    assert haute_garonne["properties"]["code"] == "31"
    assert haute_garonne["properties"]["count"] == 2
    assert haute_garonne["properties"]["kinds"] == [
        {"label": "Pôle régional d'éducation aux images", "count": 1},
        {"label": "Acteur culturel", "count": 1},
    ]
    assert haute_garonne["properties"]["bbox"] == [1.4, 43.6045, 1.444, 43.6045]
    # The point is where its structures are, on average.
    assert haute_garonne["geometry"]["coordinates"] == [1.422, 43.6045]
    assert haute_garonne["properties"]["url"] == f"{MAP_DATA}?departement=31"
    assert found["Nord"]["properties"]["count"] == 1


def test_departement_detail_has_one_point_per_commune(client, occitanie):
    """A département's detail has one point per commune, at the commune's centre, with its
    count and the URL listing its structures."""
    StructureFactory(name="Cratère", commune=occitanie["toulouse"], latitude=43.6, longitude=1.4)
    StructureFactory(name="La Trame", pole=True, commune=occitanie["toulouse"])
    StructureFactory(name="Ciné Montpellier", commune=occitanie["montpellier"])
    elsewhere = CommuneFactory(departement=occitanie["toulouse"].departement, without_position=True)
    StructureFactory(name="Placée", commune=elsewhere, latitude=43.0, longitude=1.0)

    found = departement_detail(client, "31")
    assert set(found) == {"Toulouse", elsewhere.name}
    toulouse = found["Toulouse"]
    assert toulouse["geometry"]["coordinates"] == [1.444, 43.6045]
    assert toulouse["properties"]["count"] == 2
    assert toulouse["properties"]["url"] == reverse("www:map_commune", args=["31555"])
    # A commune without a known centre: where its structures are.
    assert found[elsewhere.name]["geometry"]["coordinates"] == [1.0, 43.0]
    assert departement_detail(client, "99") == {}


def test_map_has_visible_structures_with_a_position(client):
    """On the map: listed structures in a commune, with their own position or their
    commune's; nothing else."""
    own = StructureFactory(name="Own position", latitude=43.6, longitude=1.45)
    centre = StructureFactory(
        name="Commune centre", commune=CommuneFactory(latitude=45.0, longitude=4.0)
    )
    StructureFactory(name="Nowhere", commune=CommuneFactory(without_position=True))
    StructureFactory(name="No commune", commune=None, latitude=48.0, longitude=2.0)
    StructureFactory(name="Unlisted", applicant_commune=True)

    departements = {
        feature["properties"]["code"]: feature["properties"]["count"]
        for feature in collection(client.get(MAP_DATA))
    }
    assert departements == {
        own.commune.departement_id: 1,
        centre.commune.departement_id: 1,
    }
    listed = commune_structures(client, own.commune_id)["structures"]
    assert listed == [
        {
            "name": "Own position",
            "acronym": "",
            "url": "/structures/own-position/",
            "kind_label": "Acteur culturel",
        }
    ]


def test_map_follows_the_visitors_scope(login, occitanie, hauts_de_france):
    """Members and coordinators also get the unlisted structures they may see."""
    own = StructureFactory(name="Own commune", applicant_commune=True)
    StructureFactory(name="Toulouse hidden", applicant_commune=True, commune=occitanie["toulouse"])
    StructureFactory(name="Lille hidden", applicant_commune=True, commune=hauts_de_france["lille"])

    member = login(applicant(structure=own))
    assert [f["properties"]["code"] for f in collection(member.get(MAP_DATA))] == [
        own.commune.departement_id
    ]
    assert structure_names(member, "31555") == []
    member.logout()
    coordinating = login(coordinator(region=occitanie["region"]))
    assert "Haute-Garonne" in by_name(coordinating.get(MAP_DATA))
    assert "Nord" not in by_name(coordinating.get(MAP_DATA))
    assert structure_names(coordinating, "31555") == ["Toulouse hidden"]
    assert structure_names(coordinating, "59350") == []


def test_map_filters_by_type_and_region(client, occitanie, hauts_de_france):
    """The map's filters (type, région) combine, at every level; an unknown type is ignored."""
    StructureFactory(name="Pôle Toulouse", pole=True, commune=occitanie["toulouse"])
    StructureFactory(name="Asso Toulouse", commune=occitanie["toulouse"])
    StructureFactory(name="Pôle Lille", pole=True, commune=hauts_de_france["lille"])
    poles_76 = {"kind": StructureKind.POLE, "region": "76"}
    found = by_name(client.get(MAP_DATA, poles_76))
    assert set(found) == {"Haute-Garonne"}
    assert found["Haute-Garonne"]["properties"]["count"] == 1
    assert found["Haute-Garonne"]["properties"]["url"] == (
        f"{MAP_DATA}?kind=pole&region=76&departement=31"
    )
    toulouse = departement_detail(client, "31", **poles_76)["Toulouse"]["properties"]
    assert toulouse["count"] == 1
    assert toulouse["url"].endswith("?kind=pole&region=76")
    assert structure_names(client, "31555", **poles_76) == ["Pôle Toulouse"]
    assert structure_names(client, "31555", kind="pole", region="32") == []
    assert set(by_name(client.get(MAP_DATA, {"kind": "bogus"}))) == {"Haute-Garonne", "Nord"}
    assert set(by_name(client.get(MAP_DATA, {"region": "32"}))) == {"Nord"}


def test_map_is_translated_in_english(client, occitanie):
    """Type labels follow the URL's language, and so do the links."""
    StructureFactory(name="La Trame", pole=True, commune=occitanie["toulouse"])
    found = by_name(client.get("/en/carte/donnees.geojson"))
    properties = found["Haute-Garonne"]["properties"]
    assert properties["kinds"] == [{"label": "Regional image-education hub", "count": 1}]
    assert properties["url"] == "/en/carte/donnees.geojson?departement=31"
    listed = json.loads(client.get("/en/carte/communes/31555/structures.json").content)
    assert listed["structures"][0]["url"] == "/en/structures/la-trame/"
    assert listed["structures"][0]["kind_label"] == "Regional image-education hub"


def test_commune_lists_its_structures_a_page_at_a_time(client, occitanie):
    """A commune's structures come by name, 20 a page, with the next page's URL; a page
    number out of range or not a number does no harm."""
    toulouse = occitanie["toulouse"]
    for number in range(25):
        StructureFactory(name=f"Structure {number:02d}", commune=toulouse)
    first = commune_structures(client, "31555")
    assert [row["name"] for row in first["structures"]] == [f"Structure {n:02d}" for n in range(20)]
    assert first["next"] == reverse("www:map_commune", args=["31555"]) + "?page=2"
    second = commune_structures(client, "31555", page=2)
    assert [row["name"] for row in second["structures"]] == [
        f"Structure {n:02d}" for n in range(20, 25)
    ]
    assert second["next"] is None
    assert commune_structures(client, "31555", page="x")["structures"] == first["structures"]
    assert commune_structures(client, "31555", page=10**12)["structures"] == []
    assert commune_structures(client, "nowhere-at-all")["structures"] == []


@pytest.mark.parametrize("path", [MAP_DATA, "/carte/communes/31555/structures.json"])
def test_map_data_answers_304_to_a_client_holding_it(client, occitanie, path):
    """Every answer has an ETag; asked again with it, the server answers 304 without a body,
    until a structure changes."""
    structure = StructureFactory(name="Cratère", commune=occitanie["toulouse"])
    first = client.get(path)
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"')
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    # Compressed answers carry a weak ETag: it validates as well.
    assert client.get(path, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    structure.name = "Le Cratère"
    structure.save()
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_signed_in_answers_are_private(login, occitanie):
    """A member's map holds what only its reach sees: no shared cache may keep it."""
    own = StructureFactory(applicant_commune=True, commune=occitanie["toulouse"])
    response = login(applicant(structure=own)).get(MAP_DATA)
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_map_data_is_compressed_when_the_client_accepts_it(client):
    """gzip when asked for, the same JSON once inflated; plain otherwise."""
    make_structures(20)
    plain = client.get(MAP_DATA)
    assert not plain.has_header("Content-Encoding")
    compressed = client.get(MAP_DATA, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content)


def test_map_payload_follows_the_territories_not_the_structures(client, occitanie):
    """Ten times the structures in the same communes: the same points, the same size but for
    the digits of the counts, at every level but the paged list."""

    def sizes() -> tuple[int, int]:
        cache.clear()
        national = client.get(MAP_DATA)
        detail = client.get(MAP_DATA, {"departement": "31"})
        assert len(collection(national)) == 2 and len(collection(detail)) == 1
        return len(national.content), len(detail.content)

    def add(count: int) -> None:
        for commune in (occitanie["toulouse"], occitanie["montpellier"]):
            StructureFactory.create_batch(count, commune=commune)

    add(2)
    small = sizes()
    add(18)
    large = sizes()
    # "count":2 → "count":20, twice per point (the total and the one type).
    assert large[0] - small[0] == 2 * 2
    assert large[1] - small[1] == 2
    assert len(commune_structures(client, "31555")["structures"]) == 20


@pytest.mark.parametrize("rows", [5, 50])
def test_map_data_query_count_is_constant(client, django_assert_num_queries, rows):
    """Three queries (data version, points, départements' names) whatever the number of
    structures; once cached, or to answer 304, only the version is read."""
    make_structures(rows)
    with django_assert_num_queries(3):
        response = client.get(MAP_DATA)
    assert len(collection(response)) == rows  # one département each
    with django_assert_num_queries(1):
        cached = client.get(MAP_DATA)
    assert cached.content == response.content
    with django_assert_num_queries(1):
        assert client.get(MAP_DATA, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.parametrize("rows", [5, 50])
def test_map_detail_and_list_query_counts_are_constant(
    client, occitanie, django_assert_num_queries, rows
):
    """A département's communes, a commune's page: two queries each, whatever the rows."""
    make_structures(rows, commune=occitanie["toulouse"])
    make_structures(rows, commune=CommuneFactory(departement=occitanie["toulouse"].departement))
    with django_assert_num_queries(2):
        assert len(collection(client.get(MAP_DATA, {"departement": "31"}))) == 2
    with django_assert_num_queries(2):
        assert len(structure_names(client, "31555")) == min(rows, 20)


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
    """The map page: data version, régions list, data version, counts, one page of rows,
    whatever the number of structures; afterwards its content comes from the shared cache,
    at the cost of the data version alone."""
    make_structures(rows)
    with django_assert_num_queries(5):
        assert client.get(MAP).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(MAP).status_code == 200


def test_cached_map_page_shows_a_change_at_once(client, django_capture_on_commit_callbacks):
    """The content is rendered once for every anonymous visitor: a renamed structure shows at
    once (the data version), so does a deleted one's absence (the generation)."""
    first, second = make_structures(2)
    client.get(MAP)
    first.name = "Zoétrope renommé"
    first.save()
    assert "Zoétrope renommé" in client.get(MAP).text
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    text = client.get(MAP).text
    assert second.name not in text
    assert "1 structure sur la carte" in text


def test_map_table_is_paginated(client):
    """The table lists 50 structures a page; the count covers them all."""
    make_structures(60)
    first = client.get(MAP)
    assert len(first.context["rows"]) == 50
    assert "60 structures sur la carte" in first.text
    assert len(client.get(MAP, {"page": 2}).context["rows"]) == 10


def test_map_page_gives_the_script_its_words_in_english(client):
    """The points' names and the popup's words reach the script in the page's language."""
    response = client.get("/en/carte/")
    assert 'data-label-departement-other="{name}: {count} structures, zoom to the département"' in (
        response.text
    )
    assert 'data-label-commune-one="{name}: 1 structure"' in response.text
    assert 'data-label-more="Show more structures"' in response.text
    assert 'data-geojson-url="/en/carte/donnees.geojson"' in response.text
