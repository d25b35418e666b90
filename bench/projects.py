"""Synthetic projects, actions and reports on top of the benchmark's calls and dossiers.

Scale 1 is 250 actions a year nationally over the calls' 10 years (2 500 actions); scale 10 is
2 500 a year (25 000). Projects are made from accepted dossiers of the year, drawn across the
régions; when a year has too few accepted dossiers, more of its dossiers are set accepted in
bulk. Each project carries its dossier's planned actions (and sometimes adds one to three),
each action has 1–5 sessions, participants by age band and gender (a few finished actions have
none: they show as late), priority publics and relays; some workshops have a film, every
open-air screening an authorisation; every project a report, in mixed states.

Everything is written with `bulk_create` (or a bulk `update`); nothing goes through the
services: this is volume for timing, not a demonstration. `bulk_create` skips `save()`: the
sessions' `minutes` and the actions' `first_day`/`last_day` are computed here.
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.db.models import Max

from lanterne.dossiers.enums import ActionType, DossierState, ExpenseCategory, Typology
from lanterne.dossiers.models import Dossier, PlannedAction
from lanterne.projects.enums import (
    AgeBand,
    AuthorisationStatus,
    Gender,
    PriorityPublic,
    RelayKind,
    ReportState,
)
from lanterne.projects.models import (
    Action,
    ActionSession,
    OpenAirAuthorisation,
    ParticipantCount,
    PriorityPublicCount,
    Project,
    RelayCount,
    Report,
    ReportExpense,
    ReportTransition,
    WorkshopFilm,
)

ACTIONS_PER_YEAR_PER_SCALE = 250
BATCH_SIZE = 2_000
WORKSHOPS = [
    ActionType.CREATION_WORKSHOP,
    ActionType.FOLEY_WORKSHOP,
    ActionType.AWARENESS_WORKSHOP,
]
EXTRA_TYPES = [*WORKSHOPS, ActionType.PROGRAMMING_WORKSHOP, ActionType.ACCOMPANIED]
# Reports of past years are mostly accepted; the latest year's are still moving.
PAST_REPORT_STATES = [
    (ReportState.ACCEPTED, 80),
    (ReportState.SUBMITTED, 5),
    (ReportState.SENT_BACK, 5),
    (ReportState.DRAFT, 10),
]
LAST_REPORT_STATES = [
    (ReportState.ACCEPTED, 25),
    (ReportState.SUBMITTED, 25),
    (ReportState.SENT_BACK, 15),
    (ReportState.DRAFT, 35),
]
AUTHORISATIONS = [
    (AuthorisationStatus.GRANTED, 70),
    (AuthorisationStatus.REQUESTED, 15),
    (AuthorisationStatus.REFUSED, 5),
    (AuthorisationStatus.TO_REQUEST, 10),
]
LATE_SHARE = 0.05  # finished actions with no participants recorded
FILM_SHARE = 0.3  # creation workshops that declare a film


def _choice(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _projects_of_year(year: int, target: int, rng: random.Random) -> list[tuple[int, int]]:
    """(dossier id, actions) for the projects of `year`: accepted dossiers drawn at random,
    more set accepted in bulk if needed, until `target` actions."""
    dossiers = list(
        Dossier.objects.filter(call__year=year, project__isnull=True)
        .order_by("pk")
        .values_list("pk", "state")
    )
    accepted = [pk for pk, state in dossiers if state == DossierState.ACCEPTED]
    others = [pk for pk, state in dossiers if state != DossierState.ACCEPTED]
    rng.shuffle(accepted)
    rng.shuffle(others)
    chosen: list[tuple[int, int]] = []
    remaining = target
    promoted: list[int] = []
    not_accepted = set(others)
    for pk in accepted + others:
        if remaining <= 0:
            break
        count = min(remaining, 3 + rng.choice([0, 0, 1, 2, 3]))
        chosen.append((pk, count))
        remaining -= count
        if pk in not_accepted:
            promoted.append(pk)
    if promoted:
        for start in range(0, len(promoted), BATCH_SIZE):
            Dossier.objects.filter(pk__in=promoted[start : start + BATCH_SIZE]).update(
                state=DossierState.ACCEPTED, granted_amount=Decimal("4000.00")
            )
    return chosen


def _hours(rng: random.Random) -> tuple[datetime.time, datetime.time, int]:
    start = rng.choice([9, 10, 14, 15, 18, 20])  # ends by 23:00
    minutes = rng.choice([90, 120, 150, 180])
    end_hour, end_minute = divmod(start * 60 + minutes, 60)
    return datetime.time(start), datetime.time(end_hour, end_minute), minutes


def _public(rng: random.Random, action_type: str) -> dict[tuple[str, str], int]:
    screening = action_type in (ActionType.OPEN_AIR, ActionType.ACCOMPANIED)
    bands = list(AgeBand.values) if screening else [AgeBand.AGE_12_15, AgeBand.AGE_16_18]
    cells = [(age, gender) for age in bands for gender in Gender.values]
    chosen = rng.sample(cells, rng.randint(2, min(6, len(cells))))
    high = 60 if screening else 8
    return {cell: rng.randint(1, high) for cell in chosen}


def generate(
    *, scale: float, user_ids, seed: int = 2025, years: int | None = None
) -> dict[str, int]:
    """`250 × scale` actions a year for each year that has calls (the latest `years` of them)."""
    rng = random.Random(f"{seed}-projects")
    all_years = sorted(
        Dossier.objects.order_by().values_list("call__year", flat=True).distinct(), reverse=True
    )
    if years is not None:
        all_years = all_years[:years]
    last_year = max(all_years) if all_years else None
    target = round(ACTIONS_PER_YEAR_PER_SCALE * scale)
    counts: dict[str, int] = defaultdict(int)
    user_ids = list(user_ids)
    for year in sorted(all_years):
        chosen = _projects_of_year(year, target, rng)
        if not chosen:
            continue
        dossier_ids = [pk for pk, _ in chosen]
        dossiers = {
            d.pk: d
            for d in Dossier.objects.filter(pk__in=dossier_ids).only(
                "pk", "call_id", "applicant_id", "title", "granted_amount", "created_by_id"
            )
        }
        communes: dict[int, str] = {}
        through = Dossier.communes.through.objects.filter(dossier_id__in=dossier_ids)
        for dossier_id, commune_id in through.values_list("dossier_id", "commune_id"):
            communes.setdefault(dossier_id, commune_id)
        planned: dict[int, list[PlannedAction]] = defaultdict(list)
        for item in PlannedAction.objects.filter(dossier_id__in=dossier_ids).order_by("pk"):
            planned[item.dossier_id].append(item)

        projects = Project.objects.bulk_create(
            [
                Project(
                    dossier_id=pk,
                    call_id=dossiers[pk].call_id,
                    applicant_id=dossiers[pk].applicant_id,
                    year=year,
                    title=dossiers[pk].title,
                    granted_amount=dossiers[pk].granted_amount or Decimal("4000.00"),
                    is_fictitious=True,
                )
                for pk in dossier_ids
            ],
            batch_size=BATCH_SIZE,
        )
        if projects and projects[0].pk is None:
            by_dossier = dict(
                Project.objects.filter(dossier_id__in=dossier_ids).values_list("dossier_id", "pk")
            )
            for project in projects:
                project.pk = project.id = by_dossier[project.dossier_id]
        counts["projects"] += len(projects)

        # Actions, with their sessions drawn first so that first_day/last_day are known.
        actions: list[Action] = []
        session_plans: list[list[tuple]] = []
        for project, (dossier_id, count) in zip(projects, chosen, strict=True):
            commune = communes.get(dossier_id)
            items = planned[dossier_id][:count]
            kinds = [(p.action_type, p) for p in items]
            kinds += [(rng.choice(EXTRA_TYPES), None) for _ in range(count - len(items))]
            for action_type, item in kinds:
                sessions = []
                month = rng.randint(2, 11)
                day = rng.randint(1, 25)
                first = datetime.date(year, month, day)
                for index in range(rng.randint(1, 5)):
                    starts, ends, minutes = _hours(rng)
                    sessions.append(
                        (first + datetime.timedelta(days=7 * index), starts, ends, minutes)
                    )
                session_plans.append(sessions)
                actions.append(
                    Action(
                        project=project,
                        planned_id=item.pk if item else None,
                        action_type=action_type,
                        typology=rng.choice(Typology.values) if action_type in WORKSHOPS else "",
                        title=item.title if item else f"Action {action_type}",
                        commune_id=commune,
                        film_id=item.film_id if item else None,
                        speakers="Intervenant·e (synthétique)",
                        first_day=sessions[0][0],
                        last_day=sessions[-1][0],
                    )
                )
        actions = Action.objects.bulk_create(actions, batch_size=BATCH_SIZE)
        if actions and actions[0].pk is None:
            ids = list(
                Action.objects.filter(project__in=projects)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            for action, pk in zip(actions, ids, strict=True):
                action.pk = action.id = pk
        counts["actions"] += len(actions)

        sessions, participants, priorities, relays, films, authorisations = [], [], [], [], [], []
        for action, plan in zip(actions, session_plans, strict=True):
            for day, starts, ends, minutes in plan:
                sessions.append(
                    ActionSession(
                        action=action,
                        day=day,
                        starts_at=starts,
                        ends_at=ends,
                        minutes=minutes,
                        place_structure_id=None
                        if action.commune_id
                        else action.project.applicant_id,
                        place_commune_id=action.commune_id,
                    )
                )
            if action.action_type == ActionType.OPEN_AIR:
                status = _choice(rng, AUTHORISATIONS)
                authorisations.append(
                    OpenAirAuthorisation(
                        action=action,
                        status=status,
                        requested_on=datetime.date(year, 5, rng.randint(1, 28))
                        if status != AuthorisationStatus.TO_REQUEST
                        else None,
                        decided_on=datetime.date(year, 6, rng.randint(1, 28))
                        if status in (AuthorisationStatus.GRANTED, AuthorisationStatus.REFUSED)
                        else None,
                        technical_provider="Prestataire technique (synthétique)",
                        screening_day=plan[0][0],
                    )
                )
            if rng.random() < LATE_SHARE:
                continue
            public = _public(rng, action.action_type)
            participants += [
                ParticipantCount(action=action, age_band=age, gender=gender, count=n)
                for (age, gender), n in public.items()
            ]
            total = sum(public.values())
            for priority in rng.sample(PriorityPublic.values, rng.randint(1, 2)):
                priorities.append(
                    PriorityPublicCount(
                        action=action, priority=priority, count=rng.randint(0, total)
                    )
                )
            for kind in rng.sample(RelayKind.values, rng.randint(1, 2)):
                relays.append(RelayCount(action=action, relay_kind=kind, count=rng.randint(1, 4)))
            if action.action_type == ActionType.CREATION_WORKSHOP and rng.random() < FILM_SHARE:
                films.append(
                    WorkshopFilm(
                        action=action,
                        title=f"Film d'atelier {action.pk} (synthétique)",
                        duration_seconds=rng.randint(120, 1200),
                        year=year,
                        typology=action.typology,
                    )
                )
        for model, rows, label in (
            (ActionSession, sessions, "sessions"),
            (ParticipantCount, participants, "participant counts"),
            (PriorityPublicCount, priorities, "priority counts"),
            (RelayCount, relays, "relay counts"),
            (WorkshopFilm, films, "films"),
            (OpenAirAuthorisation, authorisations, "authorisations"),
        ):
            model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            counts[label] += len(rows)

        due = datetime.datetime(year, 11, 30, 23, 59, 59, tzinfo=datetime.UTC)
        weights = LAST_REPORT_STATES if year == last_year else PAST_REPORT_STATES
        states = [_choice(rng, weights) for _ in projects]
        reports = Report.objects.bulk_create(
            [
                Report(
                    project=project,
                    state=state,
                    due_at=due,
                    went_well="Synthétique." if state != ReportState.DRAFT else "",
                    submitted_at=due - datetime.timedelta(days=rng.randint(0, 20))
                    if state != ReportState.DRAFT
                    else None,
                )
                for project, state in zip(projects, states, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
        if reports and reports[0].pk is None:
            by_project = dict(
                Report.objects.filter(project__in=projects).values_list("project_id", "pk")
            )
            for report in reports:
                report.pk = report.id = by_project[report.project_id]
        counts["reports"] += len(reports)
        expenses, steps = [], []
        for report, state in zip(reports, states, strict=True):
            for category, amount in (
                (ExpenseCategory.SPEAKERS, Decimal("6000.00")),
                (ExpenseCategory.EQUIPMENT, Decimal("2000.00")),
                (ExpenseCategory.SCREENINGS, Decimal("1000.00")),
            ):
                expenses.append(
                    ReportExpense(
                        report=report,
                        category=category,
                        planned=amount,
                        actual=amount if state != ReportState.DRAFT else None,
                    )
                )
            if state == ReportState.DRAFT:
                continue
            by = dossiers[report.project.dossier_id].created_by_id or rng.choice(user_ids)
            steps.append(
                ReportTransition(
                    report=report,
                    name="submit",
                    source=ReportState.DRAFT,
                    target=ReportState.SUBMITTED,
                    at=report.submitted_at,
                    by_id=by,
                )
            )
            if state in (ReportState.ACCEPTED, ReportState.SENT_BACK):
                steps.append(
                    ReportTransition(
                        report=report,
                        name="accept" if state == ReportState.ACCEPTED else "send_back",
                        source=ReportState.SUBMITTED,
                        target=state,
                        at=report.submitted_at + datetime.timedelta(days=10),
                        by_id=rng.choice(user_ids),
                        reason="Préciser les dépenses (synthétique)."
                        if state == ReportState.SENT_BACK
                        else "",
                    )
                )
        ReportExpense.objects.bulk_create(expenses, batch_size=BATCH_SIZE)
        ReportTransition.objects.bulk_create(steps, batch_size=BATCH_SIZE)
        counts["report steps"] += len(steps)
    return dict(counts)


def latest_year() -> int | None:
    return Project.objects.aggregate(year=Max("year"))["year"]
