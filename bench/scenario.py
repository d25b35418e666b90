"""Mixed journeys against the production server, with pauses as people make them.

    uv run python -m bench.scenario [--users 50] [--duration 120] [--think 1.0] [--database-url URL]

Starts the production server as `bench.server` does, then `--users` people at once, each
following its journey in a loop until the end, pausing between pages (`--think` scales the
pauses: 0 for none):
- the public (half of them): the welcome page, the directory and a search, a structure, the map
  and its data, a call, the panorama;
- applicants: they sign in through the login form, start a dossier on the open scenario call
  from last year's (the creation form), type its intention note and first contact (the general
  section's form on the dossier page), and
  submit it (the confirmation form, attestation ticked) — CSRF tokens taken from each form;
- coordinators: their home, the call's dossiers, dossier pages and eligibility, the year view;
- committee members: their session, a dossier of its agenda, and an opinion through its form.

It prints p95 and errors per journey step, then checks in the database that every dossier the
server confirmed as submitted during the run is there, submitted, with its frozen content and
the intention note typed. The scenario's call makes its territory, films and documents rules
warnings rather than blocking (the journeys upload no file and pick no film). Target (issue 14,
at 10×): p95 ≤ 300 ms, 0 errors, every dossier there.

The preparation writes to the benchmark database only: an open call copied from the
coordinator's latest one (`scenario-<run>-…`, one per run), and a confirmed authenticator for
the signed-in accounts that need a second factor (their sessions are made verified in-process,
as `bench.load` does: nobody types a code).
"""

import argparse
import asyncio
import datetime
import json
import os
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.environment import REPO_ROOT, configure, describe, write_results
from bench.load import percentile

TARGET_P95_MS = 300.0
NOTE_MARK = "Note d'intention (scénario de charge)"
# The rules whose remedy the applicants' journey does not play (see `open_scenario_call`).
NOT_PLAYED_RULES = ("territory", "films", "documents")
DOSSIER_PATH = re.compile(r"/dossiers/(\d+)/")


@dataclass
class Cast:
    """Who plays, and the URLs they visit; made in-process before the server starts."""

    public_paths: list[str]
    call_slug: str
    applicants: list[dict]  # {"email", "password", "structure"}: sign in through the form
    coordinator_cookies: dict[str, str]
    coordinator_paths: list[str]
    # One seat per committee member of the session: its cookies, and the agenda's dossiers it
    # has not given its opinion on yet (an opinion is given once).
    committee: list[dict]


def open_scenario_call(coordinator) -> tuple:
    """The open call applicants use: a new copy of the coordinator's latest call for each run
    (every applicant can start afresh), with its deadline a month ahead, published."""
    from django.utils import timezone

    from lanterne.calls import services as call_services
    from lanterne.calls.enums import MilestoneKind
    from lanterne.calls.models import Call

    source = (
        Call.objects.managed_by(coordinator)
        .exclude(slug__startswith="scenario")
        .latest("year", "pk")
    )
    call = call_services.call_copy(call=source, by=coordinator, year=source.year + 1)
    run = Call.objects.filter(copied_from=source, slug__startswith="scenario").count() + 1
    Call.objects.filter(pk=call.pk).update(slug=f"scenario-{run}-{call.slug}"[:220])
    call.refresh_from_db()
    now = timezone.now()
    for milestone in call.milestones.all():
        if milestone.kind == MilestoneKind.OPENING:
            milestone.starts_at = now - datetime.timedelta(days=30)
        elif milestone.kind in (MilestoneKind.FIRST_CONTACT, MilestoneKind.DEADLINE):
            milestone.starts_at = now + datetime.timedelta(days=30)
        else:
            milestone.starts_at = max(milestone.starts_at, now + datetime.timedelta(days=40))
        if milestone.ends_at and milestone.ends_at < milestone.starts_at:
            milestone.ends_at = milestone.starts_at
        milestone.save()
    Call.objects.filter(pk=call.pk).update(is_published=True)
    # What the journeys do not do (upload a file, pick films, declare territories) warns instead
    # of blocking on this call; the other rules block as on any call.
    call.rules.filter(code__in=NOT_PLAYED_RULES).update(is_blocking=False)
    return source, call


