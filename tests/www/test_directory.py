import pytest
from django.urls import reverse
from django.utils import translation

from lanterne.network.enums import StructureKind, StructureSubkind
from tests.accounts.factories import MembershipFactory, UserFactory, applicant, coordinator
from tests.network.factories import StructureFactory
from tests.www.conftest import assert_csp_compliant, make_structures

DIRECTORY = reverse("www:directory")


def names(response) -> list[str]:
    return [structure.name for structure in response.context["page"].object_list]


def test_directory_is_public_and_lists_listed_structures(client):
    """Anyone may browse the directory without signing in."""
    StructureFactory(name="La Trame")
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert names(response) == ["La Trame"]
    assert "1 structure trouvée" in response.text
    assert_csp_compliant(response)


def test_search_by_name_acronym_or_commune(client, occitanie):
    """The search box matches the name, the acronym or the commune's name."""
    StructureFactory(name="La Trame")
    StructureFactory(name="Cinéma Utopia", acronym="UTO")
    StructureFactory(name="Ciné 31", commune=occitanie["toulouse"])
    StructureFactory(name="Autre")
    assert names(client.get(DIRECTORY, {"q": "trame"})) == ["La Trame"]
    assert names(client.get(DIRECTORY, {"q": "uto"})) == ["Cinéma Utopia"]
    assert names(client.get(DIRECTORY, {"q": "toulouse"})) == ["Ciné 31"]


def test_filters_combine(client, occitanie, hauts_de_france):
    """Type, sous-type, région and département filters narrow the results together (AND)."""
    StructureFactory(
        name="A cinéma Toulouse", subkind=StructureSubkind.CINEMA, commune=occitanie["toulouse"]
    )
    StructureFactory(name="B asso Toulouse", commune=occitanie["toulouse"])
    StructureFactory(
        name="C cinéma Montpellier",
        subkind=StructureSubkind.CINEMA,
        commune=occitanie["montpellier"],
    )
    StructureFactory(
        name="D cinéma Lille", subkind=StructureSubkind.CINEMA, commune=hauts_de_france["lille"]
    )
    StructureFactory(name="E pôle Toulouse", pole=True, commune=occitanie["toulouse"])

    assert names(client.get(DIRECTORY, {"region": "76"})) == [
        "A cinéma Toulouse",
        "B asso Toulouse",
        "C cinéma Montpellier",
        "E pôle Toulouse",
    ]
    assert names(client.get(DIRECTORY, {"region": "76", "subkind": "cinema"})) == [
        "A cinéma Toulouse",
        "C cinéma Montpellier",
    ]
    assert names(
        client.get(DIRECTORY, {"region": "76", "subkind": "cinema", "departement": "31"})
    ) == ["A cinéma Toulouse"]
    assert names(client.get(DIRECTORY, {"kind": StructureKind.POLE, "departement": "31"})) == [
        "E pôle Toulouse"
    ]
    assert names(client.get(DIRECTORY, {"kind": StructureKind.POLE, "region": "32"})) == []
    response = client.get(DIRECTORY, {"kind": StructureKind.POLE, "region": "32"})
    assert "Aucune structure ne correspond à votre recherche." in response.text


def test_invalid_filter_value_is_ignored_and_reported(client):
    """A tampered filter value does not crash the page: it is reported and not applied."""
    StructureFactory(name="La Trame")
    response = client.get(DIRECTORY, {"kind": "nope"})
    assert response.status_code == 200
    assert names(response) == ["La Trame"]
    assert response.context["form"].errors["kind"]


def test_pagination_keeps_the_filters(client, occitanie):
    """25 structures per page; the page links carry the current filters."""
    make_structures(30, commune=occitanie["toulouse"])
    StructureFactory(name="Hors filtre")
    response = client.get(DIRECTORY, {"region": "76", "q": "structure"})
    page = response.context["page"]
    assert page.paginator.count == 30
    assert len(page.object_list) == 25
    assert "30 structures trouvées" in response.text
    assert 'href="?region=76&amp;q=structure&amp;page=2"' in response.text

    second = client.get(DIRECTORY, {"region": "76", "q": "structure", "page": 2})
    assert len(second.context["page"].object_list) == 5
    assert "page 2 sur 2" in second.text


