"""Two web processes (gunicorn) and two task workers (`db_worker`) over one PostgreSQL database,
as docs/deploy.md runs them: what one process changes, the other serves at once — cached map data,
sessions and the task queue included.

The test makes its own database next to the test database, migrates it and runs every process on
loopback ports with the production settings and the shared database cache; everything it started
is stopped and the database dropped at the end."""

import contextlib
import html.parser
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.db import connection
from django_otp.oath import TOTP

from tests.accounts.factories import TOTP_KEY

ROOT = Path(__file__).resolve().parents[2]
WAIT = 90  # seconds, for any one thing to happen
pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="runs only against PostgreSQL (DATABASE_URL=postgres://…): two processes cannot share "
    "the in-memory SQLite test database",
)

SETUP = """
from lanterne.accounts.models import User
from lanterne.network.enums import StructureKind
from lanterne.network.models import Structure
from django_otp.plugins.otp_totp.models import TOTPDevice
admin = User.objects.create_superuser(email="admin@example.org", password="two-processes-pw")
TOTPDevice.objects.create(user=admin, name="app", key="%s", confirmed=True)
from lanterne.territories.models import Commune, Departement, Region
region = Region.objects.create(code="76", name="Occitanie")
departement = Departement.objects.create(code="31", name="Haute-Garonne", region=region)
commune = Commune.objects.create(code="31555", name="Toulouse", departement=departement,
                                 region=region, latitude=43.6, longitude=1.44)
for name, slug, lat in (("Vouée à disparaître", "vouee", 44.0), ("Ancien nom", "ancien-nom", 43.6)):
    Structure.objects.create(name=name, slug=slug, kind=StructureKind.values[0], commune=commune,
                             latitude=lat, longitude=1.4)
"""
SETUP = SETUP % TOTP_KEY
QUEUE = """
from lanterne.core.health import heartbeat
for _ in range(8):
    heartbeat.enqueue()
"""


class FormFields(html.parser.HTMLParser):
    """The fields of the page's form whose action matches, with their current values."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.fields, self._textarea, self._select = (
            action,
            False,
            {},
            None,
            None,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action", "") in {"", self.action}
        elif not self.inside or ("name" not in attrs and tag != "option"):
            return
        elif tag == "input" and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields[attrs["name"]] = attrs.get("value") or (
                "on" if attrs.get("type") == "checkbox" else ""
            )
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[attrs["name"]] = ""
        elif tag == "select":
            self._select = attrs["name"]
            self.fields.setdefault(attrs["name"], "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(page: str, action: str) -> dict:
    parser = FormFields(action)
    parser.feed(page)
    return parser.fields


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what: str, condition):
    deadline = time.monotonic() + WAIT
    while True:
        with contextlib.suppress(requests.RequestException):
            result = condition()
            if result:
                return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.5)


@pytest.fixture
def database_url():
    """A database of its own on the test database's server, dropped at the end."""
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_two_processes"[:63]
    server = "postgresql://{user}{password}@{host}:{port}".format(
        user=params["USER"],
        password=f":{params['PASSWORD']}" if params["PASSWORD"] else "",
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
    )
    # CREATE and DROP DATABASE cannot run in the test's transaction: a connection of its own.
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def site(database_url, tmp_path):
    """Migrated, with its cache table and static files; two gunicorns and two workers running."""
    env = {
        **{
            k: v for k, v in os.environ.items() if not k.startswith(("CACHE_", "DJANGO_", "PYTEST"))
        },
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "two-processes-" + "x" * 40,
        "CACHE_URL": "db://lanterne_cache",
        "WEB_CONCURRENCY": "1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "MAP_TILE_URL": "",
    }
    (tmp_path / "private").mkdir()

    def manage(*args, stdin=None):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            input=stdin,
            text=True,
            check=True,
            capture_output=True,
            timeout=600,
        )

    manage("migrate", "--verbosity", "0")
    manage("createcachetable")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    manage("shell", stdin=SETUP)

    processes = []
    ports = [free_port(), free_port()]
    logs = contextlib.ExitStack()
    try:
        for port in ports:
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
                    cwd=ROOT,
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    stdout=subprocess.DEVNULL,
                    stderr=logs.enter_context((tmp_path / f"web-{port}.log").open("w")),
                )
            )
        for worker_id in ("worker-1", "worker-2"):
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "manage.py",
                        "db_worker",
                        "--worker-id",
                        worker_id,
                        "--interval",
                        "0.2",
                        "--no-reload",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=logs.enter_context((tmp_path / f"{worker_id}.log").open("w")),
                )
            )
        yield {
            "a": f"http://127.0.0.1:{ports[0]}",
            "b": f"http://127.0.0.1:{ports[1]}",
            "manage": manage,
            "database_url": database_url,
        }
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)
        logs.close()
        for log in sorted(tmp_path.glob("*.log")):
            print(f"--- {log.name}\n{log.read_text()[-3000:]}")