def scenario_applicants(call, count: int) -> list[dict]:
    """Single-role applicants whose structure has a dossier to start from (an accepted one of
    an earlier call of the région: `previous_dossiers`) and none in `call` yet, each with the
    synthetic accounts' password."""
    from django.db.models import Count

    from bench.synthetic import BENCH_PASSWORD
    from lanterne.accounts.enums import Role
    from lanterne.accounts.models import Membership
    from lanterne.dossiers.enums import DossierState
    from lanterne.dossiers.models import Dossier

    returning = Dossier.objects.filter(
        call__region_id=call.region_id, call__year__lt=call.year, state=DossierState.ACCEPTED
    ).values("applicant_id")
    taken = Dossier.objects.filter(call=call).values("applicant_id")
    memberships = (
        Membership.objects.filter(
            role=Role.APPLICANT,
            is_active=True,
            structure__in=returning,
            user__is_active=True,
        )
        .exclude(structure__in=taken)
        .annotate(roles=Count("user__memberships"))
        .filter(roles=1)
        .select_related("user")
        .order_by("structure_id", "pk")
    )
    chosen, structures = [], set()
    for membership in memberships:
        if membership.structure_id in structures:
            continue
        structures.add(membership.structure_id)
        chosen.append(
            {
                "email": membership.user.email,
                "password": BENCH_PASSWORD,
                "structure": membership.structure_id,
            }
        )
        if len(chosen) == count:
            break
    return chosen


