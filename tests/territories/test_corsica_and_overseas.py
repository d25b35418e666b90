"""Corsica (2A/2B) and the overseas départements (971–976) import like any other territory."""

import pytest

from lanterne.territories.enums import Zone
from lanterne.territories.models import Commune, Departement


@pytest.mark.parametrize(
    ("code", "name", "departement", "region"),
    [
        ("2A004", "Ajaccio", "2A", "94"),
        ("2B033", "Bastia", "2B", "94"),
        ("97101", "Les Abymes", "971", "01"),
        ("97209", "Fort-de-France", "972", "02"),
        ("97311", "Saint-Laurent-du-Maroni", "973", "03"),
        ("97411", "Saint-Denis", "974", "04"),
        ("97611", "Mamoudzou", "976", "06"),
    ],
)
def test_commune_keeps_its_string_code_and_departement(
    imported_cog, code, name, departement, region
):
    """Codes are strings: 2A004 keeps its letter, 97311 belongs to 973 (not to 97)."""
    commune = Commune.objects.get(code=code)
    assert commune.name == name
    assert commune.departement_id == departement
    assert commune.region_id == region


def test_overseas_departements_are_drom_and_corsica_is_metropolitan(imported_cog):
    """The five DROM are in zone DROM; 2A and 2B are metropolitan."""
    zones = dict(Departement.objects.values_list("code", "zone"))
    assert {code: zones[code] for code in ["971", "972", "973", "974", "976"]} == dict.fromkeys(
        ["971", "972", "973", "974", "976"], Zone.DROM
    )
    assert zones["2A"] == zones["2B"] == Zone.METRO


def test_commune_search_finds_corsican_codes(imported_cog):
    """Searching `2A004` finds Ajaccio: the search treats 2A/2B codes as codes, not names."""
    assert list(Commune.objects.search("2A004").values_list("code", flat=True)) == ["2A004"]
