"""Each structure carries a position for the map: its own, else its commune's, flagged."""

from tests.network.factories import StructureFactory
from tests.territories.factories import CommuneFactory


def position_of(api, structure):
    return api.get(f"/api/v1/structures/{structure.slug}/").json()["position"]


def test_own_position_is_exact(api, world):
    """A structure located at its address is placed there, not approximately."""
    structure = StructureFactory(commune=world["toulouse"], latitude=43.61, longitude=1.45)
    assert position_of(api, structure) == {
        "latitude": 43.61,
        "longitude": 1.45,
        "is_approximate": False,
    }


def test_commune_position_is_approximate(api, world):
    """Without coordinates of its own, a structure sits at its commune's, flagged approximate."""
    assert position_of(api, world["listed_occ"]) == {
        "latitude": 43.6,
        "longitude": 1.44,
        "is_approximate": True,
    }


def test_no_position_at_all_is_null(api):
    """Neither own nor commune coordinates: the position is null, never a guess."""
    structure = StructureFactory(commune=CommuneFactory(without_position=True))
    assert position_of(api, structure) is None
