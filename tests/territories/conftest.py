"""Small reference files written by the tests, in the formats `import_territories` reads."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lanterne.territories.importers import ImportSources, import_territories

REGION_HEADER = ["REG", "CHEFLIEU", "TNCC", "NCC", "NCCENR", "LIBELLE"]
DEPARTEMENT_HEADER = ["DEP", "REG", "CHEFLIEU", "TNCC", "NCC", "NCCENR", "LIBELLE"]
COMMUNE_HEADER = [
    "TYPECOM", "COM", "REG", "DEP", "CTCD", "ARR", "TNCC", "NCC", "NCCENR", "LIBELLE", "CAN",
    "COMPARENT",
]  # fmt: skip


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def region(code, name, chef_lieu):
    return [code, chef_lieu, "0", name.upper(), name, name]


def departement(code, region_code, name, chef_lieu):
    return [code, region_code, chef_lieu, "0", name.upper(), name, name]


def commune(code, name, departement_code, region_code, *, kind="COM", parent=""):
    return [
        kind, code, region_code, departement_code, "", "", "0", name.upper(), name, name, "",
        parent,
    ]  # fmt: skip


@dataclass
class InseeCog:
    """The three COG files of INSEE, as published (`v_*_2026.csv`), for a handful of places."""

    regions: list[list[str]] = field(
        default_factory=lambda: [
            region("01", "Guadeloupe", "97105"),
            region("02", "Martinique", "97209"),
            region("03", "Guyane", "97302"),
            region("04", "La Réunion", "97411"),
            region("06", "Mayotte", "97611"),
            region("11", "Île-de-France", "75056"),
            region("76", "Occitanie", "31555"),
            region("84", "Auvergne-Rhône-Alpes", "69123"),
            region("94", "Corse", "2A004"),
        ]
    )
    departements: list[list[str]] = field(
        default_factory=lambda: [
            departement("01", "84", "Ain", "01053"),
            departement("2A", "94", "Corse-du-Sud", "2A004"),
            departement("2B", "94", "Haute-Corse", "2B033"),
            departement("31", "76", "Haute-Garonne", "31555"),
            departement("48", "76", "Lozère", "48095"),
            departement("75", "11", "Paris", "75056"),
            departement("971", "01", "Guadeloupe", "97105"),
            departement("972", "02", "Martinique", "97209"),
            departement("973", "03", "Guyane", "97302"),
            departement("974", "04", "La Réunion", "97411"),
            departement("976", "06", "Mayotte", "97611"),
        ]
    )
    communes: list[list[str]] = field(
        default_factory=lambda: [
            commune("01015", "Arboys en Bugey", "01", "84"),
            commune("01015", "Arbignieu", "", "", kind="COMD", parent="01015"),
            commune("01340", "Saint-Bois", "", "", kind="COMD", parent="01015"),
            commune("2A004", "Ajaccio", "2A", "94"),
            commune("2B033", "Bastia", "2B", "94"),
            commune("31555", "Toulouse", "31", "76"),
            commune("48095", "Mende", "48", "76"),
            commune("48061", "Florac Trois Rivières", "48", "76"),
            commune("48186", "La Salle-Prunet", "", "", kind="COMD", parent="48061"),
            commune("75056", "Paris", "75", "11"),
            commune("75101", "Paris 1er Arrondissement", "75", "11", kind="ARM", parent="75056"),
            commune("75102", "Paris 2e Arrondissement", "75", "11", kind="ARM", parent="75056"),
            commune("97101", "Les Abymes", "971", "01"),
            commune("97209", "Fort-de-France", "972", "02"),
            commune("97302", "Cayenne", "973", "03"),
            commune("97311", "Saint-Laurent-du-Maroni", "973", "03"),
            commune("97411", "Saint-Denis", "974", "04"),
            commune("97611", "Mamoudzou", "976", "06"),
        ]
    )

    # Lines of each file, as an editor shows them (the header is line 1).
    def line_of_commune(self, code: str, kind: str = "COM") -> int:
        index = next(i for i, row in enumerate(self.communes) if row[:2] == [kind, code])
        return index + 2

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        write_csv(directory / "v_region_2026.csv", REGION_HEADER, self.regions)
        write_csv(directory / "v_departement_2026.csv", DEPARTEMENT_HEADER, self.departements)
        write_csv(directory / "v_commune_2026.csv", COMMUNE_HEADER, self.communes)
        return directory


COMMUNES_IN_FIXTURE = 13  # COM rows of InseeCog
ARRONDISSEMENTS_IN_FIXTURE = 2
SAMPLE_SOURCE = "illustratif — non vérifié contre le fichier officiel"


@pytest.fixture
def insee_cog():
    return InseeCog()


@pytest.fixture
def cog_dir(tmp_path, insee_cog):
    """The fixture COG written in INSEE's format."""
    return insee_cog.write(tmp_path / "cog")


@pytest.fixture
def imported_cog(cog_dir):
    """The fixture COG imported into the database."""
    return import_territories(ImportSources(cog_dir=cog_dir))


@pytest.fixture
def write_file(tmp_path):
    """write_file("qpv.csv", header, rows) → the path of a CSV written in tmp_path."""

    def _write(name: str, header: list[str], rows: list[list[str]]) -> Path:
        return write_csv(tmp_path / name, header, rows)

    return _write
