import statistics

import pytest

from bench import cog, synthetic
from bench.load import ANONYMOUS, SIGNED_IN, percentile, summarise
from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership, User
from lanterne.network.enums import SUBKINDS_BY_KIND
from lanterne.network.models import Affiliation, Coordination, Person, Pole, Structure
from lanterne.territories.models import Commune, Departement, Region


@pytest.fixture
def tiny_network(db):
    """The generator's functions at a tiny scale on invented territories."""
    synthetic.create_synthetic_territories(communes=150)
    synthetic.assign_commune_positions()
    structures = synthetic.create_structures(50, synthetic.load_communes())
    synthetic.create_missions(structures)
    users, _memberships = synthetic.create_users(20, structures)
    synthetic.create_people(200, structures, users)
    return structures


def test_invented_territories_have_real_codes_and_plausible_positions(db):
    """Without the shipped COG, the generator invents communes in the 101 real départements,
    each placed in metropolitan France's bounding box or around its own overseas territory."""
    synthetic.create_synthetic_territories(communes=150)
    assert synthetic.assign_commune_positions() == Commune.objects.count() >= 150

    assert Region.objects.count() == 18
    assert Departement.objects.count() == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(
        Departement.objects.values_list("code", flat=True)
    )
    assert not Departement.objects.filter(communes__isnull=True).exists()
    for code, departement, latitude, longitude in Commune.objects.values_list(
        "code", "departement_id", "latitude", "longitude"
    ):
        assert code.startswith(departement)
        if len(departement) == 3:
            (lat, lon), (dlat, dlon) = cog.OVERSEAS_AREAS[departement]
            assert abs(latitude - lat) <= dlat and abs(longitude - lon) <= dlon
        else:
            assert cog.METRO_LATITUDES[0] <= latitude <= cog.METRO_LATITUDES[1]
            assert cog.METRO_LONGITUDES[0] <= longitude <= cog.METRO_LONGITUDES[1]


@pytest.mark.parametrize("failure", ["missing", "raises"])
def test_territories_are_invented_when_the_import_is_unavailable(db, monkeypatch, failure):
    """Without a working `import_territories`, the generator invents the communes itself."""
    if failure == "missing":
        monkeypatch.setattr(synthetic, "get_commands", dict)
    else:

        def broken(*args, **kwargs):
            raise RuntimeError("COG file not found")

        monkeypatch.setattr(synthetic, "call_command", broken)
    messages = []
    assert synthetic.ensure_territories(communes=120, log=messages.append) == "synthetic"
    assert Commune.objects.count() >= 120
    assert "inventing communes" in messages[0]
    assert synthetic.ensure_territories(communes=120, log=messages.append) == "present"


def test_generated_network_is_consistent(tiny_network):
    """Every structure has a sub-kind allowed for its kind, an existing commune and a valid
    position; every région has a pôle and a coordination carried by structures inside it."""
    structures = Structure.objects.select_related("commune")
    assert structures.count() == 50
    for structure in structures:
        allowed = SUBKINDS_BY_KIND.get(structure.kind)
        assert structure.subkind in allowed if allowed else structure.subkind == ""
        assert structure.commune is not None
        assert (structure.latitude is None) == (structure.longitude is None)
        if structure.latitude is not None:
            assert abs(structure.latitude - structure.commune.latitude) < 0.1
        structure.full_clean()  # what the forms would accept: phone, lengths, unique slug
        assert structure.search_text == structure.build_search_text()

    some = structures.first()
    assert some in Structure.objects.search(some.commune.name.upper())

    for model in (Pole, Coordination):
        missions = model.objects.prefetch_related("carriers__commune")
        assert {mission.region_id for mission in missions} == set(
            Region.objects.values_list("code", flat=True)
        )
        for mission in missions:
            assert mission.carriers.exists()
            assert {c.commune.region_id for c in mission.carriers.all()} == {mission.region_id}


def test_generated_accounts_and_people_are_consistent(tiny_network):
    """Accounts hold memberships of every role; every person has an affiliation, and every
    account its own person record."""
    assert User.objects.count() == 20
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert not Membership.objects.filter(structure__isnull=True).exclude(role=Role.SPEAKER)
    assert Person.objects.count() == 200
    assert Person.objects.filter(user__isnull=False).count() == 20
    assert not Person.objects.filter(affiliations__isnull=True).exists()
    assert Affiliation.objects.count() >= 200
    for person in Person.objects.all()[:20]:
        person.full_clean()


