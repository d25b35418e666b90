import pytest
from django.urls import reverse

from lanterne.accounts.enums import Role
from tests.accounts.factories import (
    MembershipFactory,
    UserFactory,
    applicant,
    coordinator,
    network_admin,
)
from tests.network.factories import (
    AffiliationFactory,
    CoordinationFactory,
    PoleFactory,
    StructureFactory,
)
from tests.territories.factories import CommuneFactory
from tests.www.conftest import assert_csp_compliant

SIRET = "73282932000074"


def url(structure) -> str:
    return reverse("www:structure", args=[structure.slug])


@pytest.fixture
def trame(occitanie):
    structure = StructureFactory(
        name="La Trame",
        slug="la-trame",
        pole=True,
        commune=occitanie["toulouse"],
        description="Pôle d'Occitanie.",
        address="1 rue du Cinéma",
        postal_code="31000",
        website="https://example.org/",
        siret=SIRET,
        email="contact@latrame.example",
        phone="+33561000000",
        latitude=43.6,
        longitude=1.45,
    )
    AffiliationFactory(
        structure=structure,
        person__first_name="Camille",
        person__last_name="Durand",
        person__email="camille@latrame.example",
        position="Coordinatrice",
        is_public_contact=True,
    )
    AffiliationFactory(
        structure=structure,
        person__first_name="Jules",
        person__last_name="Secret",
        position="Comptable",
    )
    PoleFactory(name="Pôle Occitanie", region=occitanie["region"], carriers=[structure])
    CoordinationFactory(
        name="Passeurs d'images Occitanie", region=occitanie["region"], carriers=[structure]
    )
    return structure


def test_public_page_shows_public_information(client, trame):
    """Anyone sees name, type, address, commune with département and région, missions, contacts."""
    response = client.get(url(trame))
    assert response.status_code == 200
    text = response.text
    for expected in [
        "La Trame",
        "Pôle régional d&#x27;éducation aux images",
        "1 rue du Cinéma",
        "Toulouse — Haute-Garonne (31), Occitanie",
        "https://example.org/",
        "Pôle Occitanie",
        "Passeurs d&#x27;images Occitanie",
        "Camille Durand",
        "camille@latrame.example",
        "Coordinatrice",
    ]:
        assert expected in text, expected
    assert_csp_compliant(response)


def test_private_information_is_hidden_from_the_public(client, trame):
    """SIRET, e-mail, phone, members and non-public contacts are not shown to visitors."""
    MembershipFactory(structure=trame, role=Role.COORDINATOR, user__email="membre@example.org")
    text = client.get(url(trame)).text
    for secret in [
        "732 829 320 00074",
        "contact@latrame.example",
        "05 61 00 00 00",
        "membre@example.org",
        "Jules Secret",
        "Informations réservées",
    ]:
        assert secret not in text, secret


def test_private_information_is_shown_to_a_member(login, trame):
    """A member of the structure sees SIRET (formatted), e-mail, phone, listing and members."""
    user = UserFactory(email="membre@example.org", first_name="Léa", last_name="Petit")
    MembershipFactory(user=user, structure=trame, role=Role.APPLICANT)
    text = login(user).get(url(trame)).text
    for shown in [
        "732 829 320 00074",
        "contact@latrame.example",
        "05 61 00 00 00",
        "oui, visible par tous",
        "Léa Petit",
        "membre@example.org",
        "Jules Secret",
    ]:
        assert shown in text, shown


def test_private_information_is_shown_to_the_coordinator_of_the_perimeter(login, trame, occitanie):
    """The coordination of the structure's région sees its private information."""
    text = login(coordinator(region=occitanie["region"])).get(url(trame)).text
    assert "732 829 320 00074" in text


def test_private_information_is_hidden_from_another_applicant(login, trame):
    """An applicant of another structure sees only the public part."""
    text = login(applicant()).get(url(trame)).text
    assert "732 829 320 00074" not in text


def test_out_of_scope_structure_is_a_404(client, login):
    """An unlisted structure does not exist for the public nor for other applicants."""
    hidden = StructureFactory(applicant_commune=True)
    assert client.get(url(hidden)).status_code == 404
    assert login(applicant()).get(url(hidden)).status_code == 404
    assert login(applicant(structure=hidden)).get(url(hidden)).status_code == 200
    assert login(network_admin()).get(url(hidden)).status_code == 200


def test_unknown_slug_is_a_404_with_the_site_layout(client):
    """The 404 page is Lanterne's own, in French."""
    response = client.get(reverse("www:structure", args=["nope"]))
    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_position_from_the_commune_is_marked_approximate(client):
    """Without its own coordinates, a structure is placed at its commune's centre, said so."""
    structure = StructureFactory(commune=CommuneFactory(latitude=45.0, longitude=4.0))
    response = client.get(url(structure))
    assert 'id="structure-map"' in response.text
    assert 'data-lat="45.000000"' in response.text
    assert "Position approximative (centre de la commune)." in response.text


def test_no_map_without_position(client):
    """No position at all: no map, a plain statement instead."""
    structure = StructureFactory(commune=CommuneFactory(without_position=True))
    response = client.get(url(structure))
    assert 'id="structure-map"' not in response.text
    assert "leaflet.js" not in response.text
    assert "Position inconnue." in response.text


def test_fictitious_structure_has_a_badge(client):
    """Demonstration data is flagged as such."""
    structure = StructureFactory(is_fictitious=True)
    assert "structure fictive (démonstration)" in client.get(url(structure)).text


def _make_affiliations(structure, rows):
    for index in range(rows):
        AffiliationFactory(structure=structure, is_public_contact=index % 2 == 0)
        MembershipFactory(structure=structure)


@pytest.mark.parametrize("rows", [2, 20])
def test_public_page_query_count_is_constant(client, django_assert_num_queries, trame, rows):
    """Anonymous: structure, pôles, coordinations, contacts — whatever the number of contacts."""
    _make_affiliations(trame, rows)
    with django_assert_num_queries(4):
        assert client.get(url(trame)).status_code == 200


@pytest.mark.parametrize("rows", [2, 20])
def test_private_page_query_count_is_constant(login, django_assert_num_queries, trame, rows):
    """A member: + session, user, scope and the members list, whatever the number of rows."""
    _make_affiliations(trame, rows)
    user = UserFactory()
    MembershipFactory(user=user, structure=trame, role=Role.APPLICANT)
    client = login(user)
    with django_assert_num_queries(9):
        response = client.get(url(trame))
    assert "Informations réservées" in response.text
