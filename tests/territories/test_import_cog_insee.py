"""Importing INSEE's Code officiel géographique CSVs (v_region, v_departement, v_commune)."""

from lanterne.territories.enums import CommuneKind, Zone
from lanterne.territories.importers import ImportSources, import_territories
from lanterne.territories.models import Commune, Departement, Region
from tests.territories.conftest import ARRONDISSEMENTS_IN_FIXTURE, COMMUNES_IN_FIXTURE


def test_insee_files_create_regions_departements_and_communes(cog_dir):
    """Every région, département, commune and municipal arrondissement of the files is created."""
    report = import_territories(ImportSources(cog_dir=cog_dir))

    assert Region.objects.count() == 9
    assert Departement.objects.count() == 11
    assert Commune.objects.filter(kind=CommuneKind.COMMUNE).count() == COMMUNES_IN_FIXTURE
    assert (
        Commune.objects.filter(kind=CommuneKind.MUNICIPAL_ARRONDISSEMENT).count()
        == ARRONDISSEMENTS_IN_FIXTURE
    )
    communes = report.get("communes")
    assert communes.created == COMMUNES_IN_FIXTURE + ARRONDISSEMENTS_IN_FIXTURE
    assert (communes.updated, communes.unchanged) == (0, 0)


def test_commune_takes_its_name_departement_and_region_from_the_file(imported_cog):
    """A commune is named by LIBELLE and attached to its département and (denormalised) région."""
    toulouse = Commune.objects.get(code="31555")
    assert toulouse.name == "Toulouse"
    assert toulouse.departement_id == "31"
    assert toulouse.region_id == "76"
    assert toulouse.parent is None


def test_municipal_arrondissement_is_attached_to_its_commune(imported_cog):
    """An ARM row is a municipal arrondissement whose parent is COMPARENT."""
    first = Commune.objects.get(code="75101")
    assert first.kind == CommuneKind.MUNICIPAL_ARRONDISSEMENT
    assert first.parent_id == "75056"
    assert set(
        Commune.objects.get(code="75056").arrondissements.values_list("code", flat=True)
    ) == {
        "75101",
        "75102",
    }


def test_delegated_communes_are_skipped_and_become_former_codes(imported_cog):
    """COMD/COMA rows are not communes; a code other than the parent's is a former code of it."""
    assert not Commune.objects.filter(code__in=["01340", "48186"]).exists()
    assert Commune.objects.get(code="01015").former_codes == ["01340"]
    assert Commune.objects.get(code="48061").former_codes == ["48186"]
    assert imported_cog.get("communes").skipped == {"communes déléguées ou associées": 3}


def test_overseas_regions_are_marked_drom(imported_cog):
    """INSEE numbers overseas régions 01 to 06: they and their départements are in zone DROM."""
    assert Region.objects.get(code="03").zone == Zone.DROM
    assert Region.objects.get(code="76").zone == Zone.METRO
    assert Departement.objects.get(code="973").zone == Zone.DROM
    assert Departement.objects.get(code="2A").zone == Zone.METRO


def test_insee_files_keep_population_and_postal_codes_already_known(cog_dir):
    """INSEE's CSVs carry no population nor postal codes: an import leaves those in place."""
    import_territories(ImportSources(cog_dir=cog_dir))
    Commune.objects.filter(code="31555").update(
        population=514819, postal_codes=["31000", "31100"], siren="213105554"
    )

    report = import_territories(ImportSources(cog_dir=cog_dir))

    toulouse = Commune.objects.get(code="31555")
    assert (toulouse.population, toulouse.postal_codes, toulouse.siren) == (
        514819,
        ["31000", "31100"],
        "213105554",
    )
    assert report.get("communes").updated == 0


def test_former_codes_from_delegated_communes_are_added_to_known_ones(cog_dir):
    """Former codes seen through COMD rows are merged with those already known, never dropped."""
    import_territories(ImportSources(cog_dir=cog_dir))
    Commune.objects.filter(code="01015").update(former_codes=["01001"])

    import_territories(ImportSources(cog_dir=cog_dir))

    assert Commune.objects.get(code="01015").former_codes == ["01001", "01340"]


def test_renamed_commune_is_updated(cog_dir, insee_cog):
    """A commune whose name changed in a new COG is updated, not duplicated."""
    import_territories(ImportSources(cog_dir=cog_dir))
    index = insee_cog.line_of_commune("48095") - 2
    insee_cog.communes[index][9] = "Mende-sur-Lot"
    insee_cog.write(cog_dir)

    report = import_territories(ImportSources(cog_dir=cog_dir))

    assert Commune.objects.get(code="48095").name == "Mende-sur-Lot"
    communes = report.get("communes")
    assert (communes.created, communes.updated) == (0, 1)


def test_commune_missing_from_a_new_file_is_kept(cog_dir, insee_cog):
    """A commune absent from a new COG stays (structures may point to it) and is reported."""
    import_territories(ImportSources(cog_dir=cog_dir))
    del insee_cog.communes[insee_cog.line_of_commune("48095") - 2]
    insee_cog.write(cog_dir)

    report = import_territories(ImportSources(cog_dir=cog_dir))

    assert Commune.objects.filter(code="48095").exists()
    assert report.get("communes").kept == 1
