"""Two records of one structure are merged by the coordination of its territory: everything
that points to the duplicate (memberships, contacts, missions, dossiers, projects, calls…),
from every app, moves to the record kept; a row that would then be twice (the same person's
membership in both) is dropped; the duplicate is deleted and the trail says what moved."""

import pytest
from django.urls import reverse

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership
from lanterne.core.audit import AuditEvent
from lanterne.dossiers.models import Dossier
from lanterne.network.enums import AuditAction
from lanterne.network.models import Coordination, Structure
from lanterne.network.services import structure_merge, structure_merge_preview
from lanterne.projects.models import Project
from tests.accounts.factories import MembershipFactory, UserFactory, coordinator
from tests.calls.hdf import hdf_world
from tests.network.factories import AffiliationFactory, CoordinationFactory, StructureFactory
from tests.projects.factories import project
from tests.territories.factories import RegionFactory


@pytest.fixture
def hdf():
    return hdf_world()


def _twins(hdf):
    """Two records of the Moulin, the duplicate with a project, a contact, a mission it
    carries, its own member and one shared with the kept record."""
    keep = hdf["moulin"]
    duplicate = StructureFactory(
        name="MQ du Moulin", applicant_commune=True, commune=keep.commune, siret="73282932000074"
    )
    shared = hdf["moulin_user"]
    MembershipFactory(user=shared, structure=duplicate, role=Role.APPLICANT)
    other = MembershipFactory(structure=duplicate, role=Role.APPLICANT).user
    AffiliationFactory(structure=duplicate)
    CoordinationFactory(region=hdf["region"], carriers=[duplicate])
    p = project(call=hdf["north"], applicant=duplicate)
    return keep, duplicate, shared, other, p


def test_merge_moves_every_link_and_drops_twins(hdf):
    keep, duplicate, shared, other, p = _twins(hdf)
    preview = dict(structure_merge_preview(keep=keep, duplicate=duplicate))
    assert preview["rôles dans les structures"] == 2
    assert preview["dossiers"] == 1
    merged = structure_merge(keep=keep, duplicate=duplicate, by=hdf["north_coordinator"])
    assert merged == keep
    assert not Structure.objects.filter(pk=duplicate.pk).exists()
    assert Membership.objects.filter(user=shared, structure=keep, role=Role.APPLICANT).count() == 1
    assert Membership.objects.filter(user=other, structure=keep).exists()
    assert Dossier.objects.get(pk=p.dossier.pk).applicant == keep
    assert Project.objects.get(pk=p.pk).applicant == keep
    assert keep.affiliations.count() == 1
    assert Coordination.objects.filter(carriers=keep).count() == 1
    keep.refresh_from_db()
    assert keep.siret == "73282932000074"
    event = AuditEvent.objects.get(action=AuditAction.MERGE, object_id=str(keep.pk))
    assert event.details["moved"]["dossiers.dossier"] == 1
    assert event.details["duplicate_name"] == "MQ du Moulin"


def test_merge_keeps_the_identification_the_kept_record_lacked(hdf):
    """The duplicate's RNA number and legal representative fill the kept record's blanks; a
    representative the kept record has stays, with its own qualité."""
    keep, duplicate, *_ = _twins(hdf)
    Structure.objects.filter(pk=duplicate.pk).update(
        rna="W595012345",
        legal_representative_name="Louise Arnaud",
        legal_representative_role="présidente",
    )
    duplicate.refresh_from_db()
    structure_merge(keep=keep, duplicate=duplicate, by=hdf["north_coordinator"])
    keep.refresh_from_db()
    assert (keep.rna, keep.legal_representative_name, keep.legal_representative_role) == (
        "W595012345",
        "Louise Arnaud",
        "présidente",
    )

    keep, duplicate = hdf["herbe"], StructureFactory(commune=hdf["herbe"].commune)
    Structure.objects.filter(pk=keep.pk).update(legal_representative_name="Paul Roy")
    Structure.objects.filter(pk=duplicate.pk).update(
        legal_representative_name="Louise Arnaud", legal_representative_role="présidente"
    )
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    structure_merge(keep=keep, duplicate=duplicate, by=hdf["south_coordinator"])
    keep.refresh_from_db()
    assert (keep.legal_representative_name, keep.legal_representative_role) == ("Paul Roy", "")


def test_merge_page_shows_what_moves_then_merges(hdf, login):
    keep, duplicate, *_ = _twins(hdf)
    client = login(hdf["north_coordinator"])
    url = reverse("www:structure_merge", args=[duplicate.slug])
    page = client.get(url).text
    # The record with the same SIRET or name is offered; choosing it shows what moves.
    page = client.get(url, {"q": "Moulin"}).text
    assert f"?keep={keep.slug}" in page
    page = client.get(url, {"keep": keep.slug}).text
    assert "Rôles dans les structures : 2" in page
    assert Structure.objects.filter(pk=duplicate.pk).exists()
    response = client.post(url, {"keep": keep.slug})
    assert response.status_code == 302
    assert response.url == keep.get_absolute_url()
    assert not Structure.objects.filter(pk=duplicate.pk).exists()


def test_merge_outside_the_perimeter_is_refused(hdf, login):
    """A coordinator of another région does not reach the records (404); an applicant member
    reaches them but may not merge (403); nothing is deleted."""
    keep, duplicate, *_ = _twins(hdf)
    url = reverse("www:structure_merge", args=[duplicate.slug])
    assert (
        login(coordinator(region=RegionFactory())).post(url, {"keep": keep.slug}).status_code == 404
    )
    assert login(hdf["moulin_user"]).post(url, {"keep": keep.slug}).status_code == 403
    assert login(UserFactory()).get(url).status_code == 404
    assert Structure.objects.filter(pk=duplicate.pk).exists()


def test_coordinator_creates_a_structure_of_its_perimeter(hdf, login):
    """Without the admin site; a commune outside its perimeter is refused with a message."""
    client = login(hdf["north_coordinator"])
    url = reverse("www:structure_create")
    data = {"name": "Cinéma Le Méliès", "kind": "cultural_actor", "is_listed": "on"}
    response = client.post(url, {**data, "commune": "Saint-Quentin (02691)"})
    assert response.status_code == 200
    assert "hors de votre territoire" in response.text
    assert "Cinéma Le Méliès" in response.text
    assert not Structure.objects.filter(name="Cinéma Le Méliès").exists()
    response = client.post(url, {**data, "commune": "Roubaix (59512)"})
    assert response.status_code == 302
    structure = Structure.objects.get(name="Cinéma Le Méliès")
    assert structure.is_listed
    assert login(hdf["moulin_user"]).get(url).status_code == 403
