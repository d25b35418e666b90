"""Synthetic calls for projects and dossiers, and the timing of the eligibility engine.

Scale 1 is 100 dossiers per région and year over 10 years (18 000 dossiers); scale 10 is
1 000 per région-year (180 000). Each dossier has 3 partners, 3 planned actions and 6 budget
lines. Everything is written with `bulk_create`; nothing goes through the services (which
check permissions and log each step): this is volume for timing, not a demonstration. What
a submission freezes with a dossier (its content, fingerprint and eligibility verdict in every
language) is frozen here too, by the functions the submission service calls, so that pages read
submitted dossiers as they do in real use.
"""

import datetime
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lanterne.calls.enums import DocumentKind, FilmListKind, Funder, MilestoneKind, PartnerRole
from lanterne.calls.models import Call, CallMilestone, CallRule, Film, FilmList, RequiredDocument
from lanterne.calls.rules import DEFAULT_PARAMS
from lanterne.dossiers.content import dossier_content, fingerprint, freeze_verdict
from lanterne.dossiers.eligibility import evaluate
from lanterne.dossiers.enums import ActionType, BudgetSide, DossierState, ExpenseCategory
from lanterne.dossiers.models import BudgetLine, Dossier, Partner, PlannedAction
from lanterne.network.enums import StructureKind
from lanterne.network.models import Structure
from lanterne.territories.models import Region

DOSSIERS_PER_REGION_YEAR_PER_SCALE = 100
YEARS = 10
LAST_YEAR = 2025
BATCH_SIZE = 2_000
STATES = [
    (DossierState.DRAFT, 10),
    (DossierState.SUBMITTED, 10),
    (DossierState.UNDER_REVIEW, 10),
    (DossierState.SENT_BACK, 5),
    (DossierState.IN_COMMITTEE, 5),
    (DossierState.ACCEPTED, 35),
    (DossierState.REFUSED, 15),
    (DossierState.CLOSED, 5),
    (DossierState.WITHDRAWN, 5),
]


