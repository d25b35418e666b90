"""Which missions cover a département: those that list it, and those that list none (their
whole région). One queryset method, read by the API filter and the applicant's home page."""

from lanterne.network.models import Pole
from tests.network.factories import PoleFactory
from tests.territories.factories import DepartementFactory, RegionFactory


def test_missions_covering_one_or_several_departements():
    """A pôle listing the Aisne covers it; a pôle listing nothing covers its whole région; a
    mission covering two of the départements asked is returned once."""
    hdf = RegionFactory(code="32")
    aisne = DepartementFactory(code="02", region=hdf)
    nord = DepartementFactory(code="59", region=hdf)
    bretagne = RegionFactory(code="53")
    finistere = DepartementFactory(code="29", region=bretagne)
    south = PoleFactory(region=hdf)
    south.departements.set([aisne])
    whole = PoleFactory(region=hdf)
    both = PoleFactory(region=hdf)
    both.departements.set([aisne, nord])
    west = PoleFactory(region=bretagne)
    west.departements.set([finistere])

    assert set(Pole.objects.covering_departement("02")) == {south, whole, both}
    assert set(Pole.objects.covering_departement("59")) == {whole, both}
    assert list(Pole.objects.covering_departement("02", "59").order_by("pk")) == sorted(
        [south, whole, both], key=lambda p: p.pk
    )
    assert set(Pole.objects.covering_departement("29", "59")) == {whole, both, west}
