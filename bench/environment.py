"""Point Django at the benchmark database before anything touches a model.

The benchmark never reads `DATABASE_URL`: it takes `--database-url`, else `BENCH_DATABASE_URL`,
else a SQLite file of its own, so that `--reset` cannot empty the demo or a real database.
"""

import os
from pathlib import Path

import django

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "sqlite:///var/bench.sqlite3"


def database_url(explicit: str | None = None) -> str:
    """The URL to use, with a relative SQLite path anchored at the repository root."""
    url = explicit or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        path = REPO_ROOT / url.removeprefix(prefix)
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    return url


def configure(explicit_url: str | None = None, *, floor: bool = False) -> str:
    """Set up Django on the dev settings and the benchmark database; return the URL used.

    `floor`: the root URLconf is `bench.urls`, the site's plus the templated floor page."""
    url = database_url(explicit_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DATABASE_URL"] = url
    # Server time as in production: no template debugging, no query log kept by DEBUG
    # (the load script counts queries with CaptureQueriesContext, which works either way).
    os.environ["DEBUG"] = "0"
    django.setup()
    if floor:
        from django.conf import settings

        settings.ROOT_URLCONF = "bench.urls"
    return url


def describe(url: str) -> str:
    """The URL without its password, for printing."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url


def write_results(path: Path, url: str, results: dict) -> None:
    """Write a run's `results` as JSON to `path`, stamped with the time and the database."""
    import datetime
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    stamped = {
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": describe(url),
        **results,
    }
    path.write_text(json.dumps(stamped, ensure_ascii=False, indent=2), encoding="utf-8")
