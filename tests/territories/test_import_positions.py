"""Importing commune positions (the COG has none): code_insee,latitude,longitude[,source]."""

import pytest
from django.core.management import CommandError, call_command

from lanterne.territories.importers import ImportSources, import_territories
from lanterne.territories.models import Commune

HEADER = ["code_insee", "latitude", "longitude", "source"]


def test_positions_fill_latitude_and_longitude(imported_cog, write_file):
    """Each row sets the commune's latitude and longitude; other communes keep none."""
    path = write_file(
        "positions.csv",
        HEADER,
        [["31555", "43.604", "1.444", "saisie"], ["97311", "5.498", "-54.033", "saisie"]],
    )

    report = import_territories(ImportSources(positions=path))

    toulouse = Commune.objects.get(code="31555")
    assert (toulouse.latitude, toulouse.longitude) == (43.604, 1.444)
    assert Commune.objects.get(code="97311").longitude == -54.033
    assert not Commune.objects.get(code="48095").has_position
    assert report.get("positions").updated == 2


def test_moved_position_is_updated_and_same_position_is_unchanged(imported_cog, write_file):
    """Re-importing changes only the positions that differ."""
    rows = [["31555", "43.604", "1.444", ""], ["48095", "44.518", "3.500", ""]]
    import_territories(ImportSources(positions=write_file("positions.csv", HEADER, rows)))
    rows[1][1] = "44.519"

    report = import_territories(ImportSources(positions=write_file("positions.csv", HEADER, rows)))

    counts = report.get("positions")
    assert (counts.updated, counts.unchanged) == (1, 1)
    assert Commune.objects.get(code="48095").latitude == 44.519


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["31555", "143.6", "1.44", ""], "latitude « 143.6 » invalide"),
        (["31555", "43.6", "east", ""], "longitude « east » invalide"),
        (["31555", "nan", "1.44", ""], "latitude « nan » invalide"),
        (["31999", "43.6", "1.44", ""], "commune « 31999 » inconnue"),
        (["3155", "43.6", "1.44", ""], "code commune « 3155 » invalide"),
    ],
)
def test_bad_position_is_refused(imported_cog, write_file, row, reason):
    """Out-of-range or non-numeric coordinates and unknown communes are refused by line."""
    path = write_file("positions.csv", HEADER, [["48095", "44.518", "3.5", ""], row])

    with pytest.raises(CommandError) as error:
        call_command("import_territories", positions=path)

    assert str(error.value).startswith("positions.csv, ligne 3 : ")
    assert reason in str(error.value)
    assert not Commune.objects.get(code="48095").has_position


def test_decimal_comma_is_accepted(imported_cog, tmp_path):
    """A `;`-separated file with decimal commas (French spreadsheets) is read."""
    path = tmp_path / "positions.csv"
    path.write_text("code_insee;latitude;longitude\n31555;43,604;1,444\n", encoding="utf-8")

    import_territories(ImportSources(positions=path))

    assert Commune.objects.get(code="31555").latitude == 43.604