def _moment(year: int, month: int, day: int, hour: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _calendar(year: int) -> dict:
    """The 2024 Occitanie calendar shifted to the call's year."""
    before = year - 1
    return {
        MilestoneKind.OPENING: (_moment(before, 9, 1), None),
        MilestoneKind.FIRST_CONTACT: (_moment(before, 10, 1), None),
        MilestoneKind.DEADLINE: (
            timezone.make_aware(datetime.datetime(before, 10, 31, 23, 59, 59)),
            None,
        ),
        MilestoneKind.COMMITTEE: (_moment(before, 12, 14, 10), None),
        MilestoneKind.ACTIONS: (_moment(year, 2, 1), _moment(year, 12, 31)),
    }


def create_calls(
    *, years: int = YEARS, last_year: int = LAST_YEAR
) -> tuple[list[Call], dict[int, dict[str, list[int]]]]:
    """One call per région and year, with calendar, rules, two film lists and documents.

    Returns the calls and, per call, the film ids of each list."""
    regions = list(Region.objects.order_by("code"))
    coordinations = dict(
        Structure.objects.filter(kind=StructureKind.PI_COORDINATION)
        .exclude(commune__isnull=True)
        .order_by("pk")
        .values_list("commune__region_id", "pk")
    )
    fallback = Structure.objects.order_by("pk").values_list("pk", flat=True).first()
    calls = [
        Call(
            title=f"Passeurs d'images {year} — {region.name} (synthétique)",
            slug=f"bench-pi-{year}-{region.code}",
            year=year,
            region=region,
            coordination_id=coordinations.get(region.code, fallback),
            is_published=True,
            is_fictitious=True,
        )
        for region in regions
        for year in range(last_year - years + 1, last_year + 1)
    ]
    calls = Call.objects.bulk_create(calls)
    if calls and calls[0].pk is None:
        calls = list(Call.objects.filter(slug__in=[c.slug for c in calls]).order_by("pk"))
    CallMilestone.objects.bulk_create(
        CallMilestone(call=call, kind=kind, starts_at=start, ends_at=end)
        for call in calls
        for kind, (start, end) in _calendar(call.year).items()
    )
    CallRule.objects.bulk_create(
        CallRule(call=call, code=code, params=dict(params))
        for call in calls
        for code, params in DEFAULT_PARAMS.items()
    )
    RequiredDocument.objects.bulk_create(
        RequiredDocument(call=call, kind=DocumentKind.SPEAKER_CV) for call in calls
    )
    lists = FilmList.objects.bulk_create(
        FilmList(call=call, kind=kind) for call in calls for kind in FilmListKind.values
    )
    if lists and lists[0].pk is None:
        lists = list(FilmList.objects.filter(call__in=calls).order_by("pk"))
    Film.objects.bulk_create(
        Film(film_list=film_list, title=f"Film {n} ({film_list.kind})")
        for film_list in lists
        for n in range(1, 4)
    )
    films: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for pk, call_id, kind in Film.objects.filter(film_list__call__in=calls).values_list(
        "pk", "film_list__call_id", "film_list__kind"
    ):
        films[call_id][kind].append(pk)
    return calls, films


def create_dossiers(
    calls: Sequence[Call],
    films: dict[int, dict[str, list[int]]],
    structures: Sequence[Structure],
    user_ids: Sequence[int],
    *,
    per_call: int,
    seed: int = 2025,
) -> dict[str, int]:
    """`per_call` dossiers per call by applicants of the call's région, with their items."""
    rng = random.Random(f"{seed}-dossiers")
    by_region: dict[str, list[int]] = defaultdict(list)
    region_of = dict(
        Structure.objects.filter(pk__in=[s.pk for s in structures])
        .exclude(commune__isnull=True)
        .values_list("pk", "commune__region_id")
    )
    for pk, region in region_of.items():
        by_region[region].append(pk)
    everyone = sorted(region_of) or [s.pk for s in structures]
    states, weights = zip(*STATES, strict=True)
    counts = defaultdict(int)
    for call in calls:
        applicants = by_region.get(call.region_id) or everyone
        deadline = _calendar(call.year)[MilestoneKind.DEADLINE][0]
        dossiers = []
        for index in range(per_call):
            state = rng.choices(states, weights)[0]
            decided = state in (DossierState.ACCEPTED, DossierState.REFUSED, DossierState.CLOSED)
            dossiers.append(
                Dossier(
                    call=call,
                    applicant_id=rng.choice(applicants),
                    reference=f"B-{call.year}-{call.region_id}-{index:06d}",
                    state=state,
                    title=f"Projet {index + 1} — {call.region_id} {call.year}",
                    intention="Un parcours d'éducation aux images, voir et faire.",
                    age_min=12,
                    age_max=rng.choice([17, 18, 25]),
                    expected_participants=rng.randint(8, 40),
                    first_contact_on=datetime.date(call.year - 1, 9, rng.randint(1, 28)),
                    created_by_id=rng.choice(user_ids),
                    submitted_at=deadline - datetime.timedelta(days=rng.randint(1, 30))
                    if state != DossierState.DRAFT
                    else None,
                    granted_amount=Decimal(rng.randrange(1000, 5001, 100))
                    if state == DossierState.ACCEPTED
                    else None,
                    decided_at=deadline + datetime.timedelta(days=60) if decided else None,
                    is_fictitious=True,
                )
            )
        dossiers = Dossier.objects.bulk_create(dossiers, batch_size=BATCH_SIZE)
        if dossiers and dossiers[0].pk is None:
            dossiers = list(Dossier.objects.filter(call=call).order_by("pk"))
        counts["dossiers"] += len(dossiers)
        partners, actions, lines = [], [], []
        open_air, accompanied = (
            films[call.pk][FilmListKind.OPEN_AIR],
            films[call.pk][FilmListKind.ACCOMPANIED],
        )
        for dossier in dossiers:
            for role in (PartnerRole.CULTURAL, PartnerRole.PUBLIC_SUPPORT, PartnerRole.DIFFUSION):
                partners.append(Partner(dossier=dossier, role=role, name=f"Partenaire {role}"))
            actions += [
                PlannedAction(
                    dossier=dossier, action_type=ActionType.CREATION_WORKSHOP, title="Atelier"
                ),
                PlannedAction(
                    dossier=dossier,
                    action_type=ActionType.ACCOMPANIED,
                    title="Séance accompagnée",
                    film_id=rng.choice(accompanied) if accompanied else None,
                ),
                PlannedAction(
                    dossier=dossier,
                    action_type=ActionType.OPEN_AIR,
                    title="Plein air",
                    film_id=rng.choice(open_air) if open_air else None,
                ),
            ]
            drac = Decimal(rng.randrange(2000, 5001, 100))
            lines += [
                BudgetLine(
                    dossier=dossier,
                    side=BudgetSide.EXPENSE,
                    category=ExpenseCategory.SPEAKERS,
                    label="Intervenant·es",
                    amount=drac + Decimal(3000),
                ),
                BudgetLine(
                    dossier=dossier,
                    side=BudgetSide.EXPENSE,
                    category=ExpenseCategory.EQUIPMENT,
                    label="Matériel",
                    amount=Decimal(2000),
                ),
                BudgetLine(
                    dossier=dossier,
                    side=BudgetSide.EXPENSE,
                    category=ExpenseCategory.SCREENINGS,
                    label="Projections",
                    amount=Decimal(1000),
                ),
                BudgetLine(
                    dossier=dossier,
                    side=BudgetSide.RESOURCE,
                    funder=Funder.DRAC,
                    label="DRAC",
                    amount=drac,
                ),
                BudgetLine(
                    dossier=dossier,
                    side=BudgetSide.RESOURCE,
                    funder=Funder.COMMUNE,
                    label="Commune",
                    amount=Decimal(4000),
                ),
                BudgetLine(
                    dossier=dossier,
                    side=BudgetSide.RESOURCE,
                    funder=Funder.CAF,
                    label="CAF",
                    amount=Decimal(2000),
                ),
            ]
        Partner.objects.bulk_create(partners, batch_size=BATCH_SIZE)
        PlannedAction.objects.bulk_create(actions, batch_size=BATCH_SIZE)
        BudgetLine.objects.bulk_create(lines, batch_size=BATCH_SIZE)
        Dossier.communes.through.objects.bulk_create(
            [
                Dossier.communes.through(dossier_id=d.pk, commune_id=code)
                for d, code in zip(
                    dossiers, _communes_of(call.region_id, len(dossiers), rng), strict=False
                )
            ],
            batch_size=BATCH_SIZE,
        )
        counts["partners"] += len(partners)
        counts["actions"] += len(actions)
        counts["budget_lines"] += len(lines)
        counts["frozen"] += freeze_submissions(call)
    return dict(counts)


def freeze_submissions(call: Call) -> int:
    """Freeze each submitted dossier of `call` as `dossiers.services.dossier_submit` does: its
    content and fingerprint, and the engine's verdict as of its submission moment."""
    dossiers = list(
        Dossier.objects.filter(call=call, submitted_at__isnull=False).for_content().order_by("pk")
    )
    for dossier in dossiers:
        content = dossier_content(dossier)
        dossier.submitted_content = content
        dossier.fingerprint = fingerprint(content)
        freeze_verdict(dossier, evaluate(dossier, at=dossier.submitted_at), at=dossier.submitted_at)
    Dossier.objects.bulk_update(
        dossiers,
        ["submitted_content", "fingerprint", "submitted_eligibility"],
        batch_size=BATCH_SIZE // 4,
    )
    return len(dossiers)


_COMMUNES: dict[str, list[str]] = {}


def _communes_of(region: str, count: int, rng: random.Random) -> list[str]:
    if region not in _COMMUNES:
        from lanterne.territories.models import Commune

        _COMMUNES[region] = list(
            Commune.objects.filter(region_id=region).order_by("code").values_list("code", flat=True)
        )
    codes = _COMMUNES[region]
    return [rng.choice(codes) for _ in range(count)] if codes else []


def generate(*, scale: float, structures, user_ids, years: int = YEARS, seed: int = 2025):
    """Calls for every région and year, then `100 × scale` dossiers per call."""
    calls, films = create_calls(years=years)
    per_call = round(DOSSIERS_PER_REGION_YEAR_PER_SCALE * scale)
    counts = create_dossiers(calls, films, structures, user_ids, per_call=per_call, seed=seed)
    return {"calls": len(calls), **counts}


def time_eligibility(count: int = 200) -> dict:
    """Run the engine over `count` dossiers (fetched with `for_eligibility()`, as views do).

    Returns the fetch's time and queries, and per-dossier evaluation p50/p95 in ms."""
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        started = time.perf_counter()
        dossiers = list(Dossier.objects.for_eligibility().order_by("pk")[:count])
        fetched = time.perf_counter() - started
        timings = []
        for dossier in dossiers:
            started = time.perf_counter()
            evaluate(dossier)
            timings.append((time.perf_counter() - started) * 1000)
    from bench.load import percentile

    fetch_queries = len(context.captured_queries)
    return {
        "dossiers": len(dossiers),
        "fetch_ms": fetched * 1000,
        "queries": fetch_queries,
        "evaluate_p50_ms": percentile(timings, 0.5) if timings else None,
        "evaluate_p95_ms": percentile(timings, 0.95) if timings else None,
        "evaluate_mean_ms": statistics.fmean(timings) if timings else None,
    }
