"""The reference data shipped in the repository loads, complete for the COG."""

import csv
import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from lanterne.territories.enums import CommuneKind, DataOrigin, RuralScheme
from lanterne.territories.importers import SHIPPED_POSITIONS
from lanterne.territories.models import Commune, Departement, Qpv, Region, RuralZoning

# The communes the demonstration uses; each must exist under its COG name and have a position.
DEMO_COMMUNES = {
    "63113": "Clermont-Ferrand", "26362": "Valence", "25388": "Montbéliard",
    "37063": "Château-Renault", "67482": "Strasbourg", "88160": "Épinal", "51230": "Épernay",
    "08105": "Charleville-Mézières", "97311": "Saint-Laurent-du-Maroni", "80021": "Amiens",
    "59350": "Lille", "76540": "Rouen", "33063": "Bordeaux", "19031": "Brive-la-Gaillarde",
    "87085": "Limoges", "34172": "Montpellier", "31555": "Toulouse", "13055": "Marseille",
    "13001": "Aix-en-Provence", "06029": "Cannes", "30189": "Nîmes", "66136": "Perpignan",
    "48095": "Mende", "12202": "Rodez", "32013": "Auch", "09122": "Foix", "59512": "Roubaix",
    "02691": "Saint-Quentin", "02408": "Laon", "75056": "Paris", "81004": "Albi",
    "65440": "Tarbes", "11069": "Carcassonne", "46042": "Cahors", "82121": "Montauban",
}  # fmt: skip


@pytest.fixture
def shipped():
    """The whole shipped data, imported once by the command with no file option."""
    out = StringIO()
    call_command("import_territories", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_shipped_data_loads_every_commune_and_the_samples(shipped):
    """One run loads the full COG (regions, départements, ~35 000 communes) and the samples."""
    assert Region.objects.count() == 18
    assert Departement.objects.count() == 101
    assert Commune.objects.filter(kind=CommuneKind.COMMUNE).count() > 34_000
    assert Commune.objects.filter(kind=CommuneKind.MUNICIPAL_ARRONDISSEMENT).count() == 45
    assert "Communes — ajouts : 34\u202f920" in shipped

    ajaccio = Commune.objects.get(code="2A004")
    assert (ajaccio.name, ajaccio.departement_id, ajaccio.region_id) == ("Ajaccio", "2A", "94")
    assert "20000" in ajaccio.postal_codes
    assert ajaccio.population > 50_000
    assert len(ajaccio.siren) == 9
    assert Commune.objects.get(code="97311").departement_id == "973"
    assert Commune.objects.get(code="13201").parent_id == "13055"
    assert Commune.objects.get(code="69123").arrondissements.count() == 9
    assert "01340" in Commune.objects.get(code="01015").former_codes

    names = dict(Commune.objects.filter(code__in=DEMO_COMMUNES).values_list("code", "name"))
    assert names == DEMO_COMMUNES
    positioned = Commune.objects.filter(code__in=DEMO_COMMUNES, latitude__isnull=False)
    assert positioned.count() == len(DEMO_COMMUNES)

    assert Qpv.objects.count() > 20
    assert set(Qpv.objects.values_list("origin", flat=True)) == {DataOrigin.ILLUSTRATIVE}
    assert set(RuralZoning.objects.values_list("origin", flat=True)) == {DataOrigin.ILLUSTRATIVE}
    marle_after = RuralZoning.objects.for_commune_on("02468", datetime.date(2024, 9, 1))
    mende_after = RuralZoning.objects.for_commune_on("48095", datetime.date(2024, 9, 1))
    assert marle_after is None
    assert mende_after.scheme == RuralScheme.FRR


def test_shipped_positions_are_labelled_and_plausible():
    """Every shipped position says it is approximate and lies in France (mainland or Guiana)."""
    with SHIPPED_POSITIONS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["code_insee"] for row in rows} == set(DEMO_COMMUNES)
    for row in rows:
        assert row["source"].startswith("position approximative du centre-ville")
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
        if row["code_insee"].startswith("973"):
            assert 2 < latitude < 6 and -55 < longitude < -51
        else:
            assert 41.3 < latitude < 51.1 and -5.2 < longitude < 9.6, row
