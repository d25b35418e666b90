"""Who sees what: a structure its own return only; the public only published panoramas."""

import pytest
from django.urls import reverse

from lanterne.accounts.enums import Role
from tests.accounts.factories import MembershipFactory, UserFactory, applicant

from .factories import ReturnFactory


@pytest.fixture
def other_member(setup):
    return MembershipFactory(
        user=UserFactory(), structure=setup["structures"][1], role=Role.COORDINATOR
    ).user


def _return_url(setup, index=0):
    return reverse(
        "observatory:return",
        args=[setup["campaign"].slug, setup["structures"][index].slug],
    )


def test_member_sees_and_edits_own_return(setup, login):
    """A structure's member opens its own return (created on the first visit)."""
    response = login(setup["member"]).get(_return_url(setup, 1 - 1))
    assert response.status_code == 200
    assert 'name="i' in response.text


def test_member_cannot_see_another_structures_return(setup, other_member, login):
    """Another structure's return is a 404, whether it exists or not."""
    ReturnFactory(campaign=setup["campaign"], structure=setup["structures"][2])
    client = login(other_member)
    assert client.get(_return_url(setup, 0)).status_code == 404
    assert client.get(_return_url(setup, 2)).status_code == 404


def test_outsider_cannot_see_returns_or_completeness(setup, login):
    """An applicant of another structure reaches neither returns nor the completeness matrix."""
    client = login(applicant())
    assert client.get(_return_url(setup)).status_code == 404
    url = reverse("observatory:completeness", args=[setup["campaign"].slug])
    assert client.get(url).status_code == 404


def test_member_cannot_review_nor_manage(setup, login):
    """A structure may not accept its return nor see the completeness matrix."""
    client = login(setup["member"])
    url = reverse(
        "observatory:return_review",
        args=[setup["campaign"].slug, setup["structures"][0].slug],
    )
    assert client.post(url, {"action": "accept"}).status_code == 403
    url = reverse("observatory:completeness", args=[setup["campaign"].slug])
    assert client.get(url).status_code == 403


def test_admin_sees_every_return_read_only(setup, admin_user, login):
    """The network admin reviews any return but does not type for the structure."""
    client = login(admin_user)
    response = client.get(_return_url(setup))
    assert response.status_code == 200
    assert client.post(_return_url(setup), {}).status_code == 403


@pytest.mark.parametrize("fmt", ["", "csv", "xlsx", "json", "pdf", "zip"])
def test_unpublished_panorama_is_404_for_the_public(setup, client, fmt):
    """Before publication nothing of the panorama is public: page and files are 404."""
    slug = setup["campaign"].slug
    url = (
        reverse("observatory:panorama", args=[slug])
        if not fmt
        else reverse("observatory:export", args=[slug, fmt])
    )
    assert client.get(url).status_code == 404
    setup["campaign"].is_published = True
    setup["campaign"].save()
    response = client.get(url)
    assert response.status_code == 200
    # Read to the end: the test client then closes the response (and the workbook's
    # temporary file) without closing the test's database connection.
    if response.streaming:
        b"".join(response.streaming_content)


def test_unpublished_panorama_is_404_for_members_too(setup, login):
    """A reporting structure sees its return, not the consolidation before publication."""
    url = reverse("observatory:panorama", args=[setup["campaign"].slug])
    assert login(setup["member"]).get(url).status_code == 404


def test_admin_previews_unpublished_panorama(setup, admin_user, login):
    url = reverse("observatory:panorama", args=[setup["campaign"].slug])
    response = login(admin_user).get(url)
    assert response.status_code == 200
    assert "n'est pas publié" in response.text
