"""Running the import twice changes nothing the second time, and says so."""

from io import StringIO

from django.core.management import call_command

from lanterne.territories.importers import ImportSources, import_territories
from tests.territories.conftest import SAMPLE_SOURCE


def _sources(cog_dir, write_file):
    qpv = write_file(
        "qpv.csv",
        ["code_qp", "lib_qp", "insee_com", "date_debut", "date_fin", "source"],
        [
            ["QN03191X", "Grand Mirail", "31555", "2024-01-01", "", SAMPLE_SOURCE],
            ["QN07591X", "Quartier de deux communes", "75056", "2024-01-01", "", SAMPLE_SOURCE],
            ["QN07591X", "Quartier de deux communes", "75101", "2024-01-01", "", SAMPLE_SOURCE],
        ],
    )
    rural = write_file(
        "rural.csv",
        ["insee_com", "dispositif", "classement", "date_debut", "date_fin", "source"],
        [
            ["48095", "zrr", "C", "2017-07-01", "2024-06-30", SAMPLE_SOURCE],
            ["48095", "frr", "C", "2024-07-01", "", SAMPLE_SOURCE],
        ],
    )
    positions = write_file(
        "positions.csv",
        ["code_insee", "latitude", "longitude", "source"],
        [["31555", "43.604", "1.444", "saisie manuelle"]],
    )
    return ImportSources(cog_dir=cog_dir, qpv=qpv, rural=rural, positions=positions)


def test_second_import_creates_and_updates_nothing(cog_dir, write_file):
    """Re-importing the same files reports 0 created and 0 updated for every kind."""
    sources = _sources(cog_dir, write_file)
    first = import_territories(sources)
    assert first.changed

    second = import_territories(sources)

    assert not second.changed
    for counts in second.counts:
        assert (counts.created, counts.updated) == (0, 0), counts.label
        assert counts.unchanged > 0, counts.label


def test_command_says_when_nothing_changed(cog_dir):
    """The command's second run ends with a message saying the database was already up to date."""
    call_command("import_territories", cog_dir=cog_dir, stdout=StringIO())
    out = StringIO()

    call_command("import_territories", cog_dir=cog_dir, stdout=out)

    assert "Communes — ajouts : 0 ; mises à jour : 0 ; sans changement : 15" in out.getvalue()
    assert "Rien à changer : la base était déjà à jour." in out.getvalue()
