from html import unescape

import pytest
from django.urls import reverse

from lanterne.accounts.enums import Role
from lanterne.network.enums import StructureKind
from tests.accounts.factories import (
    MembershipFactory,
    UserFactory,
    applicant,
    committee_member,
    coordinator,
    network_admin,
    speaker,
)
from tests.network.factories import (
    AffiliationFactory,
    CoordinationFactory,
    PersonFactory,
    PoleFactory,
    StructureFactory,
)
from tests.territories.factories import CommuneFactory, RegionFactory
from tests.www.conftest import assert_csp_compliant, make_structures

HOME = reverse("www:home")


def test_home_requires_signing_in(client):
    """The home page is personal: anonymous visitors are sent to the login page."""
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_welcome_page_is_public_and_sends_signed_in_users_home(client, login):
    """`/` welcomes visitors with links to the directory and the map; users go to their home."""
    response = client.get(reverse("www:welcome"))
    assert response.status_code == 200
    assert reverse("www:directory") in response.text
    assert reverse("www:map") in response.text
    assert_csp_compliant(response)
    response = login(UserFactory()).get(reverse("www:welcome"))
    assert response.status_code == 302
    assert response["Location"] == HOME


def test_user_without_role_is_told_whom_to_contact(login):
    """A fresh account sees who can attach it to its structure."""
    response = login(UserFactory()).get(HOME)
    assert response.status_code == 200
    assert "n'est encore rattaché à aucune structure" in unescape(response.text)
    assert_csp_compliant(response)


def test_applicant_sees_what_is_missing_from_its_structures(login, occitanie):
    """Each of the applicant's structures lists its missing information, with a link."""
    structure = StructureFactory(
        name="Commune de Toulouse",
        applicant_commune=True,
        commune=occitanie["toulouse"],
        email="mairie@example.org",
    )
    complete = StructureFactory(
        name="Association complète",
        siret="73282932000074",
        email="a@example.org",
        phone="+33561000000",
        description="Présentation.",
    )
    user = applicant(structure=structure)
    MembershipFactory(user=user, structure=complete, role=Role.APPLICANT)
    PoleFactory(
        name="Pôle Occitanie",
        region=occitanie["region"],
        carriers=[StructureFactory(name="La Trame", pole=True)],
    )
    text = unescape(login(user).get(HOME).text)
    assert reverse("www:structure", args=[structure.slug]) in text
    assert "numéro SIRET" in text
    assert "téléphone" in text
    assert "présentation" in text
    assert "Fiche complète." in text
    assert "Pôle Occitanie" in text
    assert "La Trame" in text


def test_coordinator_sees_its_perimeter_counts_and_incomplete_structures(
    login, occitanie, hauts_de_france
):
    """Named perimeter, counts by type, structures lacking SIRET or position, its missions."""
    StructureFactory(name="Sans SIRET", commune=occitanie["toulouse"])
    StructureFactory(name="Complète", commune=occitanie["toulouse"], siret="73282932000074")
    StructureFactory(
        name="Sans position",
        siret="35600000000048",
        commune=CommuneFactory(
            departement=occitanie["toulouse"].departement, without_position=True
        ),
    )
    StructureFactory(name="Ailleurs", commune=hauts_de_france["lille"])
    user = coordinator(region=occitanie["region"])
    CoordinationFactory(
        name="Passeurs d'images Occitanie",
        region=occitanie["region"],
        carriers=[user.memberships.get().structure],
    )
    response = login(user).get(HOME)
    dashboard = response.context["dashboards"]["coordinator"]
    assert [r.name for r in dashboard["regions"]] == ["Occitanie"]
    assert [d.code for d in dashboard["departements"]] == ["31", "34"]
    assert dict(dashboard["by_kind"])[StructureKind.CULTURAL_ACTOR.label] == 3
    assert {s.name for s in dashboard["incomplete"]} == {"Sans SIRET", "Sans position"}
    assert dashboard["incomplete_count"] == 2
    text = unescape(response.text)
    assert "Haute-Garonne (31)" in text
    assert "Passeurs d'images Occitanie" in text
    assert "Ailleurs" not in text


