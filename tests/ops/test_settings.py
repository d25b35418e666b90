"""Serving settings: the cache every process shares is chosen by CACHE_URL, and production
refuses a per-process cache for several web processes."""

import os
import subprocess
import sys

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
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def _production(**env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "CACHE_BACKEND", "CACHE_LOCATION", "WEB_CONCURRENCY"}
    }
    environment |= {"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://h/db", **env}
    code = "import config.settings.production as s; print(s.CACHES['default']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )


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
