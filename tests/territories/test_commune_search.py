"""Communes are found by the first letters of their name, whatever the case and accents, the
best first, in one indexed query; former codes lead to today's commune."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanterne.territories.enums import CommuneKind
from lanterne.territories.models import Commune
from lanterne.territories.search import search_key
from tests.territories.factories import CommuneFactory, DepartementFactory


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("SAINT ETIENNE", "saint etienne"),
        ("saint-eti", "saint eti"),
        ("st-étienne", "saint etienne"),
        ("Ste Foy", "sainte foy"),
        ("ste", "ste"),  # alone at the end: maybe "Stenay"
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("Œuilly", "oeuilly"),
        ("  Toulouse  ", "toulouse"),
        ("Château-Chinon (Ville)", "chateau chinon ville"),
        ("", ""),
    ],
)
def test_search_key(typed, key):
    """Lowercase, no accents, hyphens / apostrophes / parentheses as spaces, "st" read as
    "saint" before another word."""
    assert search_key(typed) == key


def test_search_name_follows_the_name():
    """Saving a commune, even with `update_fields=["name"]`, keeps its search name."""
    commune = CommuneFactory(name="Évry")
    assert commune.search_name == "evry"
    commune.name = "Évry-Courcouronnes"
    commune.save(update_fields=["name"])
    assert Commune.objects.get(pk=commune.pk).search_name == "evry courcouronnes"


def test_exact_name_first_then_population():
    """An exact name comes first, then the most populated, then the shortest name."""
    haute_garonne = DepartementFactory(code="31", name="Haute-Garonne")
    CommuneFactory(code="31557", name="Tournefeuille", departement=haute_garonne, population=29)
    CommuneFactory(code="31555", name="Toulouse", departement=haute_garonne, population=500)
    CommuneFactory(code="83137", name="Toulon", population=180)
    CommuneFactory(code="99001", name="Tou", population=10)
    CommuneFactory(code="99002", name="Louvres", population=10_000)  # no match
    found = [c.name for c in Commune.objects.suggest("tou")]
    assert found == ["Tou", "Toulouse", "Toulon", "Tournefeuille"]
    assert [c.name for c in Commune.objects.suggest("TOUL")] == ["Toulouse", "Toulon"]


def test_suggestions_are_bounded():
    """At most 20 suggestions, however many communes match."""
    for n in range(25):
        CommuneFactory(code=f"99{n:03d}", name=f"Saint-Martin-{n}")
    assert len(Commune.objects.suggest("saint-martin")) == 20
    assert len(Commune.objects.suggest("saint-martin", limit=5)) == 5


def test_name_search_is_one_query_on_the_index():
    """The search is one query, answered from the search name's index (SQLite's plan)."""
    CommuneFactory(name="Toulouse")
    with CaptureQueriesContext(connection) as queries:
        list(Commune.objects.suggest("tou"))
    assert len(queries) == 1
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {queries[0]['sql']}")
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "search_name" in plan and "USING INDEX" in plan, plan


@pytest.fixture
def cog():
    """The whole shipped COG (about 35 000 communes and the 45 municipal arrondissements)."""
    call_command("import_territories", stdout=StringIO(), stderr=StringIO())


def labels(term):
    return [c.label for c in Commune.objects.select_related("departement").suggest(term)]


def test_on_the_whole_cog(cog):
    """On the real COG: "tou" gives Toulouse (31) first; "saint-etienne", with or without
    accents, capitals or "st", gives Saint-Étienne (42); Paris, Lyon and Marseille offer their
    arrondissements; a former commune's code gives the commune it joined; the importer fills
    the search name of every commune."""
    assert not Commune.objects.filter(search_name="").exists()
    assert labels("tou")[0] == "Toulouse (31)"
    for typed in ("saint-etienne", "Saint-Étienne", "SAINT ETIENNE", "st etienne", "saint-eti"):
        assert labels(typed)[0] == "Saint-Étienne (42)", typed
    paris = labels("paris")
    assert paris[0] == "Paris (75)"
    assert "Paris 15e Arrondissement (75)" in paris
    assert labels("lyon 3")[0] == "Lyon 3e Arrondissement (69)"
    assert "Marseille 1er Arrondissement (13)" in labels("marseille 1")
    assert labels("marseille 1er")[0] == "Marseille 1er Arrondissement (13)"
    arrondissement = Commune.objects.get(code="13201")
    assert arrondissement.kind == CommuneKind.MUNICIPAL_ARRONDISSEMENT
    assert arrondissement.parent_id == "13055"
    # Saint-Bois (01340) merged into Arboys en Bugey (01015) in 2016.
    # 01340 is also a postal code: the commune that absorbed Saint-Bois comes first.
    assert Commune.objects.suggest("01340")[0].code == "01015"
    assert Commune.objects.suggest("31555")[0].code == "31555"
    assert "Paris 1er Arrondissement (75)" in labels("75001")
    by_code = [c.code for c in Commune.objects.suggest("3155")]
    assert by_code and all(code.startswith("3155") for code in by_code)
    assert by_code == sorted(by_code)


def test_search_anywhere_in_the_name_ignores_accents():
    """The admin's and the API's `q` find a word anywhere in the name, without its accents."""
    etienne = CommuneFactory(code="42218", name="Saint-Étienne")
    CommuneFactory(code="31555", name="Toulouse")
    assert list(Commune.objects.search("etienne")) == [etienne]
    assert list(Commune.objects.search("ÉTIENNE")) == [etienne]
    assert list(Commune.objects.search("42218")) == [etienne]
