"""Load the production server: gunicorn as deployed, 50 connections without pause.

    uv run python -m bench.server [--duration 30] [--connections 50] [--database-url URL]
                                  [--workers N] [--threads N] [--set NAME=VALUE …] [--json FILE]

Starts `gunicorn -c config/gunicorn.py config.wsgi` on `config.settings.production` with the
variables of `deploy/lanterne.env.example` (workers, cache…), DEBUG off, static files collected and
served by WhiteNoise, against the benchmark database; then `--connections` clients each send
requests back to back for `--duration` seconds over the public and coordinator pages of
`bench.pages` (and one static file), and it prints requests/s, p50/p95/max and the errors. Target:
≥ 200 requests/s and p95 ≤ 300 ms on two cores, no error. The clients run in this process (one
asyncio loop): on a small machine they take a share of the processor too.
"""

import argparse
import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.environment import REPO_ROOT, configure, describe, write_results
from bench.load import percentile

TARGET_RPS = 200.0
TARGET_P95_MS = 300.0
ENV_EXAMPLE = REPO_ROOT / "deploy" / "lanterne.env.example"
# The production variables the measurement keeps from the example; the rest (secrets, mail,
# hosts, paths) is the bench's own.
KEPT_VARIABLES = (
    "DJANGO_SETTINGS_MODULE",
    "CACHE_URL",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_GC_THRESHOLD",
    "CONN_MAX_AGE",
    "CONN_HEALTH_CHECKS",
    "TRUSTED_PROXY_COUNT",
)
# Any fixed key: the sessions are made in this process and read by the server's.
SECRET_KEY = "bench-server-only-secret-key-not-for-any-real-site-0123456789"
STATIC_FILE = "lanterne/css/lanterne.css"


def read_env_file(path: Path) -> dict[str, str]:
    """NAME=VALUE lines of a systemd environment file (comments and blank lines skipped)."""
    variables = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        variables[name.strip()] = value.strip()
    return variables


def server_environment(
    database_url: str, port: int, *, overrides: dict[str, str], static_root: Path
) -> dict[str, str]:
    """The server's environment: the example's kept variables, the bench's database and key."""
    example = read_env_file(ENV_EXAMPLE)
    env = {name: example[name] for name in KEPT_VARIABLES if name in example}
    env.update(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET_KEY,
            "DEBUG": "0",
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": "https://localhost",
            "SITE_URL": "https://localhost",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "STATIC_ROOT": str(static_root),
            "PRIVATE_MEDIA_ROOT": str(REPO_ROOT / "var" / "bench-private"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # Logins and form posts come from one address: the bench is not an attack.
            "LOGIN_ADDRESS_FAILURE_LIMIT": "100000",
        }
    )
    env.update(overrides)
    return {**os.environ, **env}


@dataclass
class Target:
    label: str
    paths: list[str]  # a page's variants (several structures, dossiers…), one drawn each time
    visitor: str  # "anonymous" or "coordinator"


def targets() -> list[Target]:
    """The public and coordinator pages of `bench.pages` (not the exports, the API, the floors
    nor the cold-cache variants), and one static file: each as often as the others."""
    from django.templatetags.static import static

    from bench import pages

    chosen = []
    for page in pages.plan():
        if (
            not page.available
            or page.client not in ("anonymous", "coordinator")
            or page.cold_cache
            or page.is_baseline
            or page.floor
            or "export" in page.label
            or page.label.startswith("API")
        ):
            continue
        chosen.append(Target(page.label, list(page.urls), page.client))
    chosen.append(Target("static file (WhiteNoise)", [static(STATIC_FILE)], "anonymous"))
    return chosen


