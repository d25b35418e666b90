"""scripts/extract_cog.py turns the package's JSON into the shipped format the importer reads."""

import csv
import gzip
import importlib.util
import json
from pathlib import Path

from lanterne.territories.importers import ImportSources, import_territories
from lanterne.territories.models import Commune

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "extract_cog.py"


def load_script():
    spec = importlib.util.spec_from_file_location("extract_cog", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_package(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "package.json").write_text(
        json.dumps({"name": "@etalab/decoupage-administratif", "version": "6.0.0"})
    )
    files = {
        "regions.json": [
            {"code": "94", "chefLieu": "2A004", "nom": "Corse", "zone": "metro"},
            {"code": "977", "chefLieu": "97701", "nom": "Saint-Barthélemy", "zone": "com"},
        ],
        "departements.json": [
            {"code": "2A", "region": "94", "chefLieu": "2A004", "nom": "Corse-du-Sud",
             "zone": "metro"},
        ],
        "communes.json": [
            {"code": "2A004", "nom": "Ajaccio", "zone": "metro", "departement": "2A",
             "region": "94", "type": "commune-actuelle", "anciensCodes": ["20004"],
             "siren": "212000046", "codesPostaux": ["20090", "20000"], "population": 76320},
            {"code": "2A001", "nom": "Afa-Ancien", "zone": "metro", "departement": "2A",
             "region": "94", "type": "commune-associee", "chefLieu": "2A004"},
            {"code": "97701", "nom": "Saint-Barthélemy", "zone": "com", "departement": "977",
             "region": "977", "type": "commune-actuelle"},
        ],
    }  # fmt: skip
    for name, items in files.items():
        (root / "data" / name).write_text(json.dumps(items), encoding="utf-8")
    return root


def test_script_writes_the_shipped_format(tmp_path):
    """Communes are sorted, postal codes joined, associated codes added to former codes."""
    out = tmp_path / "cog"
    assert (
        load_script().main(["--package", str(fake_package(tmp_path / "pkg")), "--out", str(out)])
        == 0
    )

    with gzip.open(out / "communes.csv.gz", "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [
        {
            "code": "2A004", "name": "Ajaccio", "kind": "commune", "departement": "2A",
            "region": "94", "parent": "", "population": "76320", "postal_codes": "20000 20090",
            "former_codes": "20004 2A001", "siren": "212000046",
        }
    ]  # fmt: skip
    assert (out / "regions.csv").read_text().splitlines() == [
        "code,name,zone,chef_lieu",
        "94,Corse,metro,2A004",
    ]
    with gzip.open(out / "communes_deleguees.csv.gz", "rt", encoding="utf-8") as handle:
        assert handle.read().splitlines() == [
            "code,name,kind,parent",
            "2A001,Afa-Ancien,associee,2A004",
        ]


def test_script_output_is_reproducible_and_importable(tmp_path):
    """Two runs give identical bytes (fixed gzip date) and the importer loads the result."""
    script, package = load_script(), fake_package(tmp_path / "pkg")
    script.main(["--package", str(package), "--out", str(tmp_path / "a")])
    script.main(["--package", str(package), "--out", str(tmp_path / "b")])
    for name in ["regions.csv", "departements.csv", "communes.csv.gz", "communes_deleguees.csv.gz"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()

    import_territories(ImportSources(cog_dir=tmp_path / "a"))

    ajaccio = Commune.objects.get(code="2A004")
    assert ajaccio.former_codes == ["20004", "2A001"]
    assert list(ajaccio.former_communes.values_list("code", "name")) == [("2A001", "Afa-Ancien")]
