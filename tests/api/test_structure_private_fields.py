"""Private fields of a structure appear only for `network.view_structure_private`."""

import pytest

from lanterne.accounts.enums import Role
from tests.accounts.factories import (
    MembershipFactory,
    UserFactory,
    applicant,
    committee_member,
    coordinator,
    network_admin,
    speaker,
)

PRIVATE = {
    "siret",
    "rna",
    "legal_representative_name",
    "legal_representative_role",
    "email",
    "phone",
    "is_listed",
    "memberships",
}


def detail(client, structure):
    response = client.get(f"/api/v1/structures/{structure.slug}/")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    "make_user",
    [lambda: None, committee_member, speaker, applicant],
    ids=["anonymous", "committee member", "speaker", "applicant of another structure"],
)
def test_private_fields_absent_without_the_right(api, world, make_user):
    """A listed structure's SIRET, e-mail, phone and members stay private to its reach."""
    data = detail(api.as_user(make_user()), world["listed_occ"])
    assert not PRIVATE & data.keys()
    assert "73282932000074" not in str(data)
    assert "contact@utopia.example.org" not in str(data)


def test_member_of_the_structure_sees_its_private_fields(api, world):
    """Someone acting for the structure reads its private fields, members included."""
    structure = world["listed_occ"]
    user = applicant(structure=structure, first_name="Inès", last_name="Garcia")
    data = detail(api.as_user(user), structure)
    assert data.keys() >= PRIVATE
    assert data["siret"] == "73282932000074"
    assert data["email"] == "contact@utopia.example.org"
    assert data["is_listed"] is True
    assert data["memberships"] == [
        {"user": "Inès Garcia", "role": Role.APPLICANT, "role_label": "porteur de projet"}
    ]
    # … and not those of another listed structure.
    assert not PRIVATE & detail(api, world["listed_lille"]).keys()


def test_coordinator_sees_private_fields_in_its_perimeter_only(api, world):
    """A coordinator of Occitanie reads the private fields of Occitanie, not of Lille."""
    client = api.as_user(coordinator(region=world["occitanie"]))
    assert detail(client, world["listed_occ"]).keys() >= PRIVATE
    assert not PRIVATE & detail(client, world["listed_lille"]).keys()


def test_network_admin_sees_private_fields_everywhere(api, world):
    """The national network reads every structure's private fields."""
    client = api.as_user(network_admin())
    for name in ("listed_occ", "private_occ", "listed_lille", "private_lille"):
        assert detail(client, world[name]).keys() >= PRIVATE


def test_list_shows_private_fields_row_by_row(api, world):
    """In one list, private fields appear on the rows the user may read privately, only."""
    client = api.as_user(applicant(structure=world["private_occ"]))
    rows = {row["slug"]: row for row in client.get("/api/v1/structures/").json()["results"]}
    assert rows[world["private_occ"].slug].keys() >= PRIVATE
    assert not PRIVATE & rows[world["listed_occ"].slug].keys()
    assert not PRIVATE & rows[world["listed_lille"].slug].keys()


def test_inactive_membership_is_not_listed_among_members(api, world):
    """Only active memberships are shown as members."""
    structure = world["listed_occ"]
    user = applicant(structure=structure)
    MembershipFactory(
        user=UserFactory(first_name="Ancien", last_name="Membre"),
        structure=structure,
        role=Role.APPLICANT,
        is_active=False,
    )
    data = detail(api.as_user(user), structure)
    assert len(data["memberships"]) == 1
    assert "Ancien Membre" not in str(data)
