"""Processor time per request of `bench.server`'s pages, served in this process as a worker does.

    uv run python -m bench.cpu [--database-url URL] [--requests 20] [--only TEXT …] [--profile FILE]

On a shared machine, wall times say more about the neighbours than about the code; processor
time much less. Each page of `bench.server`'s mix, and both templated floors, is requested
through Django's WSGI handler on the production settings and the deployment example's
variables (as `bench.server` starts gunicorn), with the start-up heap frozen as a worker
freezes it; for each page it prints the processor time of this process and of its PostgreSQL
backend (read from /proc: PostgreSQL on this machine) per request, and the mean over the mix.
Two cores serving 200 requests/s (issue 14) leave 10 ms of processor per request, database and
clients included. `--profile FILE` writes a cProfile of the measured requests (`python -m
pstats FILE`).
"""

import argparse
import cProfile
import io
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.environment import REPO_ROOT, database_url, describe

BUDGET_MS = 10.0


def wsgi_environ(path: str, cookie: str = "") -> dict:
    """A GET as gunicorn hands it to Django behind the site's reverse proxy (HTTPS)."""
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8",
        "HTTP_ACCEPT_ENCODING": "gzip, br",
        "HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_FORWARDED_FOR": "192.0.2.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    return environ


@dataclass
class Cost:
    label: str
    python_ms: float
    database_ms: float | None  # None: the backend's /proc entry cannot be read

    @property
    def total_ms(self) -> float:
        return self.python_ms + (self.database_ms or 0.0)


def mean_cost(costs: list[Cost], *, skip_floors: bool = True) -> float:
    """The mean processor time per request over the mix (each page as often as the others, as
    `bench.server` sends them), the floors left out."""
    mix = [c for c in costs if not (skip_floors and c.label.startswith("floor"))]
    return sum(c.total_ms for c in mix) / len(mix) if mix else 0.0


def report(costs: list[Cost]) -> str:
    lines = [f"{'page':<48} {'python ms':>9} {'database ms':>11} {'total ms':>8}"]
    for cost in sorted(costs, key=lambda c: -c.total_ms):
        database = "?" if cost.database_ms is None else f"{cost.database_ms:.1f}"
        lines.append(
            f"{cost.label[:48]:<48} {cost.python_ms:>9.1f} {database:>11} {cost.total_ms:>8.1f}"
        )
    mean = mean_cost(costs)
    lines += [
        "",
        f"mean over bench.server's mix: {mean:.1f} ms of processor per request "
        f"(budget for 200 requests/s on two cores: {BUDGET_MS:g} ms, clients included)",
    ]
    return "\n".join(lines)


def backend_seconds(connection) -> float | None:
    """Processor seconds used so far by this connection's PostgreSQL backend."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def setup(url: str) -> dict[str, str]:
    """Django on the production settings with the variables `bench.server` gives gunicorn."""
    from bench import server

    os.environ["SECRET_KEY"] = server.SECRET_KEY
    env = server.server_environment(
        url, 0, overrides={}, static_root=REPO_ROOT / "var" / "bench-static"
    )
    server.collect_static(env)
    server.create_cache_table(env)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"  # the site's URLs and the templated floor
    return env


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.cpu", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="default: $BENCH_DATABASE_URL")
    parser.add_argument("--requests", type=int, default=20, help="measured requests a page")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured requests a page first")
    parser.add_argument("--only", action="append", default=[], metavar="TEXT")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the measured requests")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    url = database_url(options.database_url)
    if url.startswith("sqlite"):
        print("The production settings need PostgreSQL: --database-url postgres://…")
        return 2
    setup(url)
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.urls import reverse

    from bench import server
    from config.gunicorn import freeze_startup_heap

    application = WSGIHandler()
    signed = "; ".join(f"{k}={v}" for k, v in server.coordinator_cookies().items())
    floor = reverse("bench_floor")
    plan = [
        server.Target("floor, anonymous (base.html + 1 query)", [floor], "anonymous"),
        server.Target("floor, signed in (base.html + 1 query)", [floor], "coordinator"),
        *server.targets(),
    ]
    if options.only:
        wanted = [text.lower() for text in options.only]
        plan = [
            t
            for t in plan
            if t.label.startswith("floor") or any(w in t.label.lower() for w in wanted)
        ]

    def get(target: server.Target, number: int) -> None:
        cookie = signed if target.visitor == "coordinator" else ""
        environ = wsgi_environ(target.paths[number % len(target.paths)], cookie)
        response = application(environ, lambda status, headers, exc_info=None: None)
        for _chunk in response:
            pass
        response.close()

    for target in plan:
        for number in range(options.warmup):
            get(target, number)
    freeze_startup_heap()
    profile = cProfile.Profile() if options.profile else None
    costs = []
    for target in plan:
        database = backend_seconds(connection)
        started = time.process_time()
        if profile:
            profile.enable()
        for number in range(options.requests):
            get(target, number)
        if profile:
            profile.disable()
        python = (time.process_time() - started) * 1000 / options.requests
        after = backend_seconds(connection)
        database_ms = (
            None
            if database is None or after is None
            else (after - database) * 1000 / options.requests
        )
        costs.append(Cost(target.label, python, database_ms))
    load = os.getloadavg()
    print(
        f"Database: {describe(url)}; settings {settings.SETTINGS_MODULE}; {options.requests} "
        f"requests a page; load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )
    print(report(costs))
    if profile:
        profile.dump_stats(options.profile)
        print(
            f"profile: {options.profile} (python -m pstats {options.profile}); the times above "
            "include the profiler's own overhead"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
