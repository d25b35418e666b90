"""The COG's communes déléguées and associées become former names of the commune they are part
of: typing "Bâgé-la-Ville" offers Bâgé-Dommartin. The mouvements des communes take precedence
for a code they know (one row per code and commune, whichever file comes first); a commune
déléguée bearing its commune's name adds nothing."""

import csv
import datetime
import gzip
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from lanterne.territories.importers import (
    SHIPPED_COG_DIR,
    SHIPPED_MOUVEMENTS,
    ImportSources,
    import_territories,
)
from lanterne.territories.models import Commune, FormerCommune
from tests.territories.conftest import commune
from tests.territories.test_import_mouvements import HEADER, line

SUGGESTIONS = reverse("www:commune_suggestions")
SHIPPED_DELEGATED = SHIPPED_COG_DIR / "communes_deleguees.csv.gz"


def rows_of(commune_code, code):
    return list(
        FormerCommune.objects.filter(commune_id=commune_code, code=code).values_list(
            "name", "ended_on"
        )
    )


def shipped_delegated():
    with gzip.open(SHIPPED_DELEGATED, "rt", encoding="utf-8") as handle:
        return {(row["code"], row["parent"]): row for row in csv.DictReader(handle)}


def test_shipped_file_holds_the_real_delegated_communes():
    """Real rows of the COG 2026: Annecy-le-Vieux is a commune déléguée of Annecy,
    Cherbourg-Octeville one of Cherbourg-en-Cotentin under the same code, and Annecy one of
    itself."""
    rows = shipped_delegated()
    assert rows[("74011", "74010")]["name"] == "Annecy-le-Vieux"
    assert rows[("50129", "50129")]["name"] == "Cherbourg-Octeville"
    assert rows[("74010", "74010")]["name"] == "Annecy"
    assert rows[("01025", "01025")] == {
        "code": "01025",
        "name": "Bâgé-la-Ville",
        "kind": "deleguee",
        "parent": "01025",
    }
    assert {row["kind"] for row in rows.values()} == {"deleguee", "associee"}
    assert len(rows) > 2500


@pytest.fixture
def shipped():
    out = StringIO()
    call_command("import_territories", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_shipped_import_gives_former_names(shipped, client, django_assert_num_queries):
    """From the shipped data: Bâgé-la-Ville (known only from the COG) leads to Bâgé-Dommartin,
    without a date; Annecy-le-Vieux and Cherbourg-Octeville (also in the mouvements sample) have
    one row each, the mouvements' with its date; Annecy, a commune déléguée of Annecy, is no
    former name. The suggestions still cost one query."""
    assert rows_of("01025", "01025") == [("Bâgé-la-Ville", None)]
    assert rows_of("74010", "74011") == [("Annecy-le-Vieux", datetime.date(2017, 1, 1))]
    assert rows_of("50129", "50129") == [("Cherbourg-Octeville", datetime.date(2016, 1, 1))]
    assert rows_of("74010", "74010") == []

    rows = shipped_delegated()
    skipped_same_name = 78  # délégués bearing their commune's name (Annecy…)
    known_from_mouvements = 12  # the former communes of the sample that are délégués too
    created = len(rows) - skipped_same_name - known_from_mouvements
    assert FormerCommune.objects.filter(ended_on__isnull=True).count() == created
    assert (
        f"Anciens noms (communes déléguées ou associées) — ajouts : {created:,}".replace(
            ",", "\u202f"
        )
        in shipped
    )
    assert f"(déjà connues par les mouvements des communes) : {known_from_mouvements}" in shipped
    assert f"(même nom que la commune d'aujourd'hui) : {skipped_same_name}" in shipped

    with django_assert_num_queries(1):
        results = client.get(SUGGESTIONS, {"q": "bage-la-vil"}).json()["results"]
    assert [(r["label"], r["note"]) for r in results] == [
        ("Bâgé-Dommartin (01)", "anciennement Bâgé-la-Ville")
    ]
    with django_assert_num_queries(1):
        results = client.get(SUGGESTIONS, {"q": "Cherbourg-Octev"}).json()["results"]
    assert [(r["label"], r["note"]) for r in results] == [
        ("Cherbourg-en-Cotentin (50)", "anciennement Cherbourg-Octeville")
    ]


def test_second_shipped_import_changes_nothing(shipped):
    rows = list(FormerCommune.objects.values_list("pk", "commune_id", "code", "name", "ended_on"))
    report = import_territories(ImportSources.shipped())
    counts = report.get("delegated_communes")
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, len(rows) - 12)
    assert not report.changed
    assert (
        list(FormerCommune.objects.values_list("pk", "commune_id", "code", "name", "ended_on"))
        == rows
    )


def test_mouvements_imported_later_take_the_row_over():
    """COG first, then the mouvements alone, then the COG again: still one row for
    Annecy-le-Vieux, now with the mouvements' date, and the COG leaves it alone."""
    import_territories(ImportSources(cog_dir=SHIPPED_COG_DIR))
    assert rows_of("74010", "74011") == [("Annecy-le-Vieux", None)]
    pk = FormerCommune.objects.get(commune_id="74010", code="74011").pk

    report = import_territories(ImportSources(mouvements=SHIPPED_MOUVEMENTS))
    assert rows_of("74010", "74011") == [("Annecy-le-Vieux", datetime.date(2017, 1, 1))]
    assert FormerCommune.objects.get(commune_id="74010", code="74011").pk == pk
    assert report.get("former_communes").updated == 12
    assert report.get("former_communes").kept == 0

    again = import_territories(ImportSources(cog_dir=SHIPPED_COG_DIR))
    assert again.get("delegated_communes").changed is False
    assert again.get("delegated_communes").kept == 0
    assert rows_of("74010", "74011") == [("Annecy-le-Vieux", datetime.date(2017, 1, 1))]


def test_the_mouvements_name_wins_over_the_cog_name(insee_cog, write_file):
    """Same code, other name in each file (a part renamed since the merger): one row, the
    mouvements' name; a commune déléguée bearing its commune's name is left out."""
    insee_cog.communes += [
        commune("48061", "Florac Trois Rivières", "", "", kind="COMD", parent="48061"),
    ]
    for row in insee_cog.communes:
        if row[1] == "48186":
            row[7:10] = [
                "SALLE PRUNET NOUVELLE",
                "Salle-Prunet-Nouvelle",
                "La Salle-Prunet-Nouvelle",
            ]
    cog_dir = insee_cog.write(write_file("unused.csv", ["x"], []).parent / "cog")
    mouvements = write_file(
        "v_mvt_commune_2026.csv",
        HEADER,
        [
            line(
                "32",
                "2016-01-01",
                ("COM", "48186", "La Salle-Prunet"),
                ("COM", "48061", "Florac Trois Rivières"),
            )
        ],
    )
    report = import_territories(ImportSources(cog_dir=cog_dir, mouvements=mouvements))

    assert rows_of("48061", "48186") == [("La Salle-Prunet", datetime.date(2016, 1, 1))]
    assert rows_of("48061", "48061") == []
    # Arbignieu and Saint-Bois, délégués of Arboys en Bugey, come from the COG alone.
    assert sorted(
        FormerCommune.objects.filter(commune_id="01015").values_list("name", flat=True)
    ) == [
        "Arbignieu",
        "Saint-Bois",
    ]
    counts = report.get("delegated_communes")
    assert counts.created == 2
    assert sum(counts.skipped.values()) == 2
    assert Commune.objects.suggest("arbignieu")[0].code == "01015"
