"""Fill the benchmark database with synthetic national-scale data.

    uv run python -m bench.generate [--scale 1] [--reset] [--database-url URL]

Scale 1 is the first release's target: the full list of communes (about 35 000), 5 000
structures, 20 000 people and 1 000 accounts; `--scale 10` multiplies everything but the
communes by ten; calls and dossiers are 100 dossiers per région and year over 10 years at
scale 1 (1 000 at scale 10); projects are 250 actions a year nationally at scale 1 (2 500 at
scale 10), made from accepted dossiers. The database is `--database-url`, else
`BENCH_DATABASE_URL`, else `var/bench.sqlite3`; never `DATABASE_URL`.
"""

import argparse
import sys
import time

from bench.environment import configure, describe


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1,
        help="multiplier of structures, people and users (default 1)",
    )
    parser.add_argument(
        "--database-url", help="default: $BENCH_DATABASE_URL, else sqlite:///var/bench.sqlite3"
    )
    parser.add_argument(
        "--reset", action="store_true", help="delete structures, missions, people and users first"
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed (default 2025)")
    parser.add_argument(
        "--communes",
        type=int,
        default=None,
        help="communes to invent when the COG cannot be imported (default 35000)",
    )
    return parser.parse_args(argv)


def _projects(scale: float, seed: int) -> None:
    """Projects, actions and reports made from the dossiers (`bench.projects`)."""
    from django.db import transaction

    from bench import projects as bench_projects
    from lanterne.accounts.models import User

    started = time.perf_counter()
    with transaction.atomic():
        made = bench_projects.generate(
            scale=scale, user_ids=User.objects.values_list("pk", flat=True), seed=seed
        )
    for label, count in made.items():
        print(f"  {label:<32} {count:>9}")
    print(f"  {'projects and reports':<32} {'':>9}  {time.perf_counter() - started:7.1f} s")


def _committee(seed: int) -> None:
    """Committee sessions of the latest year's calls, their agendas and opinions."""
    from django.db import transaction

    from bench import committee as bench_committee

    started = time.perf_counter()
    with transaction.atomic():
        made = bench_committee.generate(seed=seed)
    for label, count in made.items():
        print(f"  {label:<32} {count:>9}")
    print(f"  {'committee':<32} {'':>9}  {time.perf_counter() - started:7.1f} s")


def analyze() -> None:
    """Fresh rows: give the planner statistics before anything is measured (both backends).

    Run after every load: a server without autovacuum (or before it wakes) would otherwise plan
    on empty tables' statistics. On PostgreSQL it is `VACUUM (ANALYZE)`: bulk-loaded pages are
    not yet marked all-visible, and until they are the planner prices index-only scans (the
    directory's later pages) as full scans with a sort. Runs outside any transaction."""
    from django.db import connection

    statement = "VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE"
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(statement)
    print(f"  {statement:<32} {'':>9}  {time.perf_counter() - started:7.1f} s")


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    url = configure(options.database_url)

    from django.core.management import call_command
    from django.db import connection, transaction

    from bench import synthetic
    from lanterne.accounts.models import User
    from lanterne.committee.models import CommitteeSession
    from lanterne.network.models import Person, Structure
    from lanterne.projects.models import Project

    seed = options.seed if options.seed is not None else synthetic.SEED
    print(f"Database: {describe(url)} ({connection.vendor})")
    started = begun = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  {'migrate':<32} {'':>9}  {time.perf_counter() - started:7.1f} s")

    if options.reset:
        started = time.perf_counter()
        deleted = synthetic.wipe_network_and_accounts()
        rows = ", ".join(f"{label} {count}" for label, count in sorted(deleted.items()))
        print(f"  reset: {rows or 'nothing to delete'} ({time.perf_counter() - started:.1f} s)")
    elif Structure.objects.exists():
        print(
            f"Already filled: {Structure.objects.count()} structures, "
            f"{Person.objects.count()} people, {User.objects.count()} users. "
            "Pass --reset to generate again."
        )
        # A database filled before projects (or committee sessions) existed gets them now, once.
        loaded = False
        if not Project.objects.exists():
            _projects(options.scale, seed)
            loaded = True
        if not CommitteeSession.objects.exists():
            _committee(seed)
            loaded = True
        if loaded:
            analyze()
        return 0

    synthetic.generate(
        structures=round(synthetic.STRUCTURES_PER_SCALE * options.scale),
        people=round(synthetic.PEOPLE_PER_SCALE * options.scale),
        users=round(synthetic.USERS_PER_SCALE * options.scale),
        communes=options.communes or synthetic.COMMUNES,
        seed=seed,
    )
    from bench import calls as bench_calls

    started = time.perf_counter()
    with transaction.atomic():
        made = bench_calls.generate(
            scale=options.scale,
            structures=list(Structure.objects.only("pk")),
            user_ids=list(User.objects.values_list("pk", flat=True)),
            seed=seed,
        )
    for label, count in made.items():
        print(f"  {label:<32} {count:>9}")
    print(f"  {'calls and dossiers':<32} {'':>9}  {time.perf_counter() - started:7.1f} s")
    _projects(options.scale, seed)
    _committee(seed)
    analyze()
    print(
        f"Done at scale {options.scale:g} in {time.perf_counter() - begun:.1f} s "
        f"(seed {seed}; every account's password: {synthetic.BENCH_PASSWORD})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