def session_cookies(user) -> dict[str, str]:
    """A signed-in, verified session of `user`, as cookies (`bench.pages.sign_in`)."""
    from django.conf import settings
    from django.test import Client

    from bench import pages

    client = Client()
    pages.sign_in(client, user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def busiest_coordinator():
    """A single-role coordinator of the coordination carrying the calls of the région with the
    most applicant accounts able to play (single-role, with an accepted dossier to start from);
    None when there is none."""
    from django.db.models import Count

    from lanterne.accounts.enums import Role
    from lanterne.accounts.models import Membership, User
    from lanterne.calls.models import Call
    from lanterne.dossiers.enums import DossierState
    from lanterne.dossiers.models import Dossier

    single_role = User.objects.annotate(roles=Count("memberships")).filter(roles=1, is_active=True)
    players = (
        Dossier.objects.filter(
            state=DossierState.ACCEPTED,
            applicant__memberships__role=Role.APPLICANT,
            applicant__memberships__user__in=single_role.values("pk"),
        )
        .values("call__region_id")
        .annotate(accounts=Count("applicant__memberships__user", distinct=True))
        .order_by("-accounts")
    )
    for row in players:
        coordinations = Call.objects.filter(region_id=row["call__region_id"]).values(
            "coordination_id"
        )
        membership = (
            Membership.objects.filter(
                role=Role.COORDINATOR,
                is_active=True,
                structure__in=coordinations,
                user__in=single_role.values("pk"),
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is not None:
            return membership.user
    return None


def cast(applicants: int) -> Cast:
    from bench import pages
    from lanterne.committee.models import CommitteeSession

    users = pages.sample_users()
    coordinator, member = users["coordinator"], users["committee member"]
    # The open call is in the région where most applicants can play; the coordinator who reads
    # pages is `bench.load`'s, whose pages `bench.pages` lists.
    _source, call = open_scenario_call(busiest_coordinator() or coordinator)
    plan = {page.label: page for page in pages.plan() if page.available}
    public, private = [], []
    for page in plan.values():
        if page.cold_cache or page.is_baseline or page.floor or "export" in page.label:
            continue
        if page.label.startswith("API"):
            continue
        if page.client == "anonymous":
            public += page.urls
        elif page.client == "coordinator":
            private += page.urls
    session = (
        CommitteeSession.objects.filter(members=member, is_closed=False)
        .order_by("-meets_at", "pk")
        .first()
        if member
        else None
    )
    seats = []
    if session is not None:
        agenda = list(session.dossiers.order_by("pk").values_list("pk", flat=True))
        for seated in session.members.order_by("pk"):
            given = set(session.opinions.filter(member=seated).values_list("dossier_id", flat=True))
            seats.append(
                {
                    "cookies": session_cookies(seated),
                    "session": session.pk,
                    "dossiers": [pk for pk in agenda if pk not in given],
                }
            )
    return Cast(
        public_paths=["/", *public],
        call_slug=call.slug,
        applicants=scenario_applicants(call, applicants),
        coordinator_cookies=session_cookies(coordinator),
        coordinator_paths=private,
        committee=seats,
    )


@dataclass
class Step:
    journey: str
    step: str
    milliseconds: float
    status: int
    ok: bool
    error: str = ""


@dataclass
class Record:
    """What the run saw: every request, and the dossiers the server said it had taken."""

    steps: list[Step] = field(default_factory=list)
    submitted: dict[int, str] = field(default_factory=dict)  # dossier pk → the note typed

    def add(self, journey: str, step: str, response, *, expect: Iterable[int] = (200,)) -> bool:
        ok = response.status in set(expect)
        self.steps.append(Step(journey, step, response.milliseconds, response.status, ok))
        return ok

    def fail(self, journey: str, step: str, error: Exception, milliseconds: float) -> None:
        name = f"{type(error).__name__}: {error}"[:100]
        self.steps.append(Step(journey, step, milliseconds, 0, False, name))


class Pauses:
    """Think times: a person reads a page for a few seconds before the next (`scale` 0: none)."""

    def __init__(self, scale: float, rng: random.Random):
        self.scale, self.rng = scale, rng

    async def __call__(self, low: float = 1.0, high: float = 5.0) -> None:
        if self.scale > 0:
            await asyncio.sleep(self.rng.uniform(low, high) * self.scale)


async def public_journey(connection, cast: Cast, record: Record, pause: Pauses, rng) -> None:
    for path in rng.sample(cast.public_paths, min(6, len(cast.public_paths))):
        response = await connection.get(path)
        # The welcome page sends a signed-in person (an applicant done with its dossier) home.
        record.add(
            "public", _step_name(path), response, expect=(200, 302) if path == "/" else (200,)
        )
        await pause()


async def coordinator_journey(connection, cast: Cast, record: Record, pause: Pauses, rng) -> None:
    for path in rng.sample(cast.coordinator_paths, min(5, len(cast.coordinator_paths))):
        response = await connection.get(path)
        record.add("coordinator", _step_name(path), response)
        await pause(2, 8)


async def committee_journey(connection, seat: dict, record: Record, pause: Pauses, rng) -> None:
    """The session's page, then the next dossier this member has not judged, and its opinion."""
    session = seat["session"]
    response = await connection.get(f"/comites/{session}/")
    record.add("committee", "session", response)
    await pause(2, 8)
    if not seat["dossiers"]:
        return
    dossier = seat["dossiers"].pop(0)
    path = f"/comites/{session}/dossiers/{dossier}/"
    page = await connection.get(path)
    if not record.add("committee", "session dossier", page):
        return
    await pause(5, 15)
    data = {
        "csrfmiddlewaretoken": page.csrf_token(),
        "verdict": rng.choice(["favourable", "reserved", "unfavourable"]),
        "comment": "Avis donné pendant le scénario de charge.",
        "proposed_amount": str(rng.randrange(1000, 9000, 500)),
    }
    response = await connection.post(path, data)
    record.add("committee", "give opinion (POST)", response, expect=(302,))


async def applicant_journey(
    connection, cast: Cast, applicant: dict, record: Record, pause: Pauses
) -> bool:
    """Sign in, start a dossier from last year's, rewrite its note, submit. False when the
    applicant has nothing left to do (its dossier is submitted)."""
    login = await connection.get("/compte/connexion/")
    if not record.add("applicant", "login page", login):
        return True
    await pause()
    signed = await connection.post(
        "/compte/connexion/",
        {
            "csrfmiddlewaretoken": login.csrf_token(),
            "username": applicant["email"],
            "password": applicant["password"],
        },
    )
    if not record.add("applicant", "sign in (POST)", signed, expect=(302,)):
        return True
    create_path = f"/dossiers/nouveau/{cast.call_slug}/"
    create = await connection.get(create_path)
    if not record.add("applicant", "new dossier page", create):
        return True
    await pause(3, 10)
    created = await connection.post(
        create_path,
        {
            "csrfmiddlewaretoken": create.csrf_token(),
            "title": f"Projet du scénario de charge {applicant['structure']}",
            "applicant": str(applicant["structure"]),
            "from_previous": "on",
        },
    )
    if not record.add("applicant", "create dossier (POST)", created, expect=(302,)):
        return True
    match = DOSSIER_PATH.search(created.location)
    if not match:
        return True
    dossier = int(match.group(1))
    page = await connection.get(f"/dossiers/{dossier}/")
    if not record.add("applicant", "dossier page", page):
        return True
    await pause(10, 30)  # typing the note
    section_path = f"/dossiers/{dossier}/modifier/{INTENTION_SECTION}/"
    note = f"{NOTE_MARK} — dossier {dossier}, {time.time():.0f}."
    fields = form_fields(page.body, section_path)
    # The first contact with the coordination, which the call requires before its deadline.
    prefix = f"{INTENTION_SECTION}-"  # the page's forms are prefixed by their section
    fields[prefix + "first_contact_on"] = datetime.date.today().isoformat()
    fields[prefix + INTENTION_FIELD] = note
    saved = await connection.post(
        section_path, {**fields, "csrfmiddlewaretoken": page.csrf_token()}
    )
    if not record.add("applicant", "save note (POST)", saved, expect=(302,)):
        return True
    page = await connection.get(f"/dossiers/{dossier}/")
    record.add("applicant", "dossier page", page)
    await pause(3, 10)
    submit_path = f"/dossiers/{dossier}/deposer/"
    confirm = await connection.get(submit_path)
    if not record.add("applicant", "submit page", confirm):
        return True
    await pause(3, 10)
    submitted = await connection.post(
        submit_path, {"csrfmiddlewaretoken": confirm.csrf_token(), "attest": "on"}
    )
    if record.add("applicant", "submit (POST)", submitted, expect=(302,)):
        record.submitted[dossier] = note
    return False


# The intention note's section of the dossier page's forms, and its field.
INTENTION_SECTION = "general"
INTENTION_FIELD = "intention"
_INPUT = re.compile(rb"<(input|textarea|select)\b([^>]*)>", re.S)
_ATTR = re.compile(rb'(\w[\w-]*)="([^"]*)"')


def form_fields(page: bytes, action: str) -> dict[str, str]:
    """The values shown by the page's form posting to `action`, as a browser would send them."""
    start = page.find(f'action="{action}"'.encode())
    if start < 0:
        return {}
    return section_fields(page[start : page.find(b"</form>", start)])


def section_fields(body: bytes) -> dict[str, str]:
    """The values a form already shows (text inputs, checked boxes, selected options, text
    areas), so that posting it back changes only the field the journey types in."""
    import html

    fields: dict[str, str] = {}
    for tag, raw in _INPUT.findall(body):
        attrs = {k.decode(): html.unescape(v.decode()) for k, v in _ATTR.findall(raw)}
        name = attrs.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if tag == b"input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if b" checked" in raw:
                    fields[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                fields[name] = attrs.get("value", "")
        elif tag == b"textarea":
            start = body.find(raw) + len(raw) + 1
            end = body.find(b"</textarea>", start)
            # A browser drops the new line that follows <textarea>.
            fields[name] = html.unescape(body[start:end].decode()).removeprefix("\n")
        elif tag == b"select":
            start = body.find(raw)
            end = body.find(b"</select>", start)
            chosen = re.search(rb'<option value="([^"]*)"[^>]*selected', body[start:end])
            if chosen:
                fields[name] = html.unescape(chosen.group(1).decode())
    return fields


def _step_name(path: str) -> str:
    """A URL's family, for the report: /structures/x/ → /structures/…"""
    parts = [part for part in path.split("?")[0].split("/") if part]
    if not parts:
        return "/"
    return "/" + parts[0] + ("/…" if len(parts) > 1 else "/")


async def play(cast: Cast, *, port: int, users: int, duration: float, think: float) -> Record:
    """`users` people at once; each loops over its journey until the end of `duration`."""
    from bench.http import Connection

    record = Record()
    deadline = time.perf_counter() + duration
    roles = assign_roles(users, applicants=len(cast.applicants), seats=len(cast.committee))

    async def person(number: int, role: str) -> None:
        rng = random.Random(1400 + number)
        pause = Pauses(think, rng)
        await asyncio.sleep(rng.uniform(0, 3 * think))  # people do not all arrive at once
        seat = cast.committee[number % len(cast.committee)] if cast.committee else None
        cookies = {
            "coordinator": cast.coordinator_cookies,
            "committee": seat["cookies"] if seat else {},
        }.get(role, {})
        connection = Connection("127.0.0.1", port, cookies=dict(cookies))
        applicant = cast.applicants[number % len(cast.applicants)] if cast.applicants else None
        busy = True
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                if role == "applicant" and applicant is not None and busy:
                    busy = await applicant_journey(connection, cast, applicant, record, pause)
                elif role == "applicant":
                    await public_journey(connection, cast, record, pause, rng)
                elif role == "coordinator":
                    await coordinator_journey(connection, cast, record, pause, rng)
                elif role == "committee" and seat is not None:
                    await committee_journey(connection, seat, record, pause, rng)
                else:
                    await public_journey(connection, cast, record, pause, rng)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
                record.fail(role, "connection", error, (time.perf_counter() - started) * 1000)
                await connection.close()
            await pause()
        await connection.close()

    await asyncio.gather(*(person(n, role) for n, role in enumerate(roles)))
    return record


def assign_roles(users: int, *, applicants: int, seats: int) -> list[str]:
    """Half the people browse in public; the rest are applicants (at most one per prepared
    account) and committee members (at most one per seat), about 3 : 1 to the rest, who are
    coordinators."""
    signed = users - users // 2
    applicant_count = min(applicants, round(signed * 3 / 5.5))
    committee = min(seats, round(signed / 5.5))
    coordinators = signed - applicant_count - committee
    return (
        ["public"] * (users // 2)
        + ["applicant"] * applicant_count
        + ["coordinator"] * coordinators
        + ["committee"] * committee
    )


def check_submitted(submitted: dict[int, str]) -> list[str]:
    """Problems with the dossiers the server said it had taken: missing, not submitted, without
    frozen content or fingerprint, or without the note typed (live and frozen). Empty: all there."""
    from lanterne.dossiers.enums import DossierState
    from lanterne.dossiers.models import Dossier

    found = {d.pk: d for d in Dossier.objects.filter(pk__in=list(submitted))}
    return problems_with(submitted, found, submitted_state=DossierState.SUBMITTED)


def problems_with(submitted: dict[int, str], found: dict, *, submitted_state: str) -> list[str]:
    """`check_submitted`'s rules over fetched dossiers (pk → object with `state`, `intention`,
    `submitted_content`, `fingerprint`); kept apart so that the tests need no server."""
    problems = []
    for pk, note in sorted(submitted.items()):
        dossier = found.get(pk)
        if dossier is None:
            problems.append(f"dossier {pk}: missing")
            continue
        if dossier.state != submitted_state:
            problems.append(f"dossier {pk}: {dossier.state}, not {submitted_state}")
        content = dossier.submitted_content or {}
        if not content or not dossier.fingerprint:
            problems.append(f"dossier {pk}: no frozen content")
        if getattr(dossier, INTENTION_FIELD, None) != note:
            problems.append(f"dossier {pk}: the note typed is not saved")
        if note not in json.dumps(content, ensure_ascii=False):
            problems.append(f"dossier {pk}: the note typed is not in its frozen content")
    return problems


def report(record: Record) -> tuple[str, bool]:
    by_step: dict[tuple[str, str], list[Step]] = defaultdict(list)
    for step in record.steps:
        by_step[(step.journey, step.step)].append(step)
    times = [step.milliseconds for step in record.steps]
    errors = [step for step in record.steps if not step.ok]
    lines = [f"{'journey':<12} {'step':<26} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} errors"]
    for (journey, name), steps in sorted(by_step.items()):
        values = [s.milliseconds for s in steps]
        bad = [s for s in steps if not s.ok]
        kinds = sorted({s.error or f"HTTP {s.status}" for s in bad})
        lines.append(
            f"{journey:<12} {name[:26]:<26} {len(steps):>8} {percentile(values, 0.5):>7.0f} "
            f"{percentile(values, 0.95):>7.0f} {len(bad) or ''} {', '.join(kinds)}".rstrip()
        )
    p95 = percentile(times, 0.95) if times else 0.0
    lines.append("")
    lines.append(
        f"{len(times)} requests, p95 {p95:.0f} ms, {len(errors)} errors; "
        f"{len(record.submitted)} dossiers submitted"
    )
    passed = bool(times) and p95 <= TARGET_P95_MS and not errors
    return "\n".join(lines), passed


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scenario", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=120, help="seconds (default 120)")
    parser.add_argument(
        "--think", type=float, default=1.0, help="pause scale (1: 1–30 s as people do; 0: none)"
    )
    parser.add_argument(
        "--database-url", help="default: $BENCH_DATABASE_URL, else sqlite:///var/bench.sqlite3"
    )
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--workers", help="WEB_CONCURRENCY (default: the example's)")
    parser.add_argument("--threads", help="GUNICORN_THREADS (default: the example's, else 1)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from bench import server

    options = parse_args(argv)
    os.environ["SECRET_KEY"] = server.SECRET_KEY
    url = configure(options.database_url)
    if url.startswith("sqlite"):
        print("The scenario needs PostgreSQL (several processes write at once).")
        return 2
    env = server.server_environment(
        url,
        options.port,
        overrides=server.overrides_from(options),
        static_root=REPO_ROOT / "var" / "bench-static",
    )
    print(f"Database: {describe(url)}; {server.conditions()}")
    server.collect_static(env)
    server.create_cache_table(env)
    players = cast(applicants=options.users)
    print(
        f"{options.users} people for {options.duration:g} s (pauses ×{options.think:g}); "
        f"call {players.call_slug}, {len(players.applicants)} applicant accounts ready"
    )
    log = REPO_ROOT / "var" / "bench-scenario.log"
    process = server.start_server(env, log)
    try:
        asyncio.run(server.wait_ready(options.port, "/annuaire/"))
        record = asyncio.run(
            play(
                players,
                port=options.port,
                users=options.users,
                duration=options.duration,
                think=options.think,
            )
        )
    finally:
        server.stop_server(process)
    text, passed = report(record)
    print(text)
    problems = check_submitted(record.submitted)
    print(
        "Every submitted dossier is there with its content."
        if not problems
        else "Submitted dossiers with problems:\n  " + "\n  ".join(problems)
    )
    print(f"After: {server.conditions()}; server log: {log}")
    if options.json:
        write_results(
            options.json,
            url,
            {
                "users": options.users,
                "duration": options.duration,
                "think": options.think,
                "requests": len(record.steps),
                "errors": sum(not s.ok for s in record.steps),
                "p95_ms": percentile([s.milliseconds for s in record.steps], 0.95)
                if record.steps
                else None,
                "submitted": len(record.submitted),
                "problems": problems,
            },
        )
    return 0 if passed and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
