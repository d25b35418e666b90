"""Who may read which structure: the queryset and the `rules` predicates agree for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from lanterne.network.models import Person, Structure
from tests.accounts.factories import (
    applicant,
    committee_member,
    coordinator,
    network_admin,
    speaker,
)
from tests.network.factories import AffiliationFactory, StructureFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, RegionFactory


@pytest.fixture
def world():
    """Two régions; in each, one listed and one unlisted (private) structure."""
    occitanie = RegionFactory(code="76", name="Occitanie")
    hdf = RegionFactory(code="32", name="Hauts-de-France")
    toulouse = CommuneFactory(
        code="31555", departement=DepartementFactory(code="31", region=occitanie)
    )
    lille = CommuneFactory(code="59350", departement=DepartementFactory(code="59", region=hdf))
    amiens = CommuneFactory(code="80021", departement=DepartementFactory(code="80", region=hdf))
    return {
        "occitanie": occitanie,
        "hdf": hdf,
        "listed_occ": StructureFactory(commune=toulouse),
        "private_occ": StructureFactory(commune=toulouse, unlisted=True),
        "private_lille": StructureFactory(commune=lille, unlisted=True),
        "private_amiens": StructureFactory(commune=amiens, unlisted=True),
    }


def visible(user, world):
    names = ["listed_occ", "private_occ", "private_lille", "private_amiens"]
    return {
        name
        for name in names
        if Structure.objects.visible_to(user).filter(pk=world[name].pk).exists()
    }


def test_anonymous_sees_only_listed_structures(world):
    """The public sees the directory: listed structures only."""
    assert visible(AnonymousUser(), world) == {"listed_occ"}


def test_applicant_sees_listed_and_its_own(world):
    """An applicant never sees another applicant's private structure."""
    user = applicant(structure=world["private_occ"])
    assert visible(user, world) == {"listed_occ", "private_occ"}


def test_coordinator_sees_its_whole_region(world):
    """A coordinator of Occitanie sees every structure of Occitanie, none of Hauts-de-France."""
    user = coordinator(region=world["occitanie"])
    assert visible(user, world) == {"listed_occ", "private_occ"}


def test_coordinator_of_a_part_of_a_region_sees_only_its_departements(world):
    """Hauts-de-France north (Nord) does not see a private structure of the Somme."""
    nord = world["private_lille"].commune.departement
    user = coordinator(region=world["hdf"], departements=[nord])
    assert visible(user, world) == {"listed_occ", "private_lille"}


def test_committee_member_and_speaker_see_only_listed(world):
    """Committee members and speakers have no territorial reach over structures."""
    assert visible(committee_member(), world) == {"listed_occ"}
    assert visible(speaker(), world) == {"listed_occ"}


def test_network_admin_sees_everything(world):
    assert visible(network_admin(), world) == {
        "listed_occ",
        "private_occ",
        "private_lille",
        "private_amiens",
    }


def test_inactive_membership_gives_no_access(world):
    """A deactivated membership no longer opens the structure."""
    user = applicant(structure=world["private_occ"])
    user.memberships.update(is_active=False)
    assert visible(user, world) == {"listed_occ"}


@pytest.mark.parametrize(
    "make_user",
    [
        lambda w: AnonymousUser(),
        lambda w: applicant(structure=w["private_occ"]),
        lambda w: coordinator(region=w["occitanie"]),
        lambda w: coordinator(
            region=w["hdf"], departements=[w["private_lille"].commune.departement]
        ),
        lambda w: committee_member(),
        lambda w: speaker(),
        lambda w: network_admin(),
    ],
    ids=[
        "anonymous",
        "applicant",
        "coordinator",
        "coordinator_part",
        "committee",
        "speaker",
        "network_admin",
    ],
)
def test_predicate_agrees_with_queryset(world, make_user):
    """`network.view_structure` and `Structure.objects.visible_to` give the same answer."""
    user = make_user(world)
    visible_ids = set(Structure.objects.visible_to(user).values_list("pk", flat=True))
    for structure in Structure.objects.all():
        assert user.has_perm("network.view_structure", structure) == (
            structure.pk in visible_ids
        ), structure


def test_private_fields_permission(world):
    """SIRET, e-mail and members of a listed structure are for its members and coordinators."""
    listed = world["listed_occ"]
    assert not AnonymousUser().has_perm("network.view_structure_private", listed)
    assert not applicant().has_perm("network.view_structure_private", listed)
    assert applicant(structure=listed).has_perm("network.view_structure_private", listed)
    assert coordinator(region=world["occitanie"]).has_perm("network.view_structure_private", listed)
    assert not coordinator(region=world["hdf"]).has_perm("network.view_structure_private", listed)


def test_people_visibility(world):
    """Public contacts of visible structures are public; other people only within reach."""
    public = AffiliationFactory(structure=world["listed_occ"], is_public_contact=True).person
    hidden = AffiliationFactory(structure=world["listed_occ"], is_public_contact=False).person
    private_lille = AffiliationFactory(
        structure=world["private_lille"], is_public_contact=True
    ).person
    anonymous = set(Person.objects.visible_to(AnonymousUser()))
    assert anonymous == {public}
    occ = set(Person.objects.visible_to(coordinator(region=world["occitanie"])))
    assert occ == {public, hidden}
    assert private_lille in set(Person.objects.visible_to(network_admin()))


def test_affiliation_visibility(world):
    """A person's non-public positions are hidden from those who only see its public contact."""
    person = AffiliationFactory(structure=world["listed_occ"], is_public_contact=True).person
    private = AffiliationFactory(
        person=person, structure=world["private_lille"], is_public_contact=False
    )
    from lanterne.network.models import Affiliation

    anonymous = set(Affiliation.objects.visible_to(AnonymousUser()))
    assert private not in anonymous and len(anonymous) == 1
    hdf = coordinator(region=world["hdf"])
    assert private in set(Affiliation.objects.visible_to(hdf))
