"""A malformed file is rejected with its line number and the reason; nothing is imported."""

import gzip
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lanterne.territories.models import Commune, Departement, Qpv, Region, RuralZoning
from tests.territories.conftest import SAMPLE_SOURCE, commune, departement, region

QPV_HEADER = ["code_qp", "lib_qp", "insee_com", "date_debut", "date_fin", "source"]
RURAL_HEADER = ["insee_com", "dispositif", "classement", "date_debut", "date_fin", "source"]


def snapshot():
    """Everything the import can write, to compare before and after a refused import."""
    return {
        "regions": list(Region.objects.order_by("code").values()),
        "departements": list(Departement.objects.order_by("code").values()),
        "communes": list(Commune.objects.order_by("code").values()),
        "qpv": list(Qpv.objects.order_by("code").values()),
        "qpv_communes": list(Qpv.communes.through.objects.order_by("id").values()),
        "rural": list(RuralZoning.objects.order_by("id").values()),
    }


def import_command(**options):
    call_command("import_territories", stdout=StringIO(), stderr=StringIO(), **options)


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        (commune("9Z001", "Nulle part", "9Z", "76"), "code commune « 9Z001 » invalide"),
        (commune("31999", "Nulle part", "3", "76"), "code département « 3 » invalide"),
        (commune("95001", "Ailleurs", "95", "11"), "code département « 95 » inconnu"),
        (commune("3155", "Toulous", "31", "76"), "code commune « 3155 » invalide"),
        (commune("31556", "Ici", "48", "76"), "la commune « 31556 » n'appartient pas"),
        (commune("31556", "Ici", "31", "11"), "région « 11 » différente de celle du département"),
        (commune("31556", "", "31", "76"), "nom de commune manquant"),
        (commune("31556", "Ici", "31", "76", kind="XXX"), "type de commune « XXX » inconnu"),
        (commune("75199", "Paris 99e", "75", "11", kind="ARM"), "sans commune de rattachement"),
        (commune("31555", "Toulouse bis", "31", "76"), "code commune « 31555 » en double"),
        (["COM", "31556", "76"], "3 champs au lieu de 12"),
    ],
)
def test_malformed_commune_line_is_rejected_with_its_line_number(
    cog_dir, insee_cog, bad_row, reason
):
    """The error names the file and the line (header = line 1) and nothing at all is imported."""
    insee_cog.communes.append(bad_row)
    insee_cog.write(cog_dir)
    line = len(insee_cog.communes) + 1

    with pytest.raises(CommandError) as error:
        import_command(cog_dir=cog_dir)

    assert str(error.value).startswith(f"v_commune_2026.csv, ligne {line} : ")
    assert reason in str(error.value)
    assert Region.objects.count() == Departement.objects.count() == Commune.objects.count() == 0


def test_error_message_has_the_documented_shape(tmp_path):
    """An unknown département reads `communes.csv, ligne N : code département « X » inconnu`."""
    directory = tmp_path / "shipped"
    directory.mkdir()
    (directory / "regions.csv").write_text("code,name,zone,chef_lieu\n76,Occitanie,metro,31555\n")
    (directory / "departements.csv").write_text(
        "code,name,region,zone,chef_lieu\n31,Haute-Garonne,76,metro,31555\n"
    )
    (directory / "communes.csv").write_text(
        "code,name,kind,departement,region,parent,population,postal_codes,former_codes,siren\n"
        "31555,Toulouse,commune,31,76,,,31000,,\n"
        "32013,Auch,commune,32,76,,,32000,,\n"
    )

    with pytest.raises(CommandError) as error:
        import_command(cog_dir=directory)

    assert str(error.value) == "communes.csv, ligne 3 : code département « 32 » inconnu"


