import pytest
from django.urls import reverse

from lanterne.core.models import AuditEvent
from lanterne.network.models import Structure
from tests.accounts.factories import applicant, coordinator, network_admin
from tests.network.factories import StructureFactory
from tests.www.conftest import assert_csp_compliant

VALID_SIRET = "73282932000074"


def form_data(structure, **overrides):
    data = {
        "name": structure.name,
        "acronym": structure.acronym,
        "description": structure.description,
        "siret": structure.siret,
        "address": structure.address,
        "address_complement": structure.address_complement,
        "postal_code": structure.postal_code,
        "commune": structure.commune_id or "",
        "latitude": "",
        "longitude": "",
        "website": structure.website,
        "email": structure.email,
        "phone": structure.phone,
        "is_listed": "on" if structure.is_listed else "",
        "version": structure.updated_at.isoformat(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def structure(occitanie):
    return StructureFactory(commune=occitanie["toulouse"], unlisted=True)


def edit_url(structure):
    return reverse("www:structure_edit", args=[structure.slug])


def test_member_updates_siret_phone_and_commune(login, structure, occitanie):
    """A member saves its structure: SIRET and phone are normalised, the commune is resolved
    from « Nom (code) », and an audit row and a history record are written."""
    client = login(applicant(structure=structure))
    response = client.get(edit_url(structure))
    assert response.status_code == 200
    assert_csp_compliant(response)
    response = client.post(
        edit_url(structure),
        form_data(
            structure,
            siret="732 829 320 00074",
            phone="05 61 25 22 55",
            commune="Montpellier (34172)",
        ),
    )
    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.siret == VALID_SIRET
    assert structure.phone == "+33561252255"
    assert structure.commune_id == "34172"
    assert AuditEvent.objects.filter(
        action="structure.update", object_id=str(structure.pk)
    ).exists()
    assert structure.history.count() == 2


def test_bad_input_is_explained_and_kept(login, structure):
    """A wrong SIRET key and an unknown commune are explained; what was typed is kept."""
    client = login(applicant(structure=structure))
    response = client.post(
        edit_url(structure),
        form_data(
            structure,
            siret="73282932000075",
            commune="Nullepart",
            description="Texte saisi",
        ),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "clé de contrôle" in text
    assert "Aucune commune ne correspond à « Nullepart »" in text
    assert "Texte saisi" in text and "Nullepart" in text
    assert Structure.objects.get(pk=structure.pk).siret == ""


def test_stale_save_is_refused_and_input_kept(login, structure):
    """Two people editing at once: the second save, based on an older version, is refused."""
    client = login(applicant(structure=structure))
    stale_version = structure.updated_at.isoformat()
    Structure.objects.filter(pk=structure.pk).update(name="Changé par quelqu'un d'autre")
    structure.refresh_from_db()
    structure.save()  # bumps updated_at, as a concurrent save would
    response = client.post(
        edit_url(structure),
        form_data(
            structure,
            name="Ma version",
            version=stale_version,
        ),
    )
    assert response.status_code == 200
    assert "pendant que vous la modifiiez" in response.content.decode()
    assert "Ma version" in response.content.decode()
    structure.refresh_from_db()
    assert structure.name == "Changé par quelqu'un d'autre"


def test_coordinator_of_the_territory_may_edit(login, structure, occitanie):
    """The coordination of the structure's région may complete its information."""
    client = login(coordinator(region=occitanie["region"]))
    assert client.get(edit_url(structure)).status_code == 200


@pytest.mark.parametrize("who", ["other_applicant", "other_region", "network_admin"])
def test_others_may_not_edit(login, structure, hauts_de_france, who):
    """Out of reach is 404; in reach but without the right to change (network admin) is 403."""
    user = {
        "other_applicant": lambda: applicant(),
        "other_region": lambda: coordinator(region=hauts_de_france["region"]),
        "network_admin": network_admin,
    }[who]()
    client = login(user)
    expected = 403 if who == "network_admin" else 404
    assert client.get(edit_url(structure)).status_code == expected
    assert client.post(edit_url(structure), form_data(structure, name="X")).status_code == expected
    structure.refresh_from_db()
    assert structure.name != "X"


def test_anonymous_is_sent_to_login(client, structure):
    response = client.get(edit_url(structure))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
