"""A Lanterne installation run the way an operator runs one: its own database and private folder,
`manage.py` in subprocesses; and what the backup tests compare (every table, every file)."""

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.db import connection

from tests.ops.s3 import S3_CREDENTIALS, S3_REGION, s3_client

ROOT = Path(settings.BASE_DIR)

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


def admin_connection():
    db = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    )


@dataclass(frozen=True)
class Bucket:
    """A private store in an S3-compatible bucket (moto's server in the tests)."""

    endpoint: str
    name: str
    prefix: str = "pieces"

    def create(self) -> "Bucket":
        s3_client(self.endpoint).create_bucket(Bucket=self.name)
        return self

    def env(self) -> dict[str, str]:
        return {
            "PRIVATE_S3_BUCKET": self.name,
            "PRIVATE_S3_PREFIX": self.prefix,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": S3_REGION,
            "S3_ADDRESSING_STYLE": "path",
            **S3_CREDENTIALS,
        }

    def files(self) -> dict[str, bytes]:
        client = s3_client(self.endpoint)
        listing = client.list_objects_v2(Bucket=self.name).get("Contents", [])
        return {
            item["Key"].removeprefix(f"{self.prefix}/"): client.get_object(
                Bucket=self.name, Key=item["Key"]
            )["Body"].read()
            for item in listing
        }


class Site:
    """One installation: a database (a PostgreSQL name next to the test database's, or an SQLite
    file) and a private store (a folder or a bucket), run by manage.py in subprocesses."""

    def __init__(self, database: str | Path, private: Path | Bucket):
        self.database = database
        self.private = private
        self.url = (
            f"sqlite:///{database}" if isinstance(database, Path) else _database_url(database)
        )
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": self.url,
            **(
                private.env()
                if isinstance(private, Bucket)
                else {"PRIVATE_MEDIA_ROOT": str(private)}
            ),
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
        if isinstance(self.database, Path):
            return _sqlite_tables(self.database)
        with psycopg.connect(self.url) as db, db.cursor() as cursor:
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
        if isinstance(self.private, Bucket):
            return self.private.files()
        return {
            path.relative_to(self.private).as_posix(): path.read_bytes()
            for path in self.private.rglob("*")
            if path.is_file()
        }


def _sqlite_tables(path: Path) -> dict[str, tuple[int, str]]:
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        content = {}
        for table in tables:
            rows = sorted(repr(row) for row in db.execute(f'SELECT * FROM "{table}"'))
            content[table] = (len(rows), "\n".join(rows))
    db.close()
    return content
