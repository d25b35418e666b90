"""Importing QPV: one row per QPV × commune, dated, marked illustrative or official."""

import datetime

from lanterne.territories.enums import DataOrigin
from lanterne.territories.importers import ImportSources, import_territories
from lanterne.territories.models import Qpv
from tests.territories.conftest import SAMPLE_SOURCE

HEADER = ["code_qp", "lib_qp", "insee_com", "date_debut", "date_fin", "source"]
OFFICIAL = "ANCT, liste des QPV 2024"


def import_qpv(write_file, rows):
    return import_territories(ImportSources(qpv=write_file("qpv.csv", HEADER, rows)))


def test_qpv_on_several_communes_is_one_qpv_linked_to_each(imported_cog, write_file):
    """Several rows with one code make one QPV whose communes are all the rows' communes."""
    report = import_qpv(
        write_file,
        [
            ["QN97391X", "Quartier des deux rives", "97311", "2024-01-01", "", SAMPLE_SOURCE],
            ["QN97391X", "Quartier des deux rives", "97302", "2024-01-01", "", SAMPLE_SOURCE],
            ["QN03191X", "Grand Mirail", "31555", "2024-01-01", "", SAMPLE_SOURCE],
        ],
    )

    qpv = Qpv.objects.get(code="QN97391X")
    assert set(qpv.communes.values_list("code", flat=True)) == {"97311", "97302"}
    assert qpv.valid_from == datetime.date(2024, 1, 1)
    assert qpv.valid_until is None
    assert report.get("qpv").created == 2


def test_sample_rows_are_illustrative_and_others_official(imported_cog, write_file):
    """A source starting with "illustratif" marks the QPV illustrative; any other is official."""
    import_qpv(
        write_file,
        [
            ["QN03191X", "Grand Mirail", "31555", "2024-01-01", "", SAMPLE_SOURCE],
            ["QN03101M", "Quartier officiel", "31555", "2024-01-01", "", OFFICIAL],
        ],
    )

    assert Qpv.objects.get(code="QN03191X").is_illustrative
    assert Qpv.objects.get(code="QN03101M").origin == DataOrigin.OFFICIAL


def test_older_qp_codes_are_accepted_with_their_end_date(imported_cog, write_file):
    """2015-generation QPV (QP031007) are accepted and keep the date they ended."""
    import_qpv(
        write_file,
        [["QP031007", "Grand Mirail", "31555", "2015-01-01", "2023-12-31", SAMPLE_SOURCE]],
    )

    assert Qpv.objects.get(code="QP031007").valid_until == datetime.date(2023, 12, 31)


def test_reimport_without_a_commune_unlinks_it(imported_cog, write_file):
    """The file is the truth for the QPV it lists: a commune it no longer gives is unlinked."""
    import_qpv(
        write_file,
        [
            ["QN97391X", "Quartier des deux rives", "97311", "2024-01-01", "", SAMPLE_SOURCE],
            ["QN97391X", "Quartier des deux rives", "97302", "2024-01-01", "", SAMPLE_SOURCE],
        ],
    )

    report = import_qpv(
        write_file,
        [["QN97391X", "Quartier des deux rives", "97311", "2024-01-01", "", SAMPLE_SOURCE]],
    )

    assert list(Qpv.objects.get(code="QN97391X").communes.values_list("code", flat=True)) == [
        "97311"
    ]
    assert (report.get("qpv").updated, report.get("qpv").unchanged) == (1, 0)


def test_commune_given_by_a_former_code_is_the_current_commune(imported_cog, write_file):
    """A QPV list keyed by an older commune code links the commune that absorbed it."""
    import_qpv(
        write_file,
        [["QN00191X", "Quartier du Bugey", "01340", "2024-01-01", "", SAMPLE_SOURCE]],
    )

    assert list(Qpv.objects.get(code="QN00191X").communes.values_list("code", flat=True)) == [
        "01015"
    ]


def test_semicolon_separated_file_is_read(imported_cog, tmp_path):
    """Files saved by French spreadsheets use `;`: the delimiter is taken from the header."""
    path = tmp_path / "qpv.csv"
    path.write_text(
        "code_qp;lib_qp;insee_com;date_debut;date_fin;source\n"
        f"QN03191X;Grand Mirail;31555;2024-01-01;;{SAMPLE_SOURCE}\n",
        encoding="utf-8-sig",
    )

    import_territories(ImportSources(qpv=path))

    assert Qpv.objects.get(code="QN03191X").name == "Grand Mirail"