def test_generation_is_deterministic(db):
    """The same seed gives the same structures, whatever the process."""
    synthetic.create_synthetic_territories(communes=120)
    communes = synthetic.load_communes()
    first = synthetic.build_structures(30, communes, seed=7)
    second = synthetic.build_structures(30, communes, seed=7)
    other = synthetic.build_structures(30, communes, seed=8)
    signature = [(s.slug, s.kind, s.subkind, s.commune_id, s.is_listed) for s in first]
    assert signature == [(s.slug, s.kind, s.subkind, s.commune_id, s.is_listed) for s in second]
    assert signature != [(s.slug, s.kind, s.subkind, s.commune_id, s.is_listed) for s in other]


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([7.0], 0.95, 7.0),
        ([1, 2, 3, 4], 0.5, 2.5),
        ([4, 1, 3, 2], 0.5, 2.5),  # order of arrival does not matter
        (list(range(1, 101)), 0.95, 95.05),
        (list(range(1, 201)), 0.5, 100.5),
        ([10, 20], 1.0, 20),
        ([10, 20], 0.0, 10),
    ],
)
def test_percentile(values, fraction, expected):
    """Percentiles interpolate linearly between the closest ranks."""
    assert percentile(values, fraction) == pytest.approx(expected)


def test_percentile_agrees_with_the_standard_library():
    """p50 and p95 are those of `statistics.quantiles(method="inclusive")`."""
    values = [((n * 37) % 101) / 3 for n in range(200)]
    quantiles = statistics.quantiles(values, n=100, method="inclusive")
    assert percentile(values, 0.50) == pytest.approx(quantiles[49])
    assert percentile(values, 0.95) == pytest.approx(quantiles[94])


def test_summary_applies_both_targets():
    """A page passes with p95 ≤ 50 ms and ≤ 10× the matching floor's p95; otherwise it says
    why."""
    floors = {ANONYMOUS: 1.0, SIGNED_IN: 4.0}
    fast = summarise("fast", [], [1.0] * 19 + [3.0], [4] * 20, floors=floors)
    assert (fast.p50_ms, fast.p95_ms, fast.max_ms) == (1.0, pytest.approx(1.1), 3.0)
    assert (fast.ratio, fast.verdict, fast.note) == (pytest.approx(1.1), "PASS", "")

    slow = summarise("slow", [], [40.0] * 18 + [70.0, 80.0], [4] * 19 + [5], floors=floors)
    assert slow.p95_ms == pytest.approx(70.5)
    assert slow.verdict == "FAIL p95 > 50 ms, > 10× anonymous floor"
    assert (slow.queries_min, slow.queries_max, slow.note) == (4, 5, "query count varies")

    relative = summarise("relative", [], [12.0] * 20, [1] * 20, floors=floors)
    assert relative.verdict == "FAIL > 10× anonymous floor"
    # The same page signed in is measured against the signed-in floor: 12 / 4 = 3×.
    signed = summarise("signed", [], [12.0] * 20, [1] * 20, floors=floors, floor=SIGNED_IN)
    assert signed.verdict == "PASS"


def test_an_export_is_judged_on_the_export_target_and_a_page_on_its_expected_status():
    """An export read to its end in 300 ms passes (≤ 500 ms) though it is 75× the floor; at
    600 ms it fails on that target alone. The health page's 503 without a worker is expected
    there; a 200 where a 503 is expected, or the reverse, is reported."""
    floors = {ANONYMOUS: 1.0, SIGNED_IN: 4.0}
    export = summarise(
        "export", [], [300.0] * 20, [20] * 20, floors=floors, floor=SIGNED_IN, export_target_ms=500
    )
    assert export.verdict == "PASS"
    slow = summarise(
        "export", [], [600.0] * 20, [20] * 20, floors=floors, floor=SIGNED_IN, export_target_ms=500
    )
    assert slow.verdict == "FAIL export p95 > 500 ms"
    health = summarise(
        "health",
        [],
        [2.0] * 20,
        [1] * 20,
        floors=floors,
        statuses={503},
        expected_statuses=frozenset({503}),
        is_baseline=True,
    )
    assert health.verdict == "reference"
    wrong = summarise("page", [], [2.0] * 20, [1] * 20, floors=floors, statuses={503})
    assert wrong.verdict == "FAIL HTTP 503"
