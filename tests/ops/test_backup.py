"""A backup restores: every table's rows and every private file come back identical, and the
restored site serves a dossier with its documents.

The site is built the way an operator runs one: its own database (created and dropped here) and
its own private folder, migrated and operated by `manage.py` in subprocesses."""

import json
import os
import subprocess
import sys
import tarfile
import textwrap
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the backup round trip runs on PostgreSQL (pg_dump/pg_restore): set DATABASE_URL",
)

# Run inside the site's own environment: a dossier with two documents and a message with an
# attachment, through the factories and the services, like the pages do.
BUILD = """
from django.core.files.uploadedfile import SimpleUploadedFile
from lanterne.dossiers import services
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.calls.factories import call_coordinator

dossier = DossierFactory(complete=True)
owner = dossier_applicant(dossier)
services.dossier_add_document(
    dossier=dossier, expected_version=None, by=owner, kind="other",
    uploaded=SimpleUploadedFile("budget détaillé.pdf", b"%PDF-1.4\\n%%EOF\\n" + b"x" * 5000),
)
coordinator = call_coordinator(dossier.call)
services.message_post(
    dossier=dossier, by=coordinator, body="Merci, voici la convention.",
    attachment=SimpleUploadedFile("convention.pdf", b"%PDF-1.4\\nconvention\\n%%EOF\\n"),
)
DossierFactory.create_batch(2)
print(json.dumps({
    "dossier": dossier.pk, "reference": dossier.reference, "owner": owner.pk,
    "documents": {
        str(d.pk): d.file.open("rb").read().hex() for d in dossier.documents.all()
    },
}))
"""

# Run against the restored site: the applicant opens the dossier and downloads each document.
SERVE = """
from django.test import Client
from django.urls import reverse
from lanterne.accounts.models import User

client = Client()
client.force_login(User.objects.get(pk=data["owner"]))
page = client.get(reverse("dossiers:detail", args=[data["dossier"]]))
downloads = {}
for pk in data["documents"]:
    response = client.get(reverse("dossiers:document", args=[data["dossier"], int(pk)]))
    downloads[pk] = {
        "status": response.status_code,
        "disposition": response["Content-Disposition"],
        "content": b"".join(response.streaming_content).hex(),
    }
print(json.dumps({
    "status": page.status_code,
    "shows_reference": data["reference"] in page.text,
    "links": [reverse("dossiers:document", args=[data["dossier"], int(pk)]) in page.text
              for pk in data["documents"]],
    "downloads": downloads,
}))
"""


def _database_url(name: str) -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{name}"


def _admin_connection():
    db = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    )


class Site:
    """One installation: a database and a private folder, run by manage.py in subprocesses."""

    def __init__(self, database: str, private: Path):
        self.database = database
        self.private = private
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": _database_url(database),
            "PRIVATE_MEDIA_ROOT": str(private),
            "ALLOWED_HOSTS": "testserver,localhost",
            "LOG_LEVEL": "WARNING",
        }

    def manage(self, *args, check=True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
            timeout=300,
        )

    def python(self, script: str, data: dict | None = None) -> dict:
        prelude = "import json, django\ndjango.setup()\n"
        prelude += f"data = json.loads({json.dumps(json.dumps(data or {}))})\n"
        done = subprocess.run(
            [sys.executable, "-c", prelude + textwrap.dedent(script)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def tables(self) -> dict[str, tuple[int, str]]:
        """Every table's row count and a checksum of all its rows' content."""
        with psycopg.connect(_database_url(self.database)) as db, db.cursor() as cursor:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
            tables = [name for (name,) in cursor.fetchall()]
            content = {}
            for table in tables:
                cursor.execute(
                    f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' "
                    f"ORDER BY t::text), '')) FROM \"{table}\" AS t"
                )
                content[table] = cursor.fetchone()
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            )
            content.update({f"sequence {name}": (value, "") for name, value in cursor})
        return content

    def files(self) -> dict[str, bytes]:
        return {
            path.relative_to(self.private).as_posix(): path.read_bytes()
            for path in self.private.rglob("*")
            if path.is_file()
        }


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """A site built, backed up, and restored into another empty database and private folder."""
    folder = tmp_path_factory.mktemp("backup")
    prefix = f"{connection.settings_dict['NAME']}_bk_{uuid.uuid4().hex[:8]}"
    source = Site(f"{prefix}_src", folder / "src-private")
    target = Site(f"{prefix}_dst", folder / "dst-private")
    with _admin_connection() as admin:
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
        with _admin_connection() as admin:
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
