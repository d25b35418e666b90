"""The demo (`make demo`, served with `config.settings.demo`) shows the site's own error
pages, never Django's technical page, while WhiteNoise still serves the static files.

The demo's settings are loaded in a separate process (settings are read once per process);
that process answers a missing page, a view that fails and a stylesheet."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json
import django

django.setup()
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import clear_url_caches, path

import config.urls


@login_not_required
def boom(request):
    raise RuntimeError("a failing view")


config.urls.urlpatterns.append(path("echec-de-demonstration/", boom))
clear_url_caches()
client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
missing = client.get("/cette-page-n-existe-pas/")
failing = client.get("/echec-de-demonstration/")
static = client.get("/static/lanterne/css/lanterne.css")
print(json.dumps({
    "debug": settings.DEBUG,
    "missing": [missing.status_code, missing.content.decode()],
    "failing": [failing.status_code, failing.content.decode()],
    "static": static.status_code,
}))
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    # An empty database: an anonymous visitor's error pages and static files read none.
    database = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.demo",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_demo_runs_without_debug(demo):
    """The demo's settings turn debug off."""
    assert demo["debug"] is False


def test_missing_page_is_the_sites_404(demo):
    """A missing page answers 404 with the site's page (lanterne/templates/404.html)."""
    status, html = demo["missing"]
    assert status == 404
    assert "Page introuvable" in html
    assert "Consulter l&#x27;annuaire" in html or "Consulter l'annuaire" in html
    assert "technical" not in html.lower() and "Traceback" not in html


def test_failing_view_is_the_sites_500(demo):
    """A view that fails answers 500 with the site's page (lanterne/templates/500.html)."""
    status, html = demo["failing"]
    assert status == 500
    assert "Erreur du serveur" in html
    assert "RuntimeError" not in html and "Traceback" not in html


def test_static_files_are_still_served(demo):
    """WhiteNoise serves the stylesheets without debug."""
    assert demo["static"] == 200