def test_committee_member_sees_its_institution_and_no_session_yet(login):
    """A member on no session is told none is assigned, and that no project is to read."""
    drac = StructureFactory(name="DRAC Occitanie", drac=True)
    text = unescape(login(committee_member(structure=drac)).get(HOME).text)
    assert "DRAC Occitanie" in text
    assert "Aucune session de comité ne vous est attribuée pour l'instant." in text
    assert "Aucun projet n'a encore été retenu sur les appels de vos comités." in text


def test_speaker_sees_the_completeness_of_its_profile(login):
    """A speaker without a bio or affiliations is told to complete them."""
    user = speaker()
    PersonFactory(user=user, is_speaker=True, bio="")
    text = unescape(login(user).get(HOME).text)
    assert "Intervenant·e : votre fiche" in text
    assert "présentation (parcours, spécialités)" in text
    assert "structures avec lesquelles vous travaillez" in text


def test_speaker_without_person_record_is_told_so(login):
    text = unescape(login(speaker()).get(HOME).text)
    assert "n'a pas encore été créée" in text


def test_network_admin_sees_national_counts(login):
    """Structures by type, régions covered by pôles and coordinations, structures unplaced."""
    covered = RegionFactory(name="Occitanie")
    RegionFactory(name="Bretagne")
    PoleFactory(region=covered)
    StructureFactory(commune=CommuneFactory(without_position=True))
    response = login(network_admin()).get(HOME)
    dashboard = response.context["dashboards"]["network_admin"]
    assert [r.name for r in dashboard["regions_with_pole"]] == ["Occitanie"]
    assert "Bretagne" in [r.name for r in dashboard["regions_without_pole"]]
    assert dashboard["without_position"] == 1
    assert "Structures par type" in response.text


def test_superuser_gets_a_link_to_the_admin(login):
    user = UserFactory(is_superuser=True, is_staff=True)
    text = unescape(login(user).get(HOME).text)
    assert reverse("admin:index") in text


def _busy_coordinator(occitanie, rows):
    user = coordinator(region=occitanie["region"])
    make_structures(rows, commune=occitanie["toulouse"])
    make_structures(rows, commune=occitanie["montpellier"], applicant_commune=True)
    for structure in make_structures(rows, applicant_commune=True):
        MembershipFactory(user=user, structure=structure, role=Role.APPLICANT)
    person = PersonFactory(user=user, is_speaker=True)
    for structure in make_structures(rows):
        AffiliationFactory(person=person, structure=structure)
        MembershipFactory(user=user, structure=structure, role=Role.COMMITTEE_MEMBER)
    MembershipFactory(user=user, structure=None, role=Role.SPEAKER)
    return user


@pytest.mark.parametrize("rows", [3, 30])
def test_home_query_count_is_constant(login, django_assert_num_queries, occitanie, rows):
    """Every role's section runs a fixed number of queries, whatever the number of rows."""
    client = login(_busy_coordinator(occitanie, rows))
    with django_assert_num_queries(28):
        response = client.get(HOME)
    assert set(response.context["dashboards"]) == {
        "applicant",
        "coordinator",
        "committee_member",
        "speaker",
    }


@pytest.mark.parametrize("rows", [3, 30])
def test_network_admin_home_query_count_is_constant(login, django_assert_num_queries, rows):
    make_structures(rows)
    for _ in range(rows):
        PoleFactory()
    client = login(network_admin())
    with django_assert_num_queries(7):
        client.get(HOME)


@pytest.mark.parametrize("rows", [3, 30])
def test_network_admin_home_reads_the_network_counts_once(
    login, django_assert_num_queries, django_capture_on_commit_callbacks, rows
):
    """The whole network's counts by type and without a position are one walk of the structure
    table, shared through the cache: the next visit reads only the structures' version (one
    query fewer, whatever the number of structures), and a new structure shows at once."""
    make_structures(rows)
    client = login(network_admin())
    client.get(HOME)
    with django_assert_num_queries(6):
        response = client.get(HOME)
    counted = dict(response.context["dashboards"]["network_admin"]["by_kind"])
    total = sum(counted.values())
    with django_capture_on_commit_callbacks(execute=True):
        StructureFactory(commune=CommuneFactory(without_position=True))
    dashboard = client.get(HOME).context["dashboards"]["network_admin"]
    assert sum(dict(dashboard["by_kind"]).values()) == total + 1
    assert dashboard["without_position"] == 1