def test_htmx_request_gets_only_the_results_and_the_count(client):
    """With htmx, the form swaps the results region and updates the announced count."""
    StructureFactory(name="La Trame")
    response = client.get(DIRECTORY, {"q": "trame"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="directory-count" hx-swap-oob="innerHTML"' in response.text
    assert "La Trame" in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client):
    """Going back to a pushed URL whose snapshot was evicted reloads the whole page."""
    response = client.get(
        DIRECTORY, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.text


def test_form_works_without_javascript(client):
    """The search form is a plain GET form: without htmx it reloads the page with the results."""
    response = client.get(DIRECTORY)
    assert f'action="{DIRECTORY}"' in response.text
    assert 'method="get"' in response.text
    assert 'hx-get="/annuaire/"' in response.text
    assert 'hx-push-url="true"' in response.text


class TestUnlistedStructures:
    def test_hidden_from_anonymous_visitors(self, client):
        """Structures out of the public directory are not shown to anonymous visitors."""
        StructureFactory(name="Commune privée", applicant_commune=True)
        assert names(client.get(DIRECTORY)) == []

    def test_hidden_from_other_applicants(self, login):
        """An applicant does not see another applicant's unlisted structure."""
        StructureFactory(name="Commune privée", applicant_commune=True)
        client = login(applicant())
        assert "Commune privée" not in names(client.get(DIRECTORY))

    def test_shown_to_its_members(self, login):
        """An applicant sees its own structure even if it is not in the public directory."""
        structure = StructureFactory(name="Commune privée", applicant_commune=True)
        client = login(applicant(structure=structure))
        response = client.get(DIRECTORY)
        assert names(response) == ["Commune privée"]
        assert "hors annuaire public" in response.text

    def test_shown_to_the_coordinator_of_its_perimeter(self, login, occitanie, hauts_de_france):
        """A coordinator sees unlisted structures of its perimeter, not those of others."""
        StructureFactory(
            name="Commune de Toulouse", applicant_commune=True, commune=occitanie["toulouse"]
        )
        StructureFactory(
            name="Commune de Lille", applicant_commune=True, commune=hauts_de_france["lille"]
        )
        client = login(coordinator(region=occitanie["region"]))
        shown = names(client.get(DIRECTORY, {"q": "commune de"}))
        assert shown == ["Commune de Toulouse"]


def _directory_queries(client, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        response = client.get(DIRECTORY, {"kind": StructureKind.CULTURAL_ACTOR})
    assert response.status_code == 200
    return response


def test_deep_pages_keep_the_name_order(client):
    """Page 3 of 60 shows structures 51 to 60 in name order (keys first, then rows)."""
    names = sorted(f"Structure {n:03d}" for n in range(60))
    for name in names:
        StructureFactory(name=name)
    page = client.get(DIRECTORY, {"page": 3}).context["page"]
    assert [s.name for s in page.object_list] == names[50:60]


@pytest.mark.parametrize("rows", [3, 30])
def test_directory_query_count_is_constant_for_anonymous(client, django_assert_num_queries, rows):
    """Anonymous: data version + count + page keys + page rows + régions + départements,
    whatever the number of rows; once the form, count and list are cached, the data version
    alone."""
    make_structures(rows)
    _directory_queries(client, django_assert_num_queries, 6)
    _directory_queries(client, django_assert_num_queries, 1)


def test_cached_count_follows_changes(client):
    """A new structure is counted at once: saving it changes the data version."""
    make_structures(3)
    assert client.get(DIRECTORY).context["page"].paginator.count == 3
    StructureFactory()
    assert client.get(DIRECTORY).context["page"].paginator.count == 4


@pytest.mark.parametrize("rows", [3, 30])
def test_directory_query_count_is_constant_for_a_member(login, django_assert_num_queries, rows):
    """Signed in: + session, user and memberships (the scope), whatever the number of rows."""
    make_structures(rows)
    user = UserFactory()
    for structure in make_structures(rows, unlisted=True):
        MembershipFactory(user=user, structure=structure)
    client = login(user)
    response = _directory_queries(client, django_assert_num_queries, 10)
    assert response.context["page"].paginator.count == 2 * rows


def test_cached_list_shows_a_change_at_once(client):
    """The list is rendered once for every anonymous visitor, until a structure changes."""
    structure = make_structures(3)[0]
    client.get(DIRECTORY)
    structure.name = "Zoétrope renommé"
    structure.save()
    assert "Zoétrope renommé" in client.get(DIRECTORY).content.decode()


def test_cached_list_forgets_a_deleted_structure(client, django_capture_on_commit_callbacks):
    """A deletion leaves the data version as it was: the generation makes it show at once."""
    structures = make_structures(3)
    deleted = structures[0].name
    assert deleted in client.get(DIRECTORY).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        structures[0].delete()
    content = client.get(DIRECTORY).content.decode()
    assert deleted not in content
    assert "2 structures trouvées" in content


def test_cached_fragments_follow_the_language(client):
    """French and English visitors each get the page in their own language."""
    make_structures(3)
    french = client.get(DIRECTORY).content.decode()
    with translation.override("en"):
        english = client.get(reverse("www:directory")).content.decode()
    assert "3 structures trouvées" in french
    assert "3 structures found" in english
    assert "Tous les types" in french and "Tous les types" not in english


def test_cached_fragments_follow_the_query_string(client):
    """Each search has its own fragments: the form keeps what was typed."""
    make_structures(3)
    client.get(DIRECTORY)
    content = client.get(DIRECTORY, {"q": "introuvable"}).content.decode()
    assert 'value="introuvable"' in content
    assert "Aucune structure ne correspond" in content
