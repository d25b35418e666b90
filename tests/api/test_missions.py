"""Pôles and coordinations are public, with their région, départements and carriers' slugs."""

from tests.accounts.factories import network_admin
from tests.network.factories import CoordinationFactory, PoleFactory, StructureFactory


def test_pole_lists_its_region_and_carriers(api, world):
    """A pôle carried by several structures lists them by slug; anonymous users may read it."""
    carriers = [world["listed_occ"], StructureFactory(commune=world["toulouse"], pole=True)]
    pole = PoleFactory(name="La Trame", carriers=carriers, region=world["occitanie"])
    response = api.get(f"/api/v1/poles/{pole.slug}/")
    assert response.status_code == 200
    data = response.json()
    assert data["region"] == "76"
    assert data["departements"] == []
    assert sorted(data["carriers"]) == sorted(carrier.slug for carrier in carriers)


def test_coordination_lists_the_departements_it_covers(api, world):
    """Hauts-de-France north lists the Nord; the list endpoint filters by covered département."""
    from tests.territories.factories import DepartementFactory

    somme = DepartementFactory(code="80", region=world["hdf"])
    north = CoordinationFactory(
        name="Hors Cadre",
        region=world["hdf"],
        departements=[world["nord"]],
        carriers=[world["listed_lille"]],
    )
    south = CoordinationFactory(name="ACAP", region=world["hdf"], departements=[somme])
    whole = CoordinationFactory(name="Occitanie", region=world["occitanie"])

    data = api.get(f"/api/v1/coordinations/{north.slug}/").json()
    assert data["departements"] == ["59"]
    assert data["carriers"] == [world["listed_lille"].slug]

    def slugs(query):
        return {row["slug"] for row in api.get("/api/v1/coordinations/", query).json()["results"]}

    assert slugs({"departement": "80"}) == {south.slug}
    assert slugs({"departement": "31"}) == {whole.slug}
    assert slugs({"region": "32"}) == {north.slug, south.slug}
    assert slugs({"carrier": world["listed_lille"].slug}) == {north.slug}


def test_unlisted_carrier_is_not_revealed(api, world):
    """A carrier out of the user's reach is left out of the carriers, and out of the filter."""
    hidden = world["private_lille"]
    pole = PoleFactory(region=world["hdf"], carriers=[hidden, world["listed_lille"]])
    assert api.get(f"/api/v1/poles/{pole.slug}/").json()["carriers"] == [world["listed_lille"].slug]
    assert api.get("/api/v1/poles/", {"carrier": hidden.slug}).json()["count"] == 0

    admin = api.as_user(network_admin())
    assert len(admin.get(f"/api/v1/poles/{pole.slug}/").json()["carriers"]) == 2