def map_names(base: str) -> set[str]:
    """Every structure on the map: départements, their communes, each commune's list."""

    def get(path: str) -> dict:
        response = requests.get(f"{base}{path}", timeout=10)
        response.raise_for_status()
        return response.json()

    names = set()
    for departement in get("/carte/donnees.geojson")["features"]:
        for commune in get(departement["properties"]["url"])["features"]:
            names |= {row["name"] for row in get(commune["properties"]["url"])["structures"]}
    return names


class Browser(requests.Session):
    """A browser behind the TLS proxy: the proxy's X-Forwarded-Proto on every request, and the
    secure cookies kept although the test speaks plain HTTP to the loopback port."""

    def request(self, method, url, **kwargs):
        headers = {"X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
        if method == "POST":
            headers["Referer"] = url.replace("http://", "https://")
        response = super().request(method, url, headers=headers, timeout=10, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


def rows(database_url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as db:
        return db.execute(sql).fetchall()


def test_two_web_processes_and_two_workers_share_one_database(site):
    """A rename and a deletion made through process A are served by process B at once, although
    B had the map cached; A's session is valid on B; tasks queued once are each run by exactly
    one of the two workers, and both web processes see the workers alive."""
    a, b = site["a"], site["b"]
    site["manage"]("enqueue_heartbeat")
    for base in (a, b):
        health = wait_for(
            f"{base}/sante/", lambda base=base: requests.get(f"{base}/sante/", timeout=10).ok
        )
        assert health
    assert json.loads(requests.get(f"{b}/sante/", timeout=10).content)["checks"]["worker"]["ok"]

    # B computes the map data and puts it in the shared cache.
    assert map_names(b) == {"Ancien nom", "Vouée à disparaître"}
    assert rows(site["database_url"], "select count(*) from lanterne_cache")[0][0] >= 2

    # Sign in on A, rename through A's page.
    browser = Browser()
    login_page = browser.get(f"{a}/compte/connexion/").text
    signed_in = browser.post(
        f"{a}/compte/connexion/",
        data={
            **form_fields(login_page, "/compte/connexion/"),
            "username": "admin@example.org",
            "password": "two-processes-pw",
        },
        allow_redirects=False,
    )
    assert signed_in.status_code == 302, signed_in.text[:500]
    # The superuser's second factor.
    verify_path = "/compte/double-authentification/verification/"
    code = f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}"
    verified = browser.post(
        f"{a}{verify_path}",
        data={**form_fields(browser.get(f"{a}{verify_path}").text, verify_path), "code": code},
        allow_redirects=False,
    )
    assert verified.status_code == 302, verified.text[:500]
    edit_url = f"{a}/structures/ancien-nom/modifier/"
    fields = form_fields(browser.get(edit_url).text, "")
    assert fields["name"] == "Ancien nom"
    saved = browser.post(
        edit_url,
        data={**fields, "name": "Nouveau nom"},
        allow_redirects=False,
    )
    assert saved.status_code == 302, saved.text[:2000]

    # B serves the new name at once, from the same cache, and knows A's session.
    assert map_names(b) == {"Nouveau nom", "Vouée à disparaître"}
    directory = requests.get(f"{b}/annuaire/", timeout=10).text
    assert "Nouveau nom" in directory and "Ancien nom" not in directory
    on_b = browser.get(f"{b}/structures/ancien-nom/modifier/", allow_redirects=False)
    assert on_b.status_code == 200 and "Nouveau nom" in on_b.text

    # Deleting the older structure leaves MAX(updated_at) as it was: the shared generation
    # alone tells B that its cached map is stale.
    [(pk,)] = rows(site["database_url"], "select id from network_structure where slug = 'vouee'")
    delete_url = f"{a}/admin/network/structure/{pk}/delete/"
    delete_page = browser.get(delete_url).text
    deleted = browser.post(
        delete_url,
        data={**form_fields(delete_page, ""), "post": "yes"},
        allow_redirects=False,
    )
    assert deleted.status_code == 302, deleted.text[:2000]
    assert map_names(b) == {"Nouveau nom"}

    # Eight tasks queued once: each run once, by one of the two workers.
    site["manage"]("shell", stdin=QUEUE)
    sql = "select status, worker_ids from django_tasks_database_dbtaskresult"
    done = wait_for(
        "the workers to run the queued tasks",
        lambda: (
            (found := rows(site["database_url"], sql))
            and all(status == "SUCCESSFUL" for status, _ in found)
            and len(found) == 9
            and found
        ),
    )
    for _status, worker_ids in done:
        assert len(worker_ids) == 1 and worker_ids[0] in {"worker-1", "worker-2"}