@pytest.mark.parametrize(
    ("file", "bad_row", "reason"),
    [
        ("regions", region("761", "Occitanie", "31555"), "code région « 761 » invalide"),
        (
            "departements",
            departement("20", "94", "Corse", "2A004"),
            "code département « 20 » invalide",
        ),
        (
            "departements",
            departement("977", "01", "Saint-Barthélemy", "97701"),
            "code département « 977 » invalide",
        ),
        (
            "departements",
            departement("32", "75", "Gers", "32013"),
            "code région « 75 » inconnu",
        ),
    ],
)
def test_malformed_region_or_departement_line_is_rejected(
    cog_dir, insee_cog, file, bad_row, reason
):
    """Régions have 2 digits; départements are 01–95, 2A, 2B or 971–976, of a known région."""
    rows = getattr(insee_cog, file)
    rows.append(bad_row)
    insee_cog.write(cog_dir)

    with pytest.raises(CommandError) as error:
        import_command(cog_dir=cog_dir)

    assert str(error.value).startswith(f"v_{file[:-1]}_2026.csv, ligne {len(rows) + 1} : ")
    assert reason in str(error.value)
    assert Region.objects.count() == 0


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        (["QX07501M", "Quartier", "31555", "2024-01-01", "", ""], "code QPV « QX07501M » invalide"),
        (["QN0750M", "Quartier", "31555", "2024-01-01", "", ""], "code QPV « QN0750M » invalide"),
        (["QN03191X", "Quartier", "31555", "01/01/2024", "", ""], "date « 01/01/2024 » invalide"),
        (["QN03191X", "Quartier", "31555", "2024-01-01", "2023-12-31", ""], "antérieure"),
        (
            ["QN03191X", "Grand Mirail", "31999", "2024-01-01", "", SAMPLE_SOURCE],
            "commune « 31999 » inconnue",
        ),
        (["QN03191X", "", "31555", "2024-01-01", "", ""], "nom du QPV manquant"),
        (["QN03191X", "Autre nom", "31555", "2024-01-01", "", ""], "a un autre lib_qp ligne 2"),
    ],
)
def test_malformed_qpv_line_rejects_the_whole_import(cog_dir, write_file, bad_row, reason):
    """A bad QPV line, even after good ones and a good COG, leaves the database untouched."""
    import_command(cog_dir=cog_dir)
    before = snapshot()
    qpv = write_file(
        "qpv.csv",
        QPV_HEADER,
        [["QN03191X", "Grand Mirail", "31555", "2024-01-01", "", SAMPLE_SOURCE], bad_row],
    )

    with pytest.raises(CommandError) as error:
        import_command(cog_dir=cog_dir, qpv=qpv)

    assert str(error.value).startswith("qpv.csv, ligne 3 : ")
    assert reason in str(error.value)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        (["48095", "zrx", "C", "2017-07-01", "2024-06-30", ""], "dispositif « zrx » inconnu"),
        (["48095", "zrr", "X", "2017-07-01", "2024-06-30", ""], "classement « X » inconnu"),
        (["48095", "zrr", "C", "2017-13-01", "", ""], "date « 2017-13-01 » invalide"),
        (["48095", "zrr", "C", "", "", ""], "date_debut manquante"),
        (["48999", "zrr", "C", "2017-07-01", "2024-06-30", ""], "commune « 48999 » inconnue"),
        (["48095", "frr", "C", "2024-06-01", "", ""], "chevauche celle de la ligne 2"),
        (["48095", "zrr", "N", "2017-07-01", "2024-06-30", ""], "en double"),
    ],
)
def test_malformed_rural_line_rejects_the_whole_import(cog_dir, write_file, bad_row, reason):
    """A bad ZRR/FRR line is reported with its line; the COG imported with it is rolled back."""
    rural = write_file(
        "rural.csv",
        RURAL_HEADER,
        [["48095", "zrr", "C", "2017-07-01", "2024-06-30", SAMPLE_SOURCE], bad_row],
    )

    with pytest.raises(CommandError) as error:
        import_command(cog_dir=cog_dir, rural=rural)

    assert str(error.value).startswith("rural.csv, ligne 3 : ")
    assert reason in str(error.value)
    assert Commune.objects.count() == 0
    assert RuralZoning.objects.count() == 0


def test_missing_column_is_reported_on_the_header_line(cog_dir, write_file):
    """A file without a required column is refused on line 1, naming the column."""
    qpv = write_file("qpv.csv", ["code_qp", "insee_com"], [["QN03191X", "31555"]])

    with pytest.raises(CommandError) as error:
        import_command(cog_dir=cog_dir, qpv=qpv)

    assert str(error.value) == "qpv.csv, ligne 1 : colonne(s) manquante(s) : lib_qp"


def test_file_that_is_not_utf8_is_refused(cog_dir, tmp_path):
    """A Latin-1 file (as some spreadsheets save) is refused rather than imported garbled."""
    path = tmp_path / "positions.csv"
    path.write_bytes(
        "code_insee,latitude,longitude,source\n31555,43.6,1.44,mairie près\n".encode("latin-1")
    )

    with pytest.raises(CommandError) as error:
        import_command(cog_dir=cog_dir, positions=path)

    assert str(error.value) == "positions.csv, ligne 2 : le fichier n'est pas encodé en UTF-8"


def test_corrupt_gzip_is_refused(tmp_path):
    """A truncated communes.csv.gz is refused with the file name."""
    directory = tmp_path / "shipped"
    directory.mkdir()
    (directory / "regions.csv").write_text("code,name,zone\n76,Occitanie,metro\n")
    (directory / "departements.csv").write_text(
        "code,name,region,zone\n31,Haute-Garonne,76,metro\n"
    )
    payload = gzip.compress(
        b"code,name,kind,departement,region,parent\n" + b"31555,Toulouse,commune,31,76,\n" * 500
    )
    (directory / "communes.csv.gz").write_bytes(payload[: len(payload) // 2])

    with pytest.raises(CommandError) as error:
        import_command(cog_dir=directory)

    assert str(error.value).startswith("communes.csv.gz")


def test_missing_directory_is_refused(tmp_path):
    """A --cog-dir that does not exist is an error, not an empty import."""
    with pytest.raises(CommandError, match="dossier introuvable"):
        import_command(cog_dir=tmp_path / "nowhere")
