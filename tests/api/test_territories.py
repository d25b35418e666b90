"""Territories are public reference data, looked up by their official string codes."""

import datetime

import pytest

from lanterne.territories.enums import RuralScheme, RuralStatus
from tests.accounts.factories import applicant
from tests.territories.factories import (
    CommuneFactory,
    DepartementFactory,
    QpvFactory,
    RegionFactory,
    RuralZoningFactory,
)


@pytest.fixture
def corsica_and_guiana():
    corse = RegionFactory(code="94", name="Corse")
    guyane = RegionFactory(code="03", name="Guyane", zone="drom")
    ajaccio = CommuneFactory(
        code="2A004",
        name="Ajaccio",
        postal_codes=["20000", "20090"],
        departement=DepartementFactory(code="2A", name="Corse-du-Sud", region=corse),
    )
    saint_laurent = CommuneFactory(
        code="97311",
        name="Saint-Laurent-du-Maroni",
        postal_codes=["97320"],
        departement=DepartementFactory(code="973", name="Guyane", region=guyane),
    )
    return ajaccio, saint_laurent


def codes(api, url, query=None):
    response = api.get(url, query or {})
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_communes_are_looked_up_by_insee_code(api, corsica_and_guiana):
    """Corsican (`2A004`) and overseas (`97311`) codes are strings, not numbers."""
    response = api.get("/api/v1/communes/2A004/")
    assert response.status_code == 200
    data = response.json()
    assert (data["name"], data["departement"], data["region"]) == ("Ajaccio", "2A", "94")
    assert data["postal_codes"] == ["20000", "20090"]
    assert api.get("/api/v1/communes/97311/").json()["name"] == "Saint-Laurent-du-Maroni"
    assert api.get("/api/v1/communes/2A005/").status_code == 404


def test_departements_and_regions_by_code(api, corsica_and_guiana):
    """Départements `2A` and `973`, and their régions, are read by code."""
    assert api.get("/api/v1/departements/2A/").json()["region"] == "94"
    assert api.get("/api/v1/departements/973/").json()["name"] == "Guyane"
    assert api.get("/api/v1/regions/03/").json()["zone"] == "drom"
    assert codes(api, "/api/v1/departements/", {"region": "94"}) == ["2A"]


def test_commune_filters_and_search(api, corsica_and_guiana):
    """Communes filter by département and région, and `q` matches name, code or postal code."""
    assert codes(api, "/api/v1/communes/", {"departement": "2A"}) == ["2A004"]
    assert codes(api, "/api/v1/communes/", {"region": "03"}) == ["97311"]
    assert codes(api, "/api/v1/communes/", {"q": "ajac"}) == ["2A004"]
    assert codes(api, "/api/v1/communes/", {"q": "2A004"}) == ["2A004"]
    assert codes(api, "/api/v1/communes/", {"q": "97320"}) == ["97311"]


def test_qpv_filtered_by_commune(api, corsica_and_guiana):
    """A QPV lists its communes' codes and is found from any of them."""
    ajaccio, saint_laurent = corsica_and_guiana
    qpv = QpvFactory(code="QN02A01M", name="Les Cannes")
    qpv.communes.set([ajaccio])
    QpvFactory().communes.set([saint_laurent])
    assert codes(api, "/api/v1/qpv/", {"commune": "2A004"}) == ["QN02A01M"]
    assert api.get("/api/v1/qpv/QN02A01M/").json()["communes"] == ["2A004"]


def test_rural_zonings_in_force_on_a_date(api, corsica_and_guiana):
    """ZRR until 30 June 2024, FRR from 1 July 2024: `on` returns the one in force that day."""
    ajaccio, _ = corsica_and_guiana
    zrr = RuralZoningFactory(
        commune=ajaccio,
        scheme=RuralScheme.ZRR,
        status=RuralStatus.CLASSIFIED,
        valid_from=datetime.date(2017, 7, 1),
        valid_until=datetime.date(2024, 6, 30),
    )
    frr = RuralZoningFactory(
        commune=ajaccio,
        scheme=RuralScheme.FRR,
        status=RuralStatus.CLASSIFIED,
        valid_from=datetime.date(2024, 7, 1),
    )

    def ids(query):
        response = api.get("/api/v1/rural-zonings/", {"commune": "2A004", **query})
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids({"on": "2024-06-30"}) == [zrr.pk]
    assert ids({"on": "2024-07-01"}) == [frr.pk]
    assert ids({"scheme": "frr"}) == [frr.pk]
    assert ids({}) == [zrr.pk, frr.pk]
    assert api.get("/api/v1/rural-zonings/", {"on": "2024-13-45"}).status_code == 400


@pytest.mark.parametrize("make_user", [lambda: None, applicant], ids=["anonymous", "applicant"])
def test_territories_are_readable_by_anyone(api, corsica_and_guiana, make_user):
    """Reference data needs no account, and no role restricts it."""
    client = api.as_user(make_user())
    for url in (
        "/api/v1/regions/",
        "/api/v1/departements/",
        "/api/v1/communes/",
        "/api/v1/qpv/",
        "/api/v1/rural-zonings/",
    ):
        assert client.get(url).status_code == 200, url


def test_former_commune_code_redirects_to_todays_commune(api):
    """A merged commune's code answers 301 to today's commune (the query string kept); an
    unknown code is still a 404; the schema documents the redirect."""
    CommuneFactory(code="01015", name="Arboys en Bugey", former_codes=["01340"])
    response = api.get("/api/v1/communes/01340/", {"format": "json"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/communes/01015/?format=json"
    followed = api.get(response["Location"])
    assert followed.status_code == 200
    assert followed.json()["former_codes"] == ["01340"]
    assert api.get("/api/v1/communes/99999/").status_code == 404
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    retrieve = schema["paths"]["/api/v1/communes/{code}/"]["get"]
    assert "301" in retrieve["responses"] and "200" in retrieve["responses"]
    assert "01340" in retrieve["description"]
    assert retrieve["summary"]
