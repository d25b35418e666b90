"""Structures can be filtered by kind, sub-kind, territory and a search term."""

from lanterne.network.enums import StructureKind, StructureSubkind
from tests.network.factories import StructureFactory


def slugs(api, query):
    response = api.get("/api/v1/structures/", query)
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


def test_filter_by_territory(api, world):
    """`region`, `departement` and `commune` take INSEE codes."""
    occitanie = {world["listed_occ"].slug}
    lille = {world["listed_lille"].slug}
    assert slugs(api, {"region": "76"}) == occitanie
    assert slugs(api, {"departement": "59"}) == lille
    assert slugs(api, {"commune": "31555"}) == occitanie


def test_filter_by_kind_and_subkind(api, world):
    """`kind` and `subkind` take the enum values of the schema."""
    cinema = StructureFactory(commune=world["toulouse"], subkind=StructureSubkind.CINEMA)
    pole = StructureFactory(commune=world["lille"], pole=True)
    assert slugs(api, {"kind": StructureKind.POLE}) == {pole.slug}
    assert slugs(api, {"subkind": StructureSubkind.CINEMA}) == {cinema.slug}


def test_unknown_kind_is_a_bad_request(api, world):
    """A value outside the enum is refused with 400, not silently ignored."""
    assert api.get("/api/v1/structures/", {"kind": "bakery"}).status_code == 400


def test_search_by_name_acronym_or_commune(api, world):
    """`q` searches names, acronyms and commune names (`StructureQuerySet.search`)."""
    assert slugs(api, {"q": "utopia"}) == {world["listed_occ"].slug}
    assert slugs(api, {"q": "Lille"}) == {world["listed_lille"].slug}


def test_filters_never_reveal_structures_out_of_reach(api, world):
    """Filtering on the commune of a private structure does not bring it back."""
    assert slugs(api, {"q": "Centre social"}) == set()
    assert slugs(api, {"commune": "59350"}) == {world["listed_lille"].slug}
