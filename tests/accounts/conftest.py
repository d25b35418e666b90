import pytest

from tests.accounts.factories import coordinator
from tests.network.factories import StructureFactory


@pytest.fixture
def perimeter(occitanie, hauts_de_france):
    """An Occitanie coordinator, a structure of its perimeter (Toulouse) and one outside it
    (Lille, Hauts-de-France)."""
    return {
        "coordinator": coordinator(region=occitanie["region"], first_name="Inès"),
        "inside": StructureFactory(name="Ciné des Faubourgs", commune=occitanie["toulouse"]),
        "outside": StructureFactory(name="Maison du Moulin", commune=hauts_de_france["lille"]),
        "lille": hauts_de_france["lille"],
        "occitanie": occitanie,
    }
