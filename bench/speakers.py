"""The speakers' matching among a national pool: p95 of one matching, and its query count at
a tenth of the pool and at the whole of it (it must not grow).

```sh
uv run --frozen python -m bench.speakers [--speakers 30000] [--runs 30] [--database-url URL]
```

Its own database by default (`var/bench_speakers.sqlite3`, migrated and filled on first run:
the shipped communes, given positions where they have none, then the speakers, drawn from a
seeded generator and written with `bulk_create`). The place is Toulouse, the need a fiction
workshop for 12-15 year-olds on five Wednesdays of March 2024. Target (issue 15): p95 ≤ 200 ms
for 30 000 speakers, the same number of queries at 3 000 and 30 000.
"""

import argparse
import datetime
import random
import statistics
import time
from pathlib import Path

from . import environment

SEED = 2025
PLACE = "31555"
RESULTS = Path("var/bench/speakers.json")


def _fill(total: int, log=print) -> None:
    from django.db import transaction

    from lanterne.dossiers.enums import Typology
    from lanterne.network.models import Person
    from lanterne.speakers.enums import HolidayAvailability, PeriodKind, Public
    from lanterne.speakers.models import SpeakerPeriod, SpeakerProfile
    from lanterne.territories.models import Commune

    from .synthetic import assign_commune_positions, ensure_territories

    existing = SpeakerProfile.objects.count()
    if existing >= total:
        return
    log(f"  territories: {ensure_territories(log=log)}; positions: {assign_commune_positions()}")
    rng = random.Random(SEED)
    communes = list(
        Commune.objects.filter(latitude__isnull=False, region__zone="metro").values_list(
            "code", "departement_id", "latitude", "longitude"
        )
    )
    typologies, publics = Typology.values, Public.values
    through = SpeakerProfile.departements.through
    with transaction.atomic():
        for start in range(existing, total, 2000):
            size = min(2000, total - start)
            people = Person.objects.bulk_create(
                [
                    Person(first_name=f"Bench{start + i}", last_name="Intervenant", is_speaker=True)
                    for i in range(size)
                ]
            )
            profiles = []
            for person in people:
                code, _departement, lat, lon = rng.choice(communes)
                profiles.append(
                    SpeakerProfile(
                        person=person,
                        workshop_types=rng.sample(typologies, rng.randint(1, 4)),
                        publics=rng.sample(publics, rng.randint(1, 4)),
                        excluded_publics=rng.sample(publics, rng.randint(0, 1)),
                        home_commune_id=code,
                        home_latitude=lat,
                        home_longitude=lon,
                        radius_km=rng.choice([20, 40, 60, 100, 150]),
                        weekdays=rng.random() < 0.9,
                        weekends=rng.random() < 0.4,
                        evenings=rng.random() < 0.3,
                        school_holidays=rng.choice(HolidayAvailability.values),
                    )
                )
            profiles = SpeakerProfile.objects.bulk_create(profiles)
            departement_of = {c[0]: c[1] for c in communes}
            through.objects.bulk_create(
                [
                    through(
                        speakerprofile_id=p.pk, departement_id=departement_of[p.home_commune_id]
                    )
                    for p in profiles
                    if rng.random() < 0.3
                ]
            )
            SpeakerPeriod.objects.bulk_create(
                [
                    SpeakerPeriod(
                        profile_id=p.pk,
                        kind=PeriodKind.UNAVAILABLE,
                        starts_on=datetime.date(2024, 3, rng.randint(1, 20)),
                        ends_on=datetime.date(2024, 3, 28),
                    )
                    for p in profiles
                    if rng.random() < 0.1
                ]
            )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"  {total - existing} speakers written")


def _need():
    from lanterne.speakers import matching
    from lanterne.speakers.calendar import school_holidays
    from lanterne.territories.models import Commune

    commune = Commune.objects.get(code=PLACE)
    days = [datetime.date(2024, 3, 6) + datetime.timedelta(weeks=w) for w in range(5)]
    return matching.Need(
        typology="fiction",
        publics=frozenset({"12_15"}),
        slots=tuple(matching.Slot(d, datetime.time(14), datetime.time(17)) for d in days),
        place=matching.Place(commune.departement_id, commune.latitude, commune.longitude),
        school_holidays=school_holidays(commune.region_id, days),
    )


def _match(need, pool):
    from lanterne.speakers import matching, selectors

    found = selectors.candidates(selectors.reachable(pool, need.place), need, 2024)
    return matching.match(need, found)


def _timed(need, pool) -> float:
    """Milliseconds of one matching (no query capture: the debug cursor would format every
    query with its parameters, which costs more than running it)."""
    started = time.perf_counter()
    _match(need, pool)
    return (time.perf_counter() - started) * 1000


def _counted(need, pool):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = _match(need, pool)
    return len(queries), result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    url = environment.configure(args.database_url or "sqlite:///var/bench_speakers.sqlite3")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _fill(args.speakers)
    from lanterne.speakers.models import SpeakerProfile

    need = _need()
    everyone = SpeakerProfile.objects.all()
    tenth_ids = SpeakerProfile.objects.order_by("pk").values_list("pk", flat=True)[
        args.speakers // 10
    ]
    tenth = SpeakerProfile.objects.filter(pk__lt=tenth_ids)
    _timed(need, everyone)  # warm-up: caches of the holidays, the connection
    timings = sorted(_timed(need, everyone) for _ in range(args.runs))
    count, result = _counted(need, everyone)
    tenth_count, tenth_result = _counted(need, tenth)
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    results = {
        "speakers": SpeakerProfile.objects.count(),
        "considered": result.considered,
        "proposed": len(result.proposals),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
        "queries": count,
        "queries_at_a_tenth": tenth_count,
        "considered_at_a_tenth": tenth_result.considered,
    }
    for key, value in results.items():
        print(f"{key:>22}: {value}")
    environment.write_results(environment.REPO_ROOT / RESULTS, url, results)


if __name__ == "__main__":
    main()
