"""Rural zoning on a day, in one place: `RuralZoning.objects.in_force_on` and
`Commune.objects.rural_on` in SQL, `RuralZoning.applies_on` and `Commune.rural_priority_on` in
Python; they agree at the 30 June / 1 July 2024 switch from ZRR to FRR."""

import datetime

import pytest

from lanterne.territories.enums import RuralScheme, RuralStatus
from lanterne.territories.models import Commune, RuralZoning
from tests.territories.factories import CommuneFactory, RuralZoningFactory

LAST_ZRR_DAY = datetime.date(2024, 6, 30)
FIRST_FRR_DAY = datetime.date(2024, 7, 1)


@pytest.fixture
def communes():
    """Mende: ZRR then FRR. Marle: ZRR, then examined and not classified FRR. Rodez: never."""
    mende = CommuneFactory(code="48095", name="Mende")
    RuralZoningFactory(commune=mende, zrr=True)
    RuralZoningFactory(commune=mende, frr=True)
    marle = CommuneFactory(code="02468", name="Marle")
    RuralZoningFactory(commune=marle, zrr=True)
    RuralZoningFactory(commune=marle, frr=True, status=RuralStatus.NOT_CLASSIFIED)
    rodez = CommuneFactory(code="12202", name="Rodez")
    return mende, marle, rodez


@pytest.mark.parametrize(
    ("day", "scheme", "expected"),
    [
        (LAST_ZRR_DAY, None, {"48095", "02468"}),
        (LAST_ZRR_DAY, RuralScheme.ZRR, {"48095", "02468"}),
        (LAST_ZRR_DAY, RuralScheme.FRR, set()),
        (FIRST_FRR_DAY, None, {"48095"}),
        (FIRST_FRR_DAY, RuralScheme.ZRR, set()),
        (FIRST_FRR_DAY, RuralScheme.FRR, {"48095"}),
    ],
)
def test_communes_rural_on_a_day(communes, day, scheme, expected):
    """The communes in ZRR / FRR on a day; a "non classée" row never counts."""
    found = set(Commune.objects.rural_on(day, scheme).values_list("code", flat=True))
    assert found == expected
    zonings = RuralZoning.objects.in_force_on(day, scheme)
    assert set(zonings.values_list("commune_id", flat=True)) == expected


@pytest.mark.parametrize("day", [LAST_ZRR_DAY, FIRST_FRR_DAY])
def test_python_and_sql_agree(communes, day):
    """Each commune's zoning on the day is the same read from the database or from memory."""
    for commune in communes:
        in_db = RuralZoning.objects.for_commune_on(commune, day)
        in_memory = commune.rural_priority_on(day)
        assert in_db == in_memory
        assert all(
            zoning.applies_on(day)
            == RuralZoning.objects.in_force_on(day).filter(pk=zoning.pk).exists()
            for zoning in commune.rural_zonings.all()
        )


def test_prefetched_zonings_cost_no_query(communes, django_assert_num_queries):
    """With `rural_zonings` prefetched, a commune's zoning on a day costs no query."""
    listed = list(
        Commune.objects.filter(code__in=["48095", "02468"]).prefetch_related("rural_zonings")
    )
    with django_assert_num_queries(0):
        schemes = {
            c.code: getattr(c.rural_priority_on(FIRST_FRR_DAY), "scheme", None) for c in listed
        }
    assert schemes == {"48095": RuralScheme.FRR, "02468": None}
