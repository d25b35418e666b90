from lanterne.core.text import fold
from lanterne.network.models import Structure
from lanterne.network.services import structures_refresh_search_text
from lanterne.territories.signals import territories_changed
from tests.network.factories import StructureFactory
from tests.territories.factories import CommuneFactory


def test_fold_removes_accents_case_and_extra_spaces():
    assert fold("  Ciné-Causses   MENDE ") == "cine-causses mende"
    assert fold("Œuvre Épinal") == "œuvre epinal"


def test_search_ignores_accents_and_case():
    """« cinema » finds « Cinéma Le Familia », « ÉPINAL » finds a structure of Épinal."""
    cinema = StructureFactory(name="Cinéma Le Familia")
    epinal = StructureFactory(name="Image’Est", commune=CommuneFactory(name="Épinal"))
    assert list(Structure.objects.search("cinema")) == [cinema]
    assert list(Structure.objects.search("ÉPINAL")) == [epinal]


def test_every_word_must_match_name_acronym_or_commune():
    """Words combine: « acap amiens » needs both, found in the acronym and the commune."""
    acap = StructureFactory(
        name="Pôle régional image", acronym="ACAP", commune=CommuneFactory(name="Amiens")
    )
    StructureFactory(name="Autre", acronym="ACAP2", commune=CommuneFactory(name="Lille"))
    assert list(Structure.objects.search("acap amiens")) == [acap]
    assert Structure.objects.search("").count() == 2


def test_renamed_commune_is_searchable_after_refresh():
    """After an import renames a commune, its structures are found by the new name."""
    structure = StructureFactory(commune=CommuneFactory(name="Ancien Nom"))
    structure.commune.name = "Nouveau Nom"
    structure.commune.save()
    assert not Structure.objects.search("nouveau").exists()
    assert structures_refresh_search_text() == 1
    assert list(Structure.objects.search("nouveau")) == [structure]


def test_changed_territories_refresh_the_search_text():
    """Territories import no other app: the network refreshes its search text when the import
    command says territories changed (`territories.signals.territories_changed`)."""
    structure = StructureFactory(commune=CommuneFactory(name="Ancien Nom"))
    structure.commune.name = "Nouveau Nom"
    structure.commune.save()
    territories_changed.send(sender=None, report=None)
    assert list(Structure.objects.search("nouveau")) == [structure]
