"""Time the exports on the benchmark database: first byte, total, queries, size and memory.

    uv run python -m bench.exports [--database-url URL] [--repeat 3] [--only NAME] [--profile FILE]
    uv run python -m bench.exports --synthetic 100000      # the workbook writer alone
    uv run python -m bench.exports --network-table         # 180 000 dossiers at 10×, RSS

Each export runs in a process of its own (so that its peak memory is its own), through Django's
test client as in `bench.load`: one warm-up request, then `--repeat` measured ones, each read to
its end. The first byte is the time from the request to the first non-empty piece of the
streamed body; the first rows, for a workbook, the time to its first piece holding rows (the
first holds the workbook's other parts). Queries are counted with an execute wrapper (nothing
kept per query); the peak RSS is the process's (`ru_maxrss`), beside the RSS measured after
Django's start-up and the warm-up request. On a shared machine the wall times follow the
neighbours' load; the CPU time of the process (the server's Python work, not the database's)
much less: compare runs by it.
"""

import argparse
import json
import resource
import subprocess
import sys
import time

from bench.environment import configure, describe

EXPORTS = (
    "call-csv",
    "call-xlsx",
    "actions-csv",
    "actions-xlsx",
    "every-call-csv",
    "every-call-xlsx",
    "network-csv",
    "network-xlsx",
)


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _target(name: str):
    """(label, who, url) of one export, or None when the data has nothing for it."""
    from django.urls import reverse

    from bench.pages import sample_users
    from lanterne.accounts.models import User
    from lanterne.calls.models import Call
    from lanterne.projects.models import Project

    fmt = name.rsplit("-", 1)[1]
    coordinator = sample_users()["coordinator"]
    if coordinator is not None and not Call.objects.managed_by(coordinator).exists():
        # The sampled coordinator may work for a pôle that carries no call: take the first
        # single-role coordinator of the structure carrying the calls of its région, if any.
        from django.db.models import Count

        from lanterne.accounts.enums import Role

        carriers = Call.objects.values("coordination_id")
        coordinator = (
            User.objects.annotate(roles=Count("memberships"))
            .filter(
                roles=1,
                is_active=True,
                memberships__role=Role.COORDINATOR,
                memberships__structure__in=carriers,
            )
            .order_by("pk")
            .first()
        )
    if name.startswith("network-"):
        superuser = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if superuser is None:
            return None
        return (
            "every dossier of the network (superuser)",
            superuser,
            reverse("calls:export_all", args=[fmt]),
        )
    if coordinator is None:
        return None
    if name.startswith("every-call-"):
        return (
            "every call's dossiers (coordinator)",
            coordinator,
            reverse("calls:export_all", args=[fmt]),
        )
    if name.startswith("call-"):
        call = Call.objects.managed_by(coordinator).order_by("-year", "pk").first()
        if call is None:
            return None
        return f"call {call.slug}", coordinator, reverse("calls:export", args=[call.slug, fmt])
    year = (
        Project.objects.visible_to(coordinator)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if year is None:
        return None
    return f"actions {year}", coordinator, reverse("projects:export", args=[year, fmt])


def _pass_second_factor(client, user) -> None:
    """Coordinators reach nothing before their second factor: the session is marked as having
    given it, as `django_otp.login` does (the user is given a device in the benchmark data if it
    has none)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def measure(name: str, repeat: int, profile: str | None) -> dict:
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch

    from bench.pages import AUTH_BACKEND, HOST

    try:
        target = _target(name)
    except NoReverseMatch:
        target = None
    if target is None:
        return {"export": name, "note": "nothing in the data"}
    label, user, url = target
    client = Client(HTTP_HOST=HOST)
    client.force_login(user, backend=AUTH_BACKEND)
    _pass_second_factor(client, user)
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    def once() -> dict:
        queries[0] = 0
        cpu = time.process_time()
        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = client.get(url)
            first = first_rows = None
            size = pieces = 0
            for piece in response.streaming_content:
                if not piece:
                    continue
                pieces += 1
                now = time.perf_counter()
                if first is None:
                    first = now
                if first_rows is None and (pieces == 2 or not name.endswith("xlsx")):
                    first_rows = now
                size += len(piece)
        total = time.perf_counter() - started
        return {
            "cpu_ms": (time.process_time() - cpu) * 1000,
            "status": response.status_code,
            "first_byte_ms": ((first or started) - started) * 1000,
            "first_rows_ms": ((first_rows or first or started) - started) * 1000,
            "total_ms": total * 1000,
            "bytes": size,
            "queries": queries[0],
        }

    once()  # warm-up: session, scope, caches
    rss_before = _rss_mb()
    runs = []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for _ in range(repeat):
        runs.append(once())
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "export": name,
        "label": label,
        "url": url,
        "runs": runs,
        "rss_after_warmup_mb": round(rss_before, 1),
        "peak_rss_mb": round(peak, 1),
    }


def synthetic(rows: int) -> dict:
    """A workbook of `rows` rows with the actions export's 45 columns, from made-up values (no
    database): the writer's own cost, first byte, total and memory, whatever the data."""
    import datetime
    import itertools

    from lanterne.core.exports import DATE, INTEGER, Table, write_xlsx
    from lanterne.projects.exports import columns

    cols = columns()
    day = datetime.date(2025, 3, 1)

    def values():
        for index in range(rows):
            row = {}
            for col in cols:
                if col.kind == INTEGER:
                    row[col.key] = index % 97
                elif col.kind == DATE:
                    row[col.key] = day + datetime.timedelta(days=index % 300)
                else:
                    row[col.key] = f"{col.key} {index % 1000} — Saint-Étienne & co"
            yield row

    import openpyxl  # noqa: F401  (imported once by a server's first export)

    started = time.perf_counter()
    cpu = time.process_time()
    pieces = write_xlsx(Table("Actions", cols, values()))
    first = next(pieces)
    first_byte = time.perf_counter() - started
    size = len(first) + sum(len(piece) for piece in itertools.chain(pieces))
    return {
        "export": f"synthetic workbook, {rows} rows × {len(cols)} columns",
        "first_byte_ms": first_byte * 1000,
        "total_ms": (time.perf_counter() - started) * 1000,
        "cpu_ms": (time.process_time() - cpu) * 1000,
        "bytes": size,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def network_table(every: int = 10_000) -> None:
    """The whole network's dossiers (what `/appels/dossiers.xlsx` sends a superuser), written
    as a workbook without the HTTP layer, the process's RSS printed every `every` rows."""
    from django.utils import translation

    from lanterne.accounts.models import User
    from lanterne.calls.models import Call
    from lanterne.committee.exports import every_call_table
    from lanterne.core.exports import Table, write_xlsx

    translation.activate("fr")
    user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        print("No superuser in the data.")
        return
    print(f"start: RSS {_rss_mb():.0f} MB", flush=True)
    table = every_call_table(Call.objects.managed_by(user))
    started, cpu = time.perf_counter(), time.process_time()
    count = 0

    def rows():
        nonlocal count
        for row in table.rows:
            count += 1
            if count % every == 0:
                print(
                    f"{count} rows: RSS {_rss_mb():.0f} MB, {time.perf_counter() - started:.0f} s, "
                    f"CPU {time.process_time() - cpu:.0f} s",
                    flush=True,
                )
            yield row

    size = 0
    for piece in write_xlsx(Table(table.name, table.columns, rows())):
        if not size:
            print(f"first byte: {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
        size += len(piece)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"done: {count} rows, {size / 1e6:.1f} MB, {time.perf_counter() - started:.0f} s, "
        f"CPU {time.process_time() - cpu:.0f} s, peak RSS {peak:.0f} MB"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=EXPORTS)
    parser.add_argument("--profile", help="cProfile output of the measured requests (--only)")
    parser.add_argument("--synthetic", type=int, metavar="ROWS", help="a made-up workbook only")
    parser.add_argument(
        "--network-table", action="store_true", help="the network's dossiers, RSS as it goes"
    )
    options = parser.parse_args(argv)
    url = configure(options.database_url)
    if options.network_table:
        network_table()
        return 0
    if options.synthetic:
        print(json.dumps(synthetic(options.synthetic)))
        return 0
    if options.only:
        print(json.dumps(measure(options.only, options.repeat, options.profile)))
        return 0
    print(f"Database: {describe(url)}")
    header = (
        f"{'export':<16} {'what':<42} {'first byte':>10} {'first rows':>10} {'total':>9} "
        f"{'CPU':>9} {'MB':>6} {'queries':>8} {'RSS MB':>13}"
    )
    print(header)
    failed = 0
    for name in EXPORTS:
        command = [sys.executable, "-m", "bench.exports", "--only", name]
        command += ["--repeat", str(options.repeat), "--database-url", url]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            failed += 1
            print(f"{name:<16} ERROR {done.stderr.strip().splitlines()[-1:]}")
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if "runs" not in result:
            print(f"{name:<16} {result['note']}")
            continue
        runs = result["runs"]

        def worst(key, runs=runs):
            return max(run[key] for run in runs)

        print(
            f"{name:<16} {result['label'][:42]:<42} {worst('first_byte_ms'):>8.0f}ms "
            f"{worst('first_rows_ms'):>8.0f}ms {worst('total_ms'):>7.0f}ms "
            f"{worst('cpu_ms'):>7.0f}ms "
            f"{worst('bytes') / 1e6:>6.1f} "
            f"{'/'.join(str(q) for q in sorted({run['queries'] for run in runs})):>8} "
            f"{result['rss_after_warmup_mb']:>5.0f} → {result['peak_rss_mb']:>4.0f}"
        )
    print("Worst of the measured requests; RSS: after start-up and warm-up → peak of the process.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
