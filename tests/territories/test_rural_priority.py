"""Was commune X rural-priority (ZRR, then FRR from 1 July 2024) on date D?"""

import datetime

import pytest

from lanterne.territories.enums import RuralScheme, RuralStatus
from lanterne.territories.models import RuralZoning
from tests.territories.factories import CommuneFactory, RuralZoningFactory

LAST_ZRR_DAY = datetime.date(2024, 6, 30)
FIRST_FRR_DAY = datetime.date(2024, 7, 1)


@pytest.fixture
def zrr_then_frr():
    """A commune classified ZRR until 30 June 2024 and FRR from 1 July 2024."""
    commune = CommuneFactory(code="48095", name="Mende")
    RuralZoningFactory(commune=commune, zrr=True)
    RuralZoningFactory(commune=commune, frr=True)
    return commune


@pytest.fixture
def zrr_only():
    """A commune classified ZRR until 30 June 2024, examined and not classified FRR."""
    commune = CommuneFactory(code="02468", name="Marle")
    RuralZoningFactory(commune=commune, zrr=True)
    RuralZoningFactory(commune=commune, frr=True, status=RuralStatus.NOT_CLASSIFIED)
    return commune


def test_zrr_commune_is_priority_until_30_june_2024(zrr_then_frr):
    """On 30 June 2024 the answer is the ZRR classification."""
    zoning = RuralZoning.objects.for_commune_on(zrr_then_frr, LAST_ZRR_DAY)
    assert (zoning.scheme, zoning.status) == (RuralScheme.ZRR, RuralStatus.CLASSIFIED)


def test_frr_takes_over_on_1_july_2024(zrr_then_frr):
    """From 1 July 2024 the same commune answers with its FRR classification."""
    zoning = RuralZoning.objects.for_commune_on(zrr_then_frr, FIRST_FRR_DAY)
    assert (zoning.scheme, zoning.status) == (RuralScheme.FRR, RuralStatus.CLASSIFIED)
    assert zrr_then_frr.rural_priority_on(datetime.date(2026, 1, 15)).scheme == RuralScheme.FRR


def test_zrr_commune_not_classified_frr_is_no_longer_priority(zrr_only):
    """ZRR on 30 June 2024, but not FRR: no rural priority from 1 July 2024."""
    assert RuralZoning.objects.for_commune_on(zrr_only, LAST_ZRR_DAY).scheme == RuralScheme.ZRR
    assert RuralZoning.objects.for_commune_on(zrr_only, FIRST_FRR_DAY) is None
    assert zrr_only.rural_priority_on(datetime.date(2025, 3, 1)) is None


def test_before_the_zrr_classification_there_is_no_answer(zrr_then_frr):
    """The 2017 ZRR classification starts on 1 July 2017."""
    assert RuralZoning.objects.for_commune_on(zrr_then_frr, datetime.date(2017, 6, 30)) is None


def test_partly_classified_commune_counts_as_priority():
    """A partly classified commune (part of a commune nouvelle) is rural-priority."""
    zoning = RuralZoningFactory(zrr=True, status=RuralStatus.PARTLY_CLASSIFIED)
    found = RuralZoning.objects.for_commune_on(zoning.commune, datetime.date(2020, 1, 1))
    assert found.status == RuralStatus.PARTLY_CLASSIFIED


def test_lookup_by_insee_code_including_a_former_one(zrr_then_frr):
    """The commune may be given by its code, or by a former code of a commune merged into it."""
    zrr_then_frr.former_codes = ["48186"]
    zrr_then_frr.save()

    assert RuralZoning.objects.for_commune_on("48095", FIRST_FRR_DAY).commune == zrr_then_frr
    assert RuralZoning.objects.for_commune_on("48186", FIRST_FRR_DAY).commune == zrr_then_frr
    assert RuralZoning.objects.for_commune_on("48999", FIRST_FRR_DAY) is None
