"""The observatory scenario: 40 structures × 60 indicators over 10 yearly campaigns.

```sh
uv run python -m bench.observatory [--requests 50] [--scale 1] [--database-url URL]
```

Creates (once; `--reset` to redo) ten campaigns `bench-obs-<year>` of 60 indicators (one total
with 5 breakdowns, the rest counts) × 40 × `--scale` synthetic structures, every return accepted,
about 2 % of values *non transmis*; stores the published campaigns' consolidations
(`refresh_consolidations`: only those missing or stale); then times the consolidation of the
latest campaign (which compares itself with the previous one), the reading of its stored
consolidation, its public panorama page (served from the stored one) and the network admin's
completeness page, with their query counts.
The database is the benchmark's (see `bench/environment.py`), never `DATABASE_URL`.
"""

import argparse
import datetime
import io
import random
import time

from bench.environment import configure, describe

PREFIX = "bench-obs-"
YEARS = range(2015, 2025)
INDICATORS = 60


def _generate(scale: int, seed: int) -> None:
    from django.db import transaction
    from django.utils.text import slugify

    from lanterne.network.enums import StructureKind
    from lanterne.network.models import Structure
    from lanterne.observatory.enums import (
        PeriodType,
        PublicKind,
        ReturnState,
        ShareGroup,
        Unit,
        ValueStatus,
    )
    from lanterne.observatory.models import Campaign, Indicator, Return, Value
    from lanterne.territories.models import Commune

    rng = random.Random(seed)
    # A commune of every région in turn (when the territories are there), so that the national
    # dashboard's collection by région and its drill-down have régions to show.
    by_region: dict[str, str] = {}
    for region, code in Commune.objects.order_by("-code").values_list("region", "code"):
        by_region[region] = code  # the région's first commune by code
    communes = [by_region[region] for region in sorted(by_region)]
    with transaction.atomic():
        structures = []
        for n in range(40 * scale):
            name = f"Pôle de banc d'essai {n:03d}"
            structure, _ = Structure.objects.get_or_create(
                slug=slugify(f"{PREFIX}{n:03d}"),
                defaults={
                    "name": name,
                    "kind": StructureKind.POLE,
                    "is_listed": False,
                    "commune_id": communes[n % len(communes)] if communes else None,
                },
            )
            structures.append(structure)
        previous = None
        for year in YEARS:
            campaign = Campaign.objects.create(
                name=f"Banc d'essai {year}-{year + 1}",
                slug=f"{PREFIX}{year}",
                year=year,
                previous=previous,
                first_returns_due=datetime.date(year + 1, 6, 30),
                checkpoint_on=datetime.date(year + 1, 7, 15),
                consolidation_on=datetime.date(year + 1, 11, 15),
                is_published=True,
            )
            campaign.structures.set(structures)
            total = Indicator.objects.create(
                campaign=campaign,
                code="beneficiaries",
                label_fr="Bénéficiaires",
                label_en="Beneficiaries",
                unit=Unit.PEOPLE,
                period_type=PeriodType.SCHOOL_YEAR,
                public_kind=PublicKind.BENEFICIARIES,
                position=0,
            )
            indicators = [total]
            for k in range(1, INDICATORS):
                breakdown = k <= 5
                indicators.append(
                    Indicator(
                        campaign=campaign,
                        code=f"i{k:02d}",
                        label_fr=f"Indicateur {k}",
                        label_en=f"Indicator {k}",
                        unit=Unit.PEOPLE if breakdown else Unit.COUNT,
                        period_type=PeriodType.SCHOOL_YEAR
                        if breakdown or k % 2
                        else PeriodType.CALENDAR_YEAR,
                        public_kind=PublicKind.BENEFICIARIES
                        if breakdown
                        else PublicKind.NOT_APPLICABLE,
                        parent=total if breakdown else None,
                        share_group=ShareGroup.NATIONAL_PROGRAMMES if k <= 3 else "",
                        position=k,
                    )
                )
            Indicator.objects.bulk_create(indicators[1:])
            returns = Return.objects.bulk_create(
                Return(campaign=campaign, structure=s, state=ReturnState.ACCEPTED)
                for s in structures
            )
            values = []
            for value_return in returns:
                parts = [rng.randint(0, 5000) for _ in range(5)]
                for index, indicator in enumerate(indicators):
                    if index and rng.random() < 0.02:
                        values.append(
                            Value(
                                value_return=value_return,
                                indicator=indicator,
                                status=ValueStatus.NOT_TRANSMITTED,
                            )
                        )
                        continue
                    amount = (
                        sum(parts)
                        if index == 0
                        else (parts[index - 1] if index <= 5 else rng.randint(0, 500))
                    )
                    values.append(
                        Value(
                            value_return=value_return,
                            indicator=indicator,
                            status=ValueStatus.PROVIDED,
                            amount=amount,
                        )
                    )
            Value.objects.bulk_create(values, batch_size=2000)
            previous = campaign


