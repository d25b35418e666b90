"""People are read by signed-in users only, within `Person.objects.visible_to(user)`."""

import pytest

from tests.accounts.factories import (
    applicant,
    committee_member,
    coordinator,
    network_admin,
    speaker,
)
from tests.network.factories import AffiliationFactory, PersonFactory


@pytest.fixture
def people(world):
    """A public contact in Toulouse, staff of two private structures, a speaker's own profile."""
    contact = PersonFactory(
        first_name="Claire", last_name="Public", email="claire@example.org", phone="+33561000001"
    )
    AffiliationFactory(
        person=contact, structure=world["listed_occ"], position="Directrice", is_public_contact=True
    )
    # A non-public position elsewhere: only those with a reach over Lille may see it.
    AffiliationFactory(person=contact, structure=world["listed_lille"], position="Trésorière")
    staff_occ = PersonFactory(first_name="Paul", last_name="Mairie", phone="+33561000002")
    AffiliationFactory(person=staff_occ, structure=world["private_occ"])
    staff_lille = PersonFactory(first_name="Léa", last_name="Lille")
    AffiliationFactory(person=staff_lille, structure=world["private_lille"])
    speaker_user = speaker()
    own = PersonFactory(
        first_name="Sam",
        last_name="Intervenant",
        user=speaker_user,
        is_speaker=True,
        phone="+33600000000",
    )
    return {
        "contact": contact,
        "staff_occ": staff_occ,
        "staff_lille": staff_lille,
        "speaker": own,
        "speaker_user": speaker_user,
    }


ROLES = {
    "applicant": (lambda w, p: applicant(structure=w["private_occ"]), {"contact", "staff_occ"}),
    "coordinator": (lambda w, p: coordinator(region=w["occitanie"]), {"contact", "staff_occ"}),
    "committee member": (lambda w, p: committee_member(), {"contact"}),
    "speaker": (lambda w, p: p["speaker_user"], {"contact", "speaker"}),
    "network admin": (
        lambda w, p: network_admin(),
        {"contact", "staff_occ", "staff_lille", "speaker"},
    ),
}
PEOPLE = ["contact", "staff_occ", "staff_lille", "speaker"]


def test_anonymous_may_not_read_people(api, people):
    """People are not public data: anonymous requests get 401, with no name in the answer."""
    for url in ("/api/v1/people/", f"/api/v1/people/{people['contact'].pk}/"):
        response = api.get(url)
        assert response.status_code == 401
        assert "Claire" not in response.text


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_only_the_people_in_its_reach(api, world, people, role):
    """The list is `visible_to(user)`; anyone else is a 404 on the detail endpoint."""
    make_user, expected = ROLES[role]
    client = api.as_user(make_user(world, people))
    ids = {people[name].pk: name for name in PEOPLE}
    rows = client.get("/api/v1/people/").json()["results"]
    assert {ids[row["id"]] for row in rows if row["id"] in ids} == expected
    for name in PEOPLE:
        response = client.get(f"/api/v1/people/{people[name].pk}/")
        assert response.status_code == (200 if name in expected else 404), name


def test_public_contact_shows_email_but_not_phone_nor_other_positions(api, world, people):
    """Outside its structures' reach, a public contact shows name, position and e-mail only."""
    client = api.as_user(committee_member())
    data = client.get(f"/api/v1/people/{people['contact'].pk}/").json()
    assert data["email"] == "claire@example.org"
    assert "phone" not in data
    assert data["affiliations"] == [
        {
            "structure": world["listed_occ"].slug,
            "structure_name": "Cinéma Utopia",
            "position": "Directrice",
            "is_public_contact": True,
        }
    ]


def test_reach_over_a_structure_shows_its_people_contacts(api, world, people):
    """Whoever may read a structure's private data reads its people's e-mail and phone."""
    client = api.as_user(applicant(structure=world["private_occ"]))
    data = client.get(f"/api/v1/people/{people['staff_occ'].pk}/").json()
    assert data["phone"] == "+33561000002"
    assert "email" in data


def test_network_admin_sees_every_position(api, world, people):
    """The national network sees non-public positions too."""
    client = api.as_user(network_admin())
    data = client.get(f"/api/v1/people/{people['contact'].pk}/").json()
    assert {row["position"] for row in data["affiliations"]} == {"Directrice", "Trésorière"}
    assert data["phone"] == "+33561000001"


def test_speaker_reads_its_own_profile_in_full(api, people):
    """A speaker reads its own contact details."""
    client = api.as_user(people["speaker_user"])
    data = client.get(f"/api/v1/people/{people['speaker'].pk}/").json()
    assert data["phone"] == "+33600000000"
    assert data["is_speaker"] is True


def test_structure_filter_does_not_reveal_non_public_positions(api, world, people):
    """Filtering people by a structure follows only the positions the user may see."""
    client = api.as_user(committee_member())
    assert (
        client.get("/api/v1/people/", {"structure": world["listed_lille"].slug}).json()["count"]
        == 0
    )
    rows = client.get("/api/v1/people/", {"structure": world["listed_occ"].slug}).json()
    assert [row["id"] for row in rows["results"]] == [people["contact"].pk]


def test_search_and_speaker_filters(api, people):
    """`q` searches first and last names; `is_speaker` keeps the speakers."""
    client = api.as_user(network_admin())
    rows = client.get("/api/v1/people/", {"q": "mairie"}).json()["results"]
    assert [row["id"] for row in rows] == [people["staff_occ"].pk]
    rows = client.get("/api/v1/people/", {"is_speaker": "true"}).json()["results"]
    assert [row["id"] for row in rows] == [people["speaker"].pk]
