"""Serving settings: the cache every process shares is chosen by CACHE_URL, and production
refuses a per-process cache for several web processes."""

import os
import subprocess
import sys
from importlib import import_module

import pytest
from django.conf import settings

from config.settings.base import cache_from_url


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("redis://127.0.0.1:6379/1", "redis.RedisCache", "redis://127.0.0.1:6379/1"),
        ("rediss://cache.example:6380/0", "redis.RedisCache", "rediss://cache.example:6380/0"),
        ("db://lanterne_cache", "db.DatabaseCache", "lanterne_cache"),
        ("db://", "db.DatabaseCache", "lanterne_cache"),
        ("locmem://", "locmem.LocMemCache", "lanterne"),
    ],
)
def test_cache_url_chooses_the_backend(url, backend, location):
    """Each CACHE_URL scheme names one of Django's own cache backends and its location."""
    cache = cache_from_url(url)
    assert cache["BACKEND"] == f"django.core.cache.backends.{backend}"
    assert cache["LOCATION"] == location


def test_unknown_cache_scheme_is_refused():
    """A mistyped scheme fails at start-up rather than silently caching per process."""
    with pytest.raises(ValueError, match="memcache"):
        cache_from_url("memcache://127.0.0.1")


def test_sessions_live_in_the_database():
    """Every web process reads the same sessions."""
    from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

    assert issubclass(import_module(settings.SESSION_ENGINE).SessionStore, DatabaseSessionStore)


# Long and random enough for Django's deployment check (security.W009).
SECRET = "k9#Lm2vQ8zR!wT4pX7sN1bY6cF3hJ0dG5aE8uI2oP9-tZ4qW7eR1yU3iO6pA8sD"


def _production(
    code: str = "import config.settings.production as s; print(s.CACHES['default']['BACKEND'])",
    **env,
) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "CACHE_BACKEND", "CACHE_LOCATION", "WEB_CONCURRENCY"}
        and not key.startswith(("SECURE_", "DJANGO_"))
    }
    environment |= {"SECRET_KEY": SECRET, "DATABASE_URL": "postgres://h/db", **env}
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120
    )


DEPLOY_CHECK = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
django.setup()
from django.core.management import call_command
call_command("check", deploy=True, fail_level="WARNING")
"""


def test_production_refuses_a_memory_cache_for_several_processes():
    """Two web processes (gunicorn's WEB_CONCURRENCY, 2 by default) with a per-process cache
    would not see each other's invalidations: production does not start."""
    for env in ({}, {"WEB_CONCURRENCY": "3"}, {"CACHE_URL": "locmem://"}):
        result = _production(**env)
        assert result.returncode != 0, env
        assert "CACHE_URL" in result.stderr


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"CACHE_URL": "db://lanterne_cache"}, "DatabaseCache"),
        ({"CACHE_URL": "redis://127.0.0.1:6379/0"}, "RedisCache"),
        ({"WEB_CONCURRENCY": "1"}, "LocMemCache"),
    ],
)
def test_production_starts_with_a_shared_cache_or_one_process(env, backend):
    """A shared cache, or a single web process, is accepted."""
    result = _production(**env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(backend)


def test_production_passes_the_deployment_check():
    """`manage.py check --deploy` finds nothing to warn about in the production settings (HSTS
    with subdomains and preload, secure cookies, HTTPS redirect…)."""
    result = _production(DEPLOY_CHECK, CACHE_URL="db://lanterne_cache")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_hsts_subdomains_and_preload_come_from_the_environment():
    """A site whose subdomains are not all HTTPS turns both off; the check then says so."""
    env = {
        "CACHE_URL": "db://lanterne_cache",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
        "SECURE_HSTS_PRELOAD": "0",
    }
    code = (
        "import config.settings.production as s; "
        "print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    assert _production(code, **env).stdout.split() == ["False", "False"]
    result = _production(DEPLOY_CHECK, **env)
    assert result.returncode != 0
    assert "security.W005" in result.stderr and "security.W021" in result.stderr


def test_production_cookies_are_secure():
    """The language cookie, like the session and CSRF ones, only travels over HTTPS, and no
    script reads it."""
    code = (
        "import config.settings.production as s; "
        "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SAMESITE,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = _production(code, CACHE_URL="db://lanterne_cache")
    assert result.stdout.split() == ["True", "True", "Lax", "True", "True"]


def test_request_bodies_are_capped():
    """Form bodies and whole bodies have a ceiling, the latter just above one upload."""
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert settings.REQUEST_BODY_MAX_BYTES == settings.UPLOAD_MAX_BYTES + 1024 * 1024


SERVING = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
django.setup()
from django.conf import settings
from django.template import engines
database = settings.DATABASES["default"]
loader, _ = engines["django"].engine.loaders[0]
print(loader, database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"], settings.SESSION_ENGINE)
"""


def test_production_compiles_templates_once_and_keeps_its_connections():
    """What every request relies on in production: templates compiled once per process (the
    cached loader), one database connection kept a minute by each process, not checked before
    each request unless CONN_HEALTH_CHECKS says so, and the one-UPDATE session engine."""
    result = _production(SERVING, CACHE_URL="db://lanterne_cache")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.template.loaders.cached.Loader",
        "60",
        "False",
        "lanterne.accounts.sessions",
    ]
    checked = _production(SERVING, CACHE_URL="db://lanterne_cache", CONN_HEALTH_CHECKS="1")
    assert checked.stdout.split()[2] == "True"
