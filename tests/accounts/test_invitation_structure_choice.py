"""The invitation's structure is searched by name among the inviter's perimeter (50 000
structures nationally): suggestions come from the perimeter only, the form accepts the
structure chosen or its name typed (without JavaScript), and never one of another
coordination's structures — neither suggested nor accepted on POST."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Invitation
from tests.accounts.factories import applicant, network_admin
from tests.network.factories import StructureFactory

LIST = reverse("invitations:list")
SUGGEST = reverse("invitations:structure_suggestions")


def post(client, **structure):
    return client.post(
        LIST, {"email": "lea@example.org", "role": Role.APPLICANT, "language": "fr", **structure}
    )


def suggested(client, term):
    response = client.get(SUGGEST, {"q": term})
    assert response.status_code == 200
    return [result["label"] for result in response.json()["results"]]


def test_suggestions_come_from_the_perimeter_only(login, perimeter):
    """A coordinator typing a name shared by a structure of its perimeter and one of another
    coordination is offered its own only, labelled with its commune."""
    StructureFactory(name="Ciné des Faubourgs de Lille", commune=perimeter["lille"])
    client = login(perimeter["coordinator"])
    assert suggested(client, "faubourgs") == ["Ciné des Faubourgs (Toulouse)"]
    assert suggested(client, "cine faub toulouse") == ["Ciné des Faubourgs (Toulouse)"]
    assert suggested(client, "moulin") == []
    result = client.get(SUGGEST, {"q": "faubourgs"}).json()["results"][0]
    assert result["value"] == perimeter["inside"].pk
    assert "Haute-Garonne" in result["detail"]


def test_a_short_term_suggests_nothing(login, perimeter):
    assert suggested(login(perimeter["coordinator"]), "c") == []


def test_the_national_network_is_offered_every_structure(login, perimeter):
    client = login(network_admin())
    assert "Maison du Moulin (Lille)" in suggested(client, "moulin")


def test_suggestions_are_for_who_invites(client, login, perimeter):
    """An applicant invites nobody: 403; an anonymous visitor is sent to sign in."""
    response = client.get(SUGGEST, {"q": "faubourgs"})
    assert response.status_code == 302
    member = login(applicant(structure=perimeter["inside"]))
    assert member.get(SUGGEST, {"q": "ciné"}).status_code == 403


def queries_of(client, term="faubourgs") -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(SUGGEST, {"q": term})
    return len(queries)


def test_suggestions_cost_a_fixed_number_of_queries(login, perimeter):
    """Ten times the structures, the same queries (20 suggestions at most)."""
    client = login(perimeter["coordinator"])
    client.get(SUGGEST, {"q": "faubourgs"})  # the scope is cached after the first request
    few = queries_of(client)
    for n in range(30):
        StructureFactory(
            name="Ciné des Faubourgs bis", slug=f"bis-{n}", commune=perimeter["inside"].commune
        )
    assert len(suggested(client, "faubourgs")) == 20
    assert queries_of(client) == few


def test_the_structure_chosen_in_the_list_is_invited_for(login, perimeter):
    client = login(perimeter["coordinator"])
    response = post(
        client,
        structure=perimeter["inside"].pk,
        structure_label="Ciné des Faubourgs (Toulouse)",
    )
    assert response.status_code == 302
    assert Invitation.objects.get().structure == perimeter["inside"]


@pytest.mark.parametrize("typed", ["Ciné des Faubourgs (Toulouse)", "cine des faubourgs"])
def test_a_name_typed_without_the_script_is_read(login, perimeter, typed):
    """Without JavaScript the text alone is sent: the exact label or name is enough."""
    client = login(perimeter["coordinator"])
    assert post(client, structure="", structure_label=typed).status_code == 302
    assert Invitation.objects.get().structure == perimeter["inside"]


def test_a_siret_typed_is_read(login, perimeter):
    perimeter["inside"].siret = "73282932000074"
    perimeter["inside"].save()
    client = login(perimeter["coordinator"])
    assert post(client, structure="", structure_label="732 829 320 00074").status_code == 302
    assert Invitation.objects.get().structure == perimeter["inside"]


def test_another_coordinations_structure_is_refused_by_id_and_by_name(login, perimeter):
    """Neither its id (a forged POST) nor its name typed gets another coordination's
    structure through; what was typed is kept."""
    client = login(perimeter["coordinator"])
    outside = perimeter["outside"]
    response = post(client, structure=outside.pk, structure_label="Maison du Moulin (Lille)")
    assert response.status_code == 422
    assert "Sélectionnez un choix valide" in response.text
    response = post(client, structure="", structure_label="Maison du Moulin")
    assert response.status_code == 422
    assert "Aucune structure de votre périmètre ne correspond à « Maison du Moulin »" in (
        response.content.decode()
    )
    assert 'value="Maison du Moulin"' in response.text
    assert 'aria-describedby="id_structure_helptext id_structure_error"' in response.text
    assert not Invitation.objects.exists()


def test_a_text_typed_over_a_choice_is_read_instead(login, perimeter):
    """A structure chosen, then another name typed over it: the text wins (here it names
    nothing of the perimeter, so the form says so rather than invite for the first)."""
    client = login(perimeter["coordinator"])
    response = post(client, structure=perimeter["inside"].pk, structure_label="Maison du Moulin")
    assert response.status_code == 422
    assert not Invitation.objects.exists()


def test_an_ambiguous_name_lists_the_structures_it_may_be(login, perimeter):
    StructureFactory(
        name="Ciné des Faubourgs",
        slug="cine-des-faubourgs-montpellier",
        commune=perimeter["occitanie"]["montpellier"],
    )
    client = login(perimeter["coordinator"])
    response = post(client, structure="", structure_label="Ciné des Faubourgs")
    assert response.status_code == 422
    text = response.content.decode()
    assert "Plusieurs structures de votre périmètre" in text
    assert "Ciné des Faubourgs (Toulouse)" in text and "Ciné des Faubourgs (Montpellier)" in text
    # The label tells them apart.
    response = post(client, structure="", structure_label="Ciné des Faubourgs (Montpellier)")
    assert response.status_code == 302


def test_a_refused_form_shows_the_structure_typed(login, perimeter):
    """The invitation refused for another reason keeps the structure chosen, by its label."""
    client = login(perimeter["coordinator"])
    response = client.post(
        LIST,
        {
            "email": "not-an-address",
            "role": Role.APPLICANT,
            "language": "fr",
            "structure": perimeter["inside"].pk,
            "structure_label": "Ciné des Faubourgs (Toulouse)",
        },
    )
    assert response.status_code == 422
    assert 'aria-describedby="id_structure_helptext"' in response.text
    assert f'value="{perimeter["inside"].pk}"' in response.text
    assert 'value="Ciné des Faubourgs (Toulouse)"' in response.text
