"""The migrations build a database from nothing, and describe the models exactly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, database: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_fresh_database_migrates(tmp_path):
    """`migrate` on an empty database applies every migration of every app, in order, and
    leaves nothing unapplied."""
    database = tmp_path / "fresh.sqlite3"
    migrated = _manage("migrate", "--no-input", database=database)
    assert migrated.returncode == 0, migrated.stderr
    plan = _manage("showmigrations", "--plan", database=database)
    assert plan.returncode == 0, plan.stderr
    lines = [line for line in plan.stdout.splitlines() if line.strip()]
    assert any("dossiers.0001_initial" in line for line in lines)
    unapplied = [line for line in lines if line.startswith("[ ]")]
    assert unapplied == []


@pytest.mark.django_db
def test_the_models_have_no_change_without_a_migration():
    """Every model change comes with its migration (`makemigrations --check` finds nothing)."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
