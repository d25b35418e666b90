"""Time the key pages on the benchmark database and count their SQL queries.

    uv run python -m bench.load [--requests 200] [--database-url URL] [--json FILE]

In-process with Django's test client: server time, no network. Targets: every page's p95 at
most 50 ms and at most ten times the p95 of the matching templated floor (`base.html` and one
query, anonymous or signed in: `bench.floor`) timed in the same run; the same number of queries
whatever the volume of data (compare two runs with `--compare`).
"""

import argparse
import json
import math
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.environment import configure, describe, write_results

TARGET_P95_MS = 50.0
TARGET_RATIO = 10.0
# The export target: one call's 1 000-dossier export within 500 ms (its first byte,
# measured by `bench.exports`, within 200 ms).
EXPORT_TARGET_MS = 500.0
ANONYMOUS, SIGNED_IN = "anonymous", "signed in"


def percentile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` quantile (0–1) by linear interpolation between the closest ranks.

    The same definition as numpy's default and `statistics.quantiles(method="inclusive")`:
    p50 of [1, 2, 3, 4] is 2.5; p95 of 1..100 is 95.05.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must be between 0 and 1")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower, upper = math.floor(position), math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


@dataclass
class Result:
    page: str
    urls: list[str]
    requests: int = 0
    p50_ms: float | None = None
    p95_ms: float | None = None
    max_ms: float | None = None
    queries_min: int | None = None
    queries_max: int | None = None
    # p95 over each floor's p95; `ratio` is the matching floor's (the one the verdict uses).
    ratio_anonymous: float | None = None
    ratio_signed_in: float | None = None
    ratio: float | None = None
    verdict: str = ""
    note: str = ""


def summarise(
    page: str,
    urls: list[str],
    milliseconds: Sequence[float],
    queries: Sequence[int],
    *,
    floors: dict[str, float] | None = None,
    floor: str = ANONYMOUS,
    statuses: set[int] | frozenset[int] = frozenset({200}),
    is_baseline: bool = False,
    expected_statuses: frozenset[int] = frozenset({200}),
    export_target_ms: float | None = None,
) -> Result:
    """p50/p95/max, query range, ratios to the floors' p95 and verdict of one page's samples.

    `floors` maps ANONYMOUS and SIGNED_IN to their p95 (a missing one gives no ratio); `floor`
    names the one matching the page's visitor, the one the verdict compares with. An export
    (`export_target_ms`) is judged on its whole read against that target alone."""
    result = Result(page, urls, requests=len(milliseconds))
    if not milliseconds:
        result.verdict = "n/a"
        return result
    result.p50_ms = percentile(milliseconds, 0.50)
    result.p95_ms = percentile(milliseconds, 0.95)
    result.max_ms = max(milliseconds)
    result.queries_min, result.queries_max = min(queries), max(queries)
    problems = []
    if set(statuses) != set(expected_statuses):
        problems.append("HTTP " + "/".join(str(status) for status in sorted(statuses)))
    floors = floors or {}
    result.ratio_anonymous = floor_ratio(result.p95_ms, floors.get(ANONYMOUS))
    result.ratio_signed_in = floor_ratio(result.p95_ms, floors.get(SIGNED_IN))
    if is_baseline:
        result.verdict = "reference" if not problems else "FAIL " + ", ".join(problems)
        return result
    result.ratio = result.ratio_anonymous if floor == ANONYMOUS else result.ratio_signed_in
    if export_target_ms is not None:
        if result.p95_ms > export_target_ms:
            problems.append(f"export p95 > {export_target_ms:g} ms")
    elif result.p95_ms > TARGET_P95_MS:
        problems.append(f"p95 > {TARGET_P95_MS:g} ms")
    if export_target_ms is None and result.ratio is not None and result.ratio > TARGET_RATIO:
        problems.append(f"> {TARGET_RATIO:g}× {floor} floor")
    result.verdict = "FAIL " + ", ".join(problems) if problems else "PASS"
    if result.queries_min != result.queries_max:
        result.note = "query count varies"
    return result


def floor_ratio(p95: float | None, floor_p95: float | None) -> float | None:
    """A page's p95 over a floor's p95; None when either is missing or the floor is zero."""
    if p95 is None or not floor_p95:
        return None
    return p95 / floor_p95


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _times(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.1f}×"


def table(results: Sequence[Result]) -> str:
    header = (
        "page",
        "requests",
        "p50 ms",
        "p95 ms",
        "max ms",
        "queries",
        "×anon floor",
        "×signed floor",
        "result",
    )
    rows = [header]
    for result in results:
        if result.queries_min is None:
            queries = "—"
        elif result.queries_min == result.queries_max:
            queries = str(result.queries_min)
        else:
            queries = f"{result.queries_min}–{result.queries_max}"
        verdict = result.verdict + (f" ({result.note})" if result.note else "")
        rows.append(
            (
                result.page,
                str(result.requests),
                _number(result.p50_ms),
                _number(result.p95_ms),
                _number(result.max_ms),
                queries,
                _times(result.ratio_anonymous),
                _times(result.ratio_signed_in),
                verdict,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.ljust(width) if i in (0, len(header) - 1) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def compare(results: Sequence[Result], previous: dict) -> list[str]:
    """Pages whose query counts differ from another run's (say, the same pages at 10×)."""
    before = {page["page"]: page for page in previous.get("pages", [])}
    lines = []
    for result in results:
        other = before.get(result.page)
        if other is None or result.queries_min is None or other.get("queries_min") is None:
            continue
        now = (result.queries_min, result.queries_max)
        then = (other["queries_min"], other["queries_max"])
        status = "same" if now == then else "DIFFERENT"
        lines.append(f"  {result.page:<40} {then[0]}–{then[1]} → {now[0]}–{now[1]}  {status}")
    return lines


def revision() -> str:
    """The code measured: commit, and whether the working tree differs from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit} + uncommitted changes" if dirty else commit


def summarise_plan(plan, samples) -> list[Result]:
    """Every page's result, in the plan's order; the floors are summarised first so that every
    other page gets its ratios."""
    floors: dict[str, float] = {}
    for page in plan:
        sample = samples.get(page.label)
        if page.floor and page.available and sample and sample.milliseconds and not sample.error:
            floors[page.floor] = percentile(sample.milliseconds, 0.95)
    results: list[Result] = []
    for page in plan:
        if not page.available:
            results.append(Result(page.label, page.urls, verdict=page.note))
            continue
        sample = samples[page.label]
        if sample.error:
            results.append(Result(page.label, page.urls, verdict="ERROR", note=sample.error))
            continue
        results.append(
            summarise(
                page.label,
                page.urls,
                sample.milliseconds,
                sample.queries,
                floors=floors,
                floor=page.floor or floor_of(page),
                statuses=sample.statuses,
                is_baseline=page.is_baseline or bool(page.floor),
                expected_statuses=page.statuses,
                export_target_ms=page.export_target_ms,
            )
        )
    return results


def floor_of(page) -> str:
    """The floor a page is measured against: the anonymous one, or the signed-in one."""
    return ANONYMOUS if page.client == "anonymous" else SIGNED_IN


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--requests", type=int, default=200, help="measured requests per page (default 200)"
    )
    parser.add_argument(
        "--warmup", type=int, default=10, help="unmeasured requests per page first (default 10)"
    )
    parser.add_argument(
        "--database-url", help="default: $BENCH_DATABASE_URL, else sqlite:///var/bench.sqlite3"
    )
    parser.add_argument(
        "--search", default="saint", help="the directory's search term (default: saint)"
    )
    parser.add_argument(
        "--eligibility",
        type=int,
        default=500,
        help="dossiers the eligibility engine is timed over (default 500)",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--compare", type=Path, help="a previous --json file: compare query counts")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a page fails its targets"
    )
    parser.add_argument(
        "--gc-default",
        action="store_true",
        help="keep Python's garbage collector as it starts (default: freeze the warmed-up heap "
        "and raise the threshold, as config/gunicorn.py does in every worker)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help="measure only the pages whose label contains TEXT (case-insensitive; repeatable); "
        "the floors are always measured",
    )
    return parser.parse_args(argv)


def select(plan, only: Sequence[str]):
    """The pages of `plan` whose label contains one of `only`, and the floors."""
    wanted = [text.casefold() for text in only]
    if not wanted:
        return plan
    return [
        page for page in plan if page.floor or any(text in page.label.casefold() for text in wanted)
    ]


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    url = configure(options.database_url, floor=True)

    from django.db import connection

    from bench import pages
    from lanterne.accounts.models import User
    from lanterne.network.models import Person, Structure
    from lanterne.territories.models import Commune

    counts = {
        "communes": Commune.objects.count(),
        "structures": Structure.objects.count(),
        "listed": Structure.objects.listed().count(),
        "people": Person.objects.count(),
        "users": User.objects.count(),
    }
    code = revision()
    print(f"Database: {describe(url)} ({connection.vendor}); code: {code}")
    print("Data: " + ", ".join(f"{value} {name}" for name, value in counts.items()))
    if not counts["structures"]:
        print("No structures: run `make bench-data` (python -m bench.generate) first.")
    plan = select(pages.plan(search=options.search), options.only)
    print(f"{options.warmup} warm-up + {options.requests} measured requests per page, interleaved.")
    samples = pages.run(
        plan, requests=options.requests, warmup=options.warmup, freeze_heap=not options.gc_default
    )

    results = summarise_plan(plan, samples)

    print()
    print(table(results))
    failed = [r for r in results if r.verdict.startswith(("FAIL", "ERROR"))]
    print()
    print(
        f"Targets: p95 ≤ {TARGET_P95_MS:g} ms and ≤ {TARGET_RATIO:g}× the p95 of the matching "
        f"floor (anonymous or signed in); exports read to their end ≤ {EXPORT_TARGET_MS:g} ms. "
        f"{len(failed)} page(s) failed."
    )
    from bench.calls import time_eligibility

    engine = time_eligibility(options.eligibility)
    if engine["dossiers"]:
        print(
            f"Eligibility engine over {engine['dossiers']} dossiers: fetch "
            f"{engine['fetch_ms']:.0f} ms, {engine['queries']} queries in all; evaluate() "
            f"p50 {engine['evaluate_p50_ms']:.2f} ms, p95 {engine['evaluate_p95_ms']:.2f} ms."
        )
    if options.compare:
        previous = json.loads(options.compare.read_text())
        print(f"\nQuery counts compared with {options.compare} ({previous.get('data')}):")
        print("\n".join(compare(results, previous)) or "  no page in common")
    if options.json:
        write_results(
            options.json,
            url,
            {
                "vendor": connection.vendor,
                "code": code,
                "data": counts,
                "requests": options.requests,
                "warmup": options.warmup,
                "targets": {"p95_ms": TARGET_P95_MS, "ratio": TARGET_RATIO},
                "pages": [asdict(result) for result in results],
                "eligibility": engine,
            },
        )
        print(f"Results written to {options.json}")
    return 1 if options.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
