"""Which structures each role may read through the API: out of reach is a 404, never the data."""

import pytest

from tests.accounts.factories import (
    applicant,
    committee_member,
    coordinator,
    network_admin,
    speaker,
)
from tests.api.conftest import WORLD_STRUCTURES

ROLES = {
    "anonymous": (lambda world: None, {"listed_occ", "listed_lille"}),
    "applicant": (
        lambda world: applicant(structure=world["private_occ"]),
        {"listed_occ", "listed_lille", "private_occ"},
    ),
    "coordinator": (
        lambda world: coordinator(region=world["occitanie"]),
        {"listed_occ", "listed_lille", "private_occ"},
    ),
    "committee member": (lambda world: committee_member(), {"listed_occ", "listed_lille"}),
    "speaker": (lambda world: speaker(), {"listed_occ", "listed_lille"}),
    "network admin": (lambda world: network_admin(), set(WORLD_STRUCTURES)),
}


def listed_slugs(client):
    response = client.get("/api/v1/structures/")
    assert response.status_code == 200
    return {row["slug"] for row in response.json()["results"]}


@pytest.mark.parametrize("role", ROLES)
def test_structure_list_shows_exactly_what_the_role_may_read(api, world, role):
    """The list is `Structure.objects.visible_to(user)`: listed ones, own ones, the perimeter."""
    make_user, expected = ROLES[role]
    client = api.as_user(make_user(world))
    slugs = {world[name].slug: name for name in WORLD_STRUCTURES}
    assert {slugs[slug] for slug in listed_slugs(client) if slug in slugs} == expected


@pytest.mark.parametrize("role", ROLES)
def test_structure_out_of_reach_is_not_found(api, world, role):
    """Reading a structure out of the user's reach answers 404 and none of its data."""
    make_user, expected = ROLES[role]
    client = api.as_user(make_user(world))
    for name in WORLD_STRUCTURES:
        structure = world[name]
        response = client.get(f"/api/v1/structures/{structure.slug}/")
        if name in expected:
            assert response.status_code == 200, name
            assert response.json()["name"] == structure.name
        else:
            assert response.status_code == 404, name
            assert structure.name not in response.text


def test_coordinator_of_part_of_a_region_sees_only_its_departements(api, world):
    """Hauts-de-France north covers the Nord only: a private structure of the Somme is a 404."""
    from tests.network.factories import StructureFactory
    from tests.territories.factories import CommuneFactory, DepartementFactory

    somme = DepartementFactory(code="80", region=world["hdf"])
    amiens = StructureFactory(
        commune=CommuneFactory(code="80021", departement=somme), unlisted=True
    )
    client = api.as_user(coordinator(region=world["hdf"], departements=[world["nord"]]))
    assert client.get(f"/api/v1/structures/{world['private_lille'].slug}/").status_code == 200
    assert client.get(f"/api/v1/structures/{amiens.slug}/").status_code == 404


def test_unknown_structure_is_not_found(api, world):
    """A slug that does not exist answers exactly like one out of reach."""
    assert api.get("/api/v1/structures/nowhere/").status_code == 404