def _reset() -> None:
    from lanterne.network.models import Structure
    from lanterne.observatory.models import Campaign, Return

    Return.objects.filter(campaign__slug__startswith=PREFIX).delete()
    Campaign.objects.filter(slug__startswith=PREFIX).delete()
    Structure.objects.filter(slug__startswith=PREFIX).delete()


def _network_admin():
    """A network admin of the bench's data (one is created, with a national structure, when
    the data has none): the completeness page is theirs."""
    from lanterne.accounts.enums import Role
    from lanterne.accounts.models import Membership, User
    from lanterne.network.enums import StructureKind
    from lanterne.network.models import Structure

    membership = Membership.objects.filter(role=Role.NETWORK_ADMIN, user__is_active=True).first()
    if membership is not None:
        return membership.user
    user, _ = User.objects.get_or_create(email="bench-obs-admin@example.org")
    structure, _ = Structure.objects.get_or_create(
        slug=f"{PREFIX}national",
        defaults={
            "name": "Réseau national (banc d'essai)",
            "kind": StructureKind.NATIONAL_ASSOCIATION,
        },
    )
    Membership.objects.create(user=user, structure=structure, role=Role.NETWORK_ADMIN)
    return user


def _pass_second_factor(client) -> None:
    """The session has given its second factor, as `django_otp.login` records it."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user_id = int(client.session["_auth_user_id"])
    device = TOTPDevice.objects.filter(user_id=user_id, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user_id=user_id, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _time(function, requests: int) -> tuple[list[float], set[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, counts = [], set()
    for _ in range(5):
        function()
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            function()
            timings.append((time.perf_counter() - start) * 1000)
        counts.add(len(queries))
    return timings, counts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    url = configure(args.database_url)

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from bench.load import percentile
    from lanterne.observatory.consolidation import consolidate_campaign
    from lanterne.observatory.models import Campaign, Value
    from lanterne.observatory.selectors import panorama_consolidation

    call_command("migrate", verbosity=0)
    if args.reset:
        _reset()
    if not Campaign.objects.filter(slug__startswith=PREFIX).exists():
        started = time.perf_counter()
        _generate(args.scale, args.seed)
        # Fresh tables: without statistics the planner's choices (and the figures) mean nothing
        # on a server where autovacuum has not passed yet.
        from bench.generate import analyze

        analyze()
        print(f"generated in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    call_command("refresh_consolidations", stdout=io.StringIO())
    print(f"stored consolidations up to date in {time.perf_counter() - started:.1f} s")
    latest = Campaign.objects.filter(slug__startswith=PREFIX).order_by("-year").first()
    values = Value.objects.filter(value_return__campaign__slug__startswith=PREFIX).count()
    print(
        f"database {describe(url)}: {Campaign.objects.filter(slug__startswith=PREFIX).count()} "
        f"campaigns, {latest.structures.count()} structures, {latest.indicators.count()} "
        f"indicators per campaign, {values} values"
    )
    client = Client(HTTP_HOST="localhost")
    url_page = reverse("observatory:panorama", args=[latest.slug])

    def page():
        response = client.get(url_page)
        assert response.status_code == 200, response.status_code

    def health():
        client.get("/sante/")

    admin = Client(HTTP_HOST="localhost")
    admin.force_login(_network_admin(), backend="django.contrib.auth.backends.ModelBackend")
    _pass_second_factor(admin)
    url_completeness = reverse("observatory:completeness", args=[latest.slug])

    def completeness_page():
        response = admin.get(url_completeness)
        assert response.status_code == 200, response.status_code

    print(f"{'measure':<34}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'queries':>10}")
    for label, function in [
        ("/sante/ (baseline)", health),
        ("consolidate_campaign (latest)", lambda: consolidate_campaign(latest)),
        ("stored consolidation (latest)", lambda: panorama_consolidation(latest)),
        ("panorama page (anonymous)", page),
        ("completeness page (network admin)", completeness_page),
    ]:
        timings, counts = _time(function, args.requests)
        queries = "–".join(str(c) for c in sorted(counts))
        print(
            f"{label:<34}{len(timings):>5}{percentile(timings, 0.5):>10.1f}"
            f"{percentile(timings, 0.95):>10.1f}{queries:>10}"
        )


if __name__ == "__main__":
    main()