def coordinator_cookies() -> dict[str, str]:
    """A signed-in, second-factor-verified coordinator session, as cookies."""
    from django.conf import settings
    from django.test import Client

    from bench import pages

    user = pages.sample_users()["coordinator"]
    if user is None:
        return {}
    client = Client()
    pages.sign_in(client, user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


@dataclass
class Sample:
    label: str
    milliseconds: float
    status: int  # 0: no response (connection error, timeout)
    error: str = ""


async def drive(
    plan: Sequence[Target],
    *,
    port: int,
    connections: int,
    duration: float,
    cookies: dict[str, str],
    seed: int = 14,
) -> list[Sample]:
    """`connections` clients, each its own keep-alive connection, sending requests back to
    back (no pause) for `duration` seconds; each client walks the plan in its own order."""
    from bench.http import Connection

    samples: list[Sample] = []
    deadline = time.perf_counter() + duration

    async def client(number: int) -> None:
        rng = random.Random(seed + number)
        order = list(plan)
        public = Connection("127.0.0.1", port)
        signed = Connection("127.0.0.1", port, cookies=dict(cookies))
        while time.perf_counter() < deadline:
            rng.shuffle(order)
            for target in order:
                if time.perf_counter() >= deadline:
                    break
                connection = signed if target.visitor == "coordinator" else public
                started = time.perf_counter()
                try:
                    response = await connection.get(rng.choice(target.paths))
                except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
                    await connection.close()
                    elapsed = (time.perf_counter() - started) * 1000
                    samples.append(Sample(target.label, elapsed, 0, type(error).__name__))
                    continue
                samples.append(Sample(target.label, response.milliseconds, response.status))
        await public.close()
        await signed.close()

    await asyncio.gather(*(client(n) for n in range(connections)))
    return samples


@dataclass
class Summary:
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float | None
    p95_ms: float | None
    max_ms: float | None
    errors: int
    error_kinds: dict[str, int] = field(default_factory=dict)
    pages: list[dict] = field(default_factory=list)
    verdict: str = ""
    # What the figures depend on: workers recycled during the measurement (each one's start-up
    # costs a second or two of processor), their memory at the end, the clients' own processor.
    worker_restarts: int | None = None
    worker_rss_mb: list[float] = field(default_factory=list)
    client_cpu_ms_per_request: float | None = None


def summarise(samples: Sequence[Sample], seconds: float) -> Summary:
    """Throughput, latencies (every request, and per page with its share of server time) and
    errors (no response, or a status other than 200)."""
    times = [s.milliseconds for s in samples]
    kinds = Counter(s.error or f"HTTP {s.status}" for s in samples if s.status != 200)
    by_page: dict[str, list[float]] = defaultdict(list)
    for sample in samples:
        by_page[sample.label].append(sample.milliseconds)
    total = sum(times) or 1.0
    pages = [
        {
            "page": label,
            "requests": len(values),
            "p50_ms": percentile(values, 0.5),
            "p95_ms": percentile(values, 0.95),
            "share_of_time": sum(values) / total,
        }
        for label, values in sorted(by_page.items(), key=lambda item: -sum(item[1]))
    ]
    summary = Summary(
        requests=len(samples),
        seconds=seconds,
        requests_per_second=len(samples) / seconds if seconds else 0.0,
        p50_ms=percentile(times, 0.5) if times else None,
        p95_ms=percentile(times, 0.95) if times else None,
        max_ms=max(times) if times else None,
        errors=sum(kinds.values()),
        error_kinds=dict(kinds),
        pages=pages,
    )
    problems = []
    if summary.requests_per_second < TARGET_RPS:
        problems.append(f"< {TARGET_RPS:g} requests/s")
    if summary.p95_ms is None or summary.p95_ms > TARGET_P95_MS:
        problems.append(f"p95 > {TARGET_P95_MS:g} ms")
    if summary.errors:
        problems.append(f"{summary.errors} errors")
    summary.verdict = "FAIL " + ", ".join(problems) if problems else "PASS"
    return summary


def static_is_current(static_root: Path) -> bool:
    """Whether the collected files are newer than every file of the project's own static folder
    (the libraries' static files change only with the lock file)."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    sources = (REPO_ROOT / "lanterne" / "static").rglob("*")
    return all(path.stat().st_mtime <= collected for path in sources if path.is_file())


def collect_static(env: dict[str, str]) -> None:
    """`collectstatic` into the bench's STATIC_ROOT: WhiteNoise serves the manifest's files.
    Skipped when they are current: compressing every file takes a minute on a small machine."""
    if static_is_current(Path(env["STATIC_ROOT"])):
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO_ROOT,
        env=env,
        check=True,
    )


def create_cache_table(env: dict[str, str]) -> None:
    """A database cache (`CACHE_URL=db://…`, the example's) needs its table."""
    if env.get("CACHE_URL", "").startswith("db://"):
        subprocess.run(
            [sys.executable, "manage.py", "createcachetable"], cwd=REPO_ROOT, env=env, check=True
        )


def start_server(env: dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=REPO_ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


async def wait_ready(port: int, path: str, timeout: float = 60.0) -> None:
    """Until the server answers `path` with 200 (every worker booted or not: the first does)."""
    from bench.http import Connection

    deadline = time.perf_counter() + timeout
    while True:
        connection = Connection("127.0.0.1", port, timeout=5)
        try:
            if (await connection.get(path)).status == 200:
                return
        except (OSError, TimeoutError, asyncio.IncompleteReadError):
            pass
        finally:
            await connection.close()
        if time.perf_counter() > deadline:
            raise RuntimeError(f"the server did not answer {path} within {timeout:g} s")
        await asyncio.sleep(0.5)


def stop_server(process: subprocess.Popen) -> None:
    """SIGTERM to gunicorn's master (which stops its workers), by its own process id."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def worker_pids(master: int) -> list[int]:
    """The process ids of gunicorn's workers (the children of its master), from /proc."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def resident_megabytes(pid: int) -> float | None:
    """A process's resident memory in MB (VmRSS), None once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def worker_boots(log: Path) -> int:
    """How many workers gunicorn has started so far (at start-up and after each recycling)."""
    if not log.exists():
        return 0
    return log.read_text(errors="replace").count("Booting worker")


def conditions() -> str:
    """The machine's state, printed beside the figures: they depend on it."""
    load = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"


def report(summary: Summary) -> str:
    lines = [
        f"{summary.requests} requests in {summary.seconds:.1f} s: "
        f"{summary.requests_per_second:.0f} requests/s, p50 {summary.p50_ms or 0:.0f} ms, "
        f"p95 {summary.p95_ms or 0:.0f} ms, max {summary.max_ms or 0:.0f} ms, "
        f"{summary.errors} errors {summary.error_kinds or ''}".rstrip(),
        "",
        f"{'page':<45} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} {'time':>6}",
    ]
    for page in summary.pages:
        lines.append(
            f"{page['page'][:45]:<45} {page['requests']:>8} {page['p50_ms']:>7.0f} "
            f"{page['p95_ms']:>7.0f} {page['share_of_time']:>6.0%}"
        )
    lines.append("")
    if summary.worker_restarts is not None:
        memory = ", ".join(f"{mb:.0f}" for mb in summary.worker_rss_mb) or "?"
        lines.append(
            f"workers recycled during the measurement: {summary.worker_restarts}; "
            f"workers' memory at the end (RSS, MB): {memory}"
        )
    if summary.client_cpu_ms_per_request is not None:
        lines.append(
            f"the clients' own processor time: {summary.client_cpu_ms_per_request:.2f} ms "
            "per request (taken from the same two cores)"
        )
    lines += [
        "",
        f"Target: ≥ {TARGET_RPS:g} requests/s, p95 ≤ {TARGET_P95_MS:g} ms, 0 errors: "
        f"{summary.verdict}",
    ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.server", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--duration", type=float, default=30, help="seconds (default 30)")
    parser.add_argument("--connections", type=int, default=50, help="clients (default 50)")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured seconds first")
    parser.add_argument(
        "--database-url", help="default: $BENCH_DATABASE_URL, else sqlite:///var/bench.sqlite3"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", help="WEB_CONCURRENCY (default: the example's)")
    parser.add_argument("--threads", help="GUNICORN_THREADS (default: the example's, else 1)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="any other server variable (CONN_MAX_AGE, GUNICORN_GC_THRESHOLD, CACHE_URL…)",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    return parser.parse_args(argv)


def overrides_from(options: argparse.Namespace) -> dict[str, str]:
    overrides = dict(item.split("=", 1) for item in options.set)
    if options.workers:
        overrides["WEB_CONCURRENCY"] = options.workers
    if options.threads:
        overrides["GUNICORN_THREADS"] = options.threads
    return overrides


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    os.environ["SECRET_KEY"] = SECRET_KEY
    url = configure(options.database_url)
    if url.startswith("sqlite"):
        print("The server measurement needs PostgreSQL (several processes write sessions).")
        return 2
    static_root = REPO_ROOT / "var" / "bench-static"
    env = server_environment(
        url, options.port, overrides=overrides_from(options), static_root=static_root
    )
    shown = {name: env[name] for name in (*KEPT_VARIABLES, "GUNICORN_BIND") if name in env}
    print(f"Database: {describe(url)}; server: " + " ".join(f"{k}={v}" for k, v in shown.items()))
    collect_static(env)
    create_cache_table(env)
    plan = targets()
    cookies = coordinator_cookies()
    log = REPO_ROOT / "var" / "bench-server.log"
    process = start_server(env, log)
    try:
        asyncio.run(wait_ready(options.port, plan[0].paths[0]))
        # Every worker loads its code and fills its caches before the clock starts.
        if options.warmup:
            asyncio.run(
                drive(
                    plan,
                    port=options.port,
                    connections=options.connections,
                    duration=options.warmup,
                    cookies=cookies,
                )
            )
        before = conditions()
        boots = worker_boots(log)
        started, client_cpu = time.perf_counter(), time.process_time()
        samples = asyncio.run(
            drive(
                plan,
                port=options.port,
                connections=options.connections,
                duration=options.duration,
                cookies=cookies,
            )
        )
        seconds, client_cpu = time.perf_counter() - started, time.process_time() - client_cpu
        restarts = worker_boots(log) - boots
        memory = [resident_megabytes(pid) for pid in worker_pids(process.pid)]
    finally:
        stop_server(process)
    summary = summarise(samples, seconds)
    summary.worker_restarts = restarts
    summary.worker_rss_mb = [round(mb, 1) for mb in memory if mb is not None]
    summary.client_cpu_ms_per_request = client_cpu * 1000 / len(samples) if samples else None
    print(
        f"{options.connections} connections without pause for {options.duration:g} s over "
        f"{len(plan)} pages ({before}; after: {conditions()}); server log: {log}"
    )
    print(report(summary))
    if options.json:
        write_results(
            options.json,
            url,
            {
                "server": shown,
                "connections": options.connections,
                "conditions": before,
                **asdict(summary),
            },
        )
    return 0 if summary.verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
