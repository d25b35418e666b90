"""Importing ZRR and FRR classifications: insee_com,dispositif,classement,dates,source."""

import datetime

import pytest

from lanterne.territories.enums import DataOrigin, RuralScheme, RuralStatus
from lanterne.territories.importers import ImportSources, import_territories
from lanterne.territories.models import RuralZoning
from tests.territories.conftest import SAMPLE_SOURCE

HEADER = ["insee_com", "dispositif", "classement", "date_debut", "date_fin", "source"]


def import_rural(write_file, rows):
    return import_territories(ImportSources(rural=write_file("rural.csv", HEADER, rows)))


def test_zrr_and_frr_rows_become_dated_zonings(imported_cog, write_file):
    """Each row is one commune's classification in one scheme over a period."""
    report = import_rural(
        write_file,
        [
            ["48095", "zrr", "C", "2017-07-01", "2024-06-30", SAMPLE_SOURCE],
            ["48095", "frr", "C", "2024-07-01", "", SAMPLE_SOURCE],
        ],
    )

    zrr, frr = RuralZoning.objects.filter(commune_id="48095").order_by("valid_from")
    assert (zrr.scheme, zrr.valid_until) == (RuralScheme.ZRR, datetime.date(2024, 6, 30))
    assert (frr.scheme, frr.valid_from, frr.valid_until) == (
        RuralScheme.FRR,
        datetime.date(2024, 7, 1),
        None,
    )
    assert zrr.origin == frr.origin == DataOrigin.ILLUSTRATIVE
    assert report.get("rural").created == 2


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("C", RuralStatus.CLASSIFIED),
        ("classée", RuralStatus.CLASSIFIED),
        ("Classée", RuralStatus.CLASSIFIED),
        ("P", RuralStatus.PARTLY_CLASSIFIED),
        ("partiellement", RuralStatus.PARTLY_CLASSIFIED),
        ("partiellement classée", RuralStatus.PARTLY_CLASSIFIED),
        ("N", RuralStatus.NOT_CLASSIFIED),
        ("non", RuralStatus.NOT_CLASSIFIED),
        ("non classée", RuralStatus.NOT_CLASSIFIED),
    ],
)
def test_status_may_be_a_letter_or_words(imported_cog, write_file, written, status):
    """Classement is C/P/N or classée/partiellement/non, in any case."""
    import_rural(write_file, [["48095", "ZRR", written, "2017-07-01", "2024-06-30", ""]])

    assert RuralZoning.objects.get(commune_id="48095").status == status


def test_merged_communes_with_different_statuses_make_a_partly_classified_one(
    imported_cog, write_file
):
    """Former communes listed separately count once; classified + not = partly classified."""
    report = import_rural(
        write_file,
        [
            ["48061", "zrr", "C", "2017-07-01", "2024-06-30", ""],
            ["48186", "zrr", "N", "2017-07-01", "2024-06-30", ""],
        ],
    )

    zoning = RuralZoning.objects.get(commune_id="48061")
    assert zoning.status == RuralStatus.PARTLY_CLASSIFIED
    assert report.get("rural").skipped == {"anciennes communes regroupées": 1}


def test_changed_status_is_updated(imported_cog, write_file):
    """Re-importing a corrected file updates the classification in place."""
    import_rural(write_file, [["48095", "frr", "N", "2024-07-01", "", ""]])

    report = import_rural(write_file, [["48095", "frr", "C", "2024-07-01", "", "arrêté"]])

    zoning = RuralZoning.objects.get(commune_id="48095")
    assert (zoning.status, zoning.source, zoning.origin) == (
        RuralStatus.CLASSIFIED,
        "arrêté",
        DataOrigin.OFFICIAL,
    )
    assert report.get("rural").updated == 1
