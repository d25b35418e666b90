"""A backup restores: every table's rows and every private file come back identical, and the
restored site serves a dossier with its documents.

The site is built the way an operator runs one: its own database (created and dropped here) and
its own private folder, migrated and operated by `manage.py` in subprocesses."""

import tarfile
import uuid

import pytest
from django.db import connection

from tests.ops.sites import BUILD, SERVE, Site, admin_connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the backup round trip runs on PostgreSQL (pg_dump/pg_restore): set DATABASE_URL",
)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """A site built, backed up, and restored into another empty database and private folder."""
    folder = tmp_path_factory.mktemp("backup")
    prefix = f"{connection.settings_dict['NAME']}_bk_{uuid.uuid4().hex[:8]}"
    source = Site(f"{prefix}_src", folder / "src-private")
    target = Site(f"{prefix}_dst", folder / "dst-private")
    with admin_connection() as admin:
        for site in (source, target):
            admin.execute(f'CREATE DATABASE "{site.database}"')
    try:
        source.manage("migrate", "--verbosity", "0")
        built = source.python(BUILD)
        archive = folder / "site.tar"
        backup = source.manage("backup_site", str(archive))
        restore = target.manage("restore_site", str(archive))
        yield {
            "source": source,
            "target": target,
            "built": built,
            "archive": archive,
            "backup": backup,
            "restore": restore,
        }
    finally:
        with admin_connection() as admin:
            for site in (source, target):
                admin.execute(f'DROP DATABASE IF EXISTS "{site.database}" WITH (FORCE)')


def test_every_table_row_is_identical(round_trip):
    """Each table of the restored database has the same rows as the original (count and a
    checksum of the whole content), and each sequence the same value."""
    original, restored = round_trip["source"].tables(), round_trip["target"].tables()
    assert restored == original
    assert original["dossiers_dossier"][0] == 3
    assert original["dossiers_dossierdocument"][0] == 3
    assert original["dossiers_dossiermessage"][0] == 1
    assert "Sauvegarde restaurée" in round_trip["restore"].stdout


def test_every_file_is_identical(round_trip):
    """Every private file comes back, byte for byte, under its own name."""
    original = round_trip["source"].files()
    assert len(original) >= 3
    assert round_trip["target"].files() == original


def test_restored_site_serves_the_dossier_with_its_documents(round_trip):
    """On the restored site the applicant opens the dossier, sees each document, and downloads
    each one as an attachment with the very bytes uploaded."""
    built = round_trip["built"]
    served = round_trip["target"].python(SERVE, built)
    assert served["status"] == 200
    assert served["shows_reference"]
    assert served["links"] == [True] * len(built["documents"])
    assert len(built["documents"]) == 3
    for pk, content in built["documents"].items():
        download = served["downloads"][pk]
        assert download["status"] == 200
        assert download["disposition"].startswith("attachment")
        assert download["content"] == content


def test_restore_refuses_a_database_that_is_not_empty(round_trip):
    """Restoring over a site that has data is refused unless --force, and changes nothing."""
    target = round_trip["target"]
    before = target.tables()
    refused = target.manage("restore_site", str(round_trip["archive"]), check=False)
    assert refused.returncode != 0
    assert "n'est pas vide" in refused.stderr
    assert "--force" in refused.stderr
    assert target.tables() == before


def test_an_altered_archive_is_refused(round_trip, tmp_path):
    """A file altered inside the archive no longer matches the manifest: nothing is restored."""
    archive = tmp_path / "altered.tar"
    archive.write_bytes(round_trip["archive"].read_bytes())
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.startswith("private/"))
    with archive.open("r+b") as raw:
        raw.seek(member.offset_data)
        first = raw.read(1)
        raw.seek(member.offset_data)
        raw.write(bytes([first[0] ^ 0xFF]))
    empty = Site(f"{round_trip['target'].database}_never", tmp_path / "private")
    refused = empty.manage("restore_site", str(archive), check=False)
    assert refused.returncode != 0
    assert "ne correspond pas au manifeste" in refused.stderr
    assert not empty.private.exists()
