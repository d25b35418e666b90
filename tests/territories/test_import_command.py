"""The `import_territories` command: its options, its report and --dry-run."""

import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lanterne.territories.models import Commune, Qpv
from tests.territories.conftest import SAMPLE_SOURCE


def test_report_lists_sources_and_counts_per_kind(cog_dir):
    """The command says what it read and, per kind, what it created, updated and skipped."""
    out = StringIO()

    call_command("import_territories", cog_dir=cog_dir, stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Lu : COG de l'INSEE (v_region_2026.csv")
    assert "Régions — ajouts : 9 ; mises à jour : 0 ; sans changement : 0" in lines
    assert (
        "Communes — ajouts : 15 ; mises à jour : 0 ; sans changement : 0 ; "
        "lignes écartées (communes déléguées ou associées) : 3"
    ) in lines
    assert lines[-1] == "Import terminé."


def test_dry_run_saves_nothing(cog_dir):
    """--dry-run computes and prints the report, then rolls everything back."""
    out = StringIO()

    call_command("import_territories", cog_dir=cog_dir, dry_run=True, stdout=out)

    assert "Communes — ajouts : 15" in out.getvalue()
    assert "Dry run: nothing was saved." in out.getvalue()
    assert not Commune.objects.exists()


def test_only_the_files_given_are_imported(imported_cog, write_file):
    """With --qpv alone, only QPV are read; the communes must already be there."""
    path = write_file(
        "qpv.csv",
        ["code_qp", "lib_qp", "insee_com", "date_debut", "date_fin", "source"],
        [["QN03191X", "Grand Mirail", "31555", "2024-01-01", "", SAMPLE_SOURCE]],
    )
    out = StringIO()

    call_command("import_territories", qpv=path, stdout=out)

    assert Qpv.objects.count() == 1
    assert "Communes" not in out.getvalue()


def test_cog_dir_and_communes_json_are_exclusive(cog_dir):
    """The COG comes from one source at a time."""
    with pytest.raises(CommandError, match="not allowed with argument"):
        call_command(
            "import_territories", "--cog-dir", str(cog_dir), "--communes-json", "communes.json"
        )


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_goes_to_stderr_only_on_a_terminal(cog_dir):
    """A progress bar is drawn on stderr when it is a terminal, never on stdout."""
    quiet, terminal, out = StringIO(), FakeTerminal(), StringIO()

    call_command(
        "import_territories", cog_dir=cog_dir, dry_run=True, stdout=StringIO(), stderr=terminal
    )
    call_command("import_territories", cog_dir=cog_dir, stdout=out, stderr=quiet)

    assert quiet.getvalue() == ""
    assert "Communes" in terminal.getvalue()
    assert "it/s" not in out.getvalue() and "ligne/s" not in out.getvalue()
