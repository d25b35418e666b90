"""List endpoints cost a fixed number of queries, whatever the number of rows (no N+1).

Signed-in counts include the session, the user and the scope (memberships, and the perimeter's
pôles, coordinations and départements for a coordinator).
"""

import pytest

from lanterne.accounts.enums import Role
from tests.accounts.factories import MembershipFactory, coordinator, network_admin
from tests.network.factories import AffiliationFactory, PoleFactory, StructureFactory
from tests.territories.factories import CommuneFactory, QpvFactory


def fill(world, rows):
    """`rows` structures in Toulouse, half unlisted, each with a member, a contact and a pôle."""
    for index in range(rows):
        structure = StructureFactory(commune=world["toulouse"], is_listed=index % 2 == 0)
        MembershipFactory(structure=structure, role=Role.APPLICANT)
        AffiliationFactory(structure=structure, is_public_contact=True)
        PoleFactory(
            region=world["occitanie"], carriers=[structure], departements=[world["haute_garonne"]]
        )
        QpvFactory().communes.set([CommuneFactory(departement=world["haute_garonne"])])


USERS = {
    "anonymous": lambda world: None,
    "coordinator": lambda world: coordinator(region=world["occitanie"]),
    "network admin": lambda world: network_admin(),
}

# (url, user): queries. A signed-in session also loads the device of its second factor (one).
EXPECTED = {
    ("/api/v1/structures/", "anonymous"): 2,
    ("/api/v1/structures/", "coordinator"): 11,
    ("/api/v1/structures/", "network admin"): 7,
    ("/api/v1/people/", "coordinator"): 11,
    ("/api/v1/people/", "network admin"): 7,
    ("/api/v1/poles/", "anonymous"): 4,
    ("/api/v1/poles/", "coordinator"): 12,
    ("/api/v1/poles/", "network admin"): 8,
    ("/api/v1/qpv/", "anonymous"): 3,
    # Count, page, and their former names (prefetched).
    ("/api/v1/communes/", "anonymous"): 3,
}


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize(("url", "user"), EXPECTED)
def test_list_query_count_does_not_grow_with_rows(
    api, world, django_assert_num_queries, url, user, rows
):
    """5 or 50 rows (all on one page): the same pinned number of queries."""
    fill(world, rows)
    client = api.as_user(USERS[user](world))
    with django_assert_num_queries(EXPECTED[url, user]):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["results"]) >= min(rows, 5)


def test_structure_detail_query_count(api, world, django_assert_num_queries):
    """A structure with its members, read by a coordinator: scope, the row, its members."""
    structure = world["listed_occ"]
    for _ in range(3):
        MembershipFactory(structure=structure)
    client = api.as_user(coordinator(region=world["occitanie"]))
    with django_assert_num_queries(10):
        response = client.get(f"/api/v1/structures/{structure.slug}/")
    assert len(response.json()["memberships"]) == 3
