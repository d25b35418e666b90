"""What identifies a structure for a grant request (cerfa n°12156): its RNA number (for an
association: "W" and 9 digits, checked by shape since it has no check digit) and its legal
representative (name and qualité), both optional, typed by the structure or its coordination,
read only by those who see its private fields."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lanterne.network.models import Structure
from lanterne.network.validators import normalise_rna
from tests.accounts.factories import UserFactory, applicant
from tests.calls.hdf import hdf_world
from tests.network.factories import StructureFactory
from tests.www.test_structure_edit import edit_url, form_data


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("W313012345", "W313012345"),
        ("w313012345", "W313012345"),
        ("W 313 012 345", "W313012345"),
        ("W2A1000123", "W2A1000123"),  # Corsica's prefectures
    ],
)
def test_rna_numbers_are_normalised(typed, stored):
    """People type the number in lower case or grouped; it is stored as the RNA writes it."""
    assert normalise_rna(typed) == stored


@pytest.mark.parametrize(
    "typed", ["313012345", "W31301234", "W3130123456", "X313012345", "W31301234A", "0751234567"]
)
def test_malformed_rna_numbers_are_refused(typed):
    """Anything but "W" and 9 digits (the old "numéro de dossier", a missing digit) is refused
    with a message that shows the expected form."""
    with pytest.raises(ValidationError) as error:
        normalise_rna(typed)
    assert error.value.code == "rna_format"
    assert "W suivi de 9 chiffres" in error.value.messages[0]


def test_the_model_normalises_and_checks_the_rna_number():
    structure = StructureFactory.build(rna="w 313 012 345")
    structure.full_clean(exclude=["commune", "slug"])
    assert structure.rna == "W313012345"
    structure.rna = "W12"
    with pytest.raises(ValidationError) as error:
        structure.full_clean(exclude=["commune", "slug"])
    assert "rna" in error.value.message_dict


def test_a_qualite_without_a_name_is_refused():
    """A qualité alone says nothing of who signs: the name is asked for."""
    structure = StructureFactory.build(legal_representative_role="présidente")
    with pytest.raises(ValidationError) as error:
        structure.full_clean(exclude=["commune", "slug"])
    assert "legal_representative_name" in error.value.message_dict


def test_a_member_records_the_rna_number_and_the_representative(login, occitanie):
    """The structure's page of settings takes both; the private block of its page shows them."""
    structure = StructureFactory(commune=occitanie["toulouse"], unlisted=True)
    client = login(applicant(structure=structure))
    form = client.get(edit_url(structure)).text
    assert 'name="rna"' in form and 'name="legal_representative_name"' in form
    response = client.post(
        edit_url(structure),
        form_data(
            structure,
            rna="w313 012 345",
            legal_representative_name="Louise Arnaud",
            legal_representative_role="co-présidente",
        ),
    )
    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.rna == "W313012345"
    assert structure.legal_representative_name == "Louise Arnaud"
    assert structure.legal_representative_role == "co-présidente"
    page = client.get(structure.get_absolute_url()).text
    assert "W313012345" in page
    assert "Louise Arnaud, co-présidente" in page


def test_a_bad_rna_number_is_explained_and_what_was_typed_kept(login, occitanie):
    structure = StructureFactory(commune=occitanie["toulouse"], unlisted=True)
    client = login(applicant(structure=structure))
    response = client.post(
        edit_url(structure),
        form_data(structure, rna="W12345", legal_representative_name="Louise Arnaud"),
    )
    assert response.status_code == 200
    assert "W suivi de 9 chiffres" in response.text
    assert 'value="W12345"' in response.text
    assert 'value="Louise Arnaud"' in response.text
    structure.refresh_from_db()
    assert structure.rna == "" and structure.legal_representative_name == ""


def test_the_public_never_reads_the_representative(client, occitanie):
    """A listed structure's page shows neither its representative nor its RNA number to a
    visitor (they are in the private block)."""
    structure = StructureFactory(
        commune=occitanie["toulouse"],
        rna="W313012345",
        legal_representative_name="Louise Arnaud",
    )
    page = client.get(structure.get_absolute_url()).text
    assert "Louise Arnaud" not in page
    assert "W313012345" not in page


def test_an_applicant_creates_its_structure_with_them(login):
    """The onboarding's structure step takes the RNA number and the representative."""
    hdf = hdf_world()
    client = login(UserFactory())
    data = {
        "name": "Ciné-club du Faubourg",
        "kind": "cultural_actor",
        "commune": "Roubaix (59512)",
        "rna": "W 595 012 345",
        "legal_representative_name": "Louise Arnaud",
        "legal_representative_role": "présidente",
        "next": reverse("calls:detail", args=[hdf["north"].slug]),
    }
    response = client.post(reverse("onboarding:structure_create"), data)
    assert response.status_code == 302
    structure = Structure.objects.get(name="Ciné-club du Faubourg")
    assert structure.rna == "W595012345"
    assert structure.legal_representative_name == "Louise Arnaud"
    assert structure.legal_representative_role == "présidente"


def test_the_creation_form_refuses_a_bad_rna_and_a_lone_qualite(login):
    hdf_world()
    client = login(UserFactory())
    data = {
        "name": "Ciné-club du Faubourg",
        "kind": "cultural_actor",
        "commune": "Roubaix (59512)",
        "rna": "W5950",
        "legal_representative_role": "présidente",
    }
    response = client.post(reverse("onboarding:structure_create"), data)
    assert response.status_code == 200
    assert "W suivi de 9 chiffres" in response.text
    assert "Indiquez le nom du représentant·e légal·e" in response.text
    assert not Structure.objects.filter(name="Ciné-club du Faubourg").exists()


def test_a_coordinator_records_them_for_a_structure_of_its_perimeter(login):
    hdf = hdf_world()
    client = login(hdf["north_coordinator"])
    response = client.post(
        reverse("www:structure_create"),
        {
            "name": "Ciné-club du Faubourg",
            "kind": "cultural_actor",
            "commune": "Roubaix (59512)",
            "rna": "W595012345",
            "legal_representative_name": "Louise Arnaud",
            "legal_representative_role": "présidente",
            "is_listed": "on",
        },
    )
    assert response.status_code == 302
    structure = Structure.objects.get(name="Ciné-club du Faubourg")
    assert structure.rna == "W595012345"
    assert structure.legal_representative_name == "Louise Arnaud"


def test_the_admin_edits_them(login):
    structure = StructureFactory(rna="W313012345", legal_representative_name="Louise Arnaud")
    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    page = login(root).get(reverse("admin:network_structure_change", args=[structure.pk])).text
    assert 'name="rna"' in page and 'value="W313012345"' in page
    assert 'name="legal_representative_name"' in page
    assert 'name="legal_representative_role"' in page
