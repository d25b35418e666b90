"""Importing the JSON files of the @etalab/decoupage-administratif package (--communes-json)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lanterne.territories.enums import CommuneKind
from lanterne.territories.models import Commune, Region


@pytest.fixture
def package_data(tmp_path):
    """A few entries of the package's data/ folder, as the package writes them."""
    data = tmp_path / "data"
    data.mkdir()
    regions = [
        {"code": "76", "chefLieu": "31555", "nom": "Occitanie", "zone": "metro"},
        {"code": "93", "chefLieu": "13055", "nom": "Provence-Alpes-Côte d'Azur", "zone": "metro"},
        {"code": "975", "chefLieu": "97502", "nom": "Saint-Pierre-et-Miquelon", "zone": "com"},
    ]
    departements = [
        {"code": "13", "region": "93", "chefLieu": "13055", "nom": "Bouches-du-Rhône",
         "zone": "metro"},
        {"code": "12", "region": "76", "chefLieu": "12202", "nom": "Aveyron", "zone": "metro"},
        {"code": "975", "region": "975", "chefLieu": "97502", "nom": "Saint-Pierre-et-Miquelon",
         "zone": "com"},
    ]  # fmt: skip
    communes = [
        {"code": "12270", "nom": "Sévérac d'Aveyron", "zone": "metro", "departement": "12",
         "region": "76", "type": "commune-actuelle", "anciensCodes": ["12040", "12123"],
         "siren": "200066694", "codesPostaux": ["12150"], "population": 4026},
        {"code": "12126", "nom": "Lapanouse", "zone": "metro", "departement": "12",
         "region": "76", "type": "commune-deleguee", "chefLieu": "12270"},
        {"code": "13055", "nom": "Marseille", "zone": "metro", "departement": "13",
         "region": "93", "type": "commune-actuelle", "siren": "211300553",
         "codesPostaux": ["13001", "13002"], "population": 886040},
        {"code": "13201", "nom": "Marseille 1er Arrondissement", "zone": "metro",
         "departement": "13", "region": "93", "type": "arrondissement-municipal",
         "commune": "13055", "codesPostaux": ["13001"], "population": 37599},
        {"code": "97502", "nom": "Saint-Pierre", "zone": "com", "departement": "975",
         "region": "975", "type": "commune-actuelle", "codesPostaux": ["97500"]},
    ]  # fmt: skip
    for name, items in [
        ("regions.json", regions),
        ("departements.json", departements),
        ("communes.json", communes),
    ]:
        (data / name).write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return data


def test_package_communes_load_with_their_details(package_data):
    """Population, postal codes, SIREN and former codes come from the package."""
    out = StringIO()
    call_command("import_territories", communes_json=package_data / "communes.json", stdout=out)

    severac = Commune.objects.get(code="12270")
    assert severac.former_codes == ["12040", "12123", "12126"]
    assert (severac.population, severac.postal_codes, severac.siren) == (
        4026,
        ["12150"],
        "200066694",
    )
    first = Commune.objects.get(code="13201")
    assert (first.kind, first.parent_id) == (CommuneKind.MUNICIPAL_ARRONDISSEMENT, "13055")
    assert "collectivités d'outre-mer) : 1" in out.getvalue()
    # The commune déléguée is a former name of its commune.
    assert list(severac.former_communes.values_list("code", "name", "ended_on")) == [
        ("12126", "Lapanouse", None)
    ]


def test_overseas_collectivities_are_left_out(package_data):
    """Saint-Pierre-et-Miquelon (zone com) is not in INSEE's COG files, nor imported."""
    call_command(
        "import_territories", communes_json=package_data / "communes.json", stdout=StringIO()
    )

    assert not Region.objects.filter(code="975").exists()
    assert not Commune.objects.filter(code="97502").exists()


def test_broken_element_is_reported_by_its_position(package_data):
    """An element of the JSON array that is wrong is named by its rank in the array."""
    path = package_data / "communes.json"
    items = json.loads(path.read_text(encoding="utf-8"))
    items[2]["departement"] = "14"
    path.write_text(json.dumps(items), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_territories", communes_json=path, stdout=StringIO())

    assert str(error.value).startswith("communes.json, élément 3 : ")


def test_changed_postal_codes_are_updated_as_lists(package_data):
    """A new postal code or population updates the commune; untouched lists stay lists."""
    path = package_data / "communes.json"
    call_command("import_territories", communes_json=path, stdout=StringIO())
    items = json.loads(path.read_text(encoding="utf-8"))
    items[2]["codesPostaux"] = ["13001", "13002", "13003"]
    items[0]["population"] = 4100
    path.write_text(json.dumps(items), encoding="utf-8")
    out = StringIO()

    call_command("import_territories", communes_json=path, stdout=out)

    marseille, severac = Commune.objects.get(code="13055"), Commune.objects.get(code="12270")
    assert marseille.postal_codes == ["13001", "13002", "13003"]
    assert (severac.population, severac.postal_codes) == (4100, ["12150"])
    assert severac.former_codes == ["12040", "12123", "12126"]
    assert "Communes — ajouts : 0 ; mises à jour : 2 ; sans changement : 1" in out.getvalue()
