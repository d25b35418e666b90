"""Only the network admin defines campaigns and indicators; others get 403, or the login."""

import pytest
from django.urls import reverse

from tests.accounts.factories import applicant, coordinator

from .factories import IndicatorFactory


def _urls(campaign, indicator):
    slug = campaign.slug
    return [
        ("get", reverse("observatory:campaign_create")),
        ("post", reverse("observatory:campaign_create")),
        ("get", reverse("observatory:campaign_edit", args=[slug])),
        ("post", reverse("observatory:campaign_edit", args=[slug])),
        ("get", reverse("observatory:indicator_create", args=[slug])),
        ("post", reverse("observatory:indicator_create", args=[slug])),
        ("get", reverse("observatory:indicator_edit", args=[slug, indicator.pk])),
        ("post", reverse("observatory:indicator_edit", args=[slug, indicator.pk])),
        ("post", reverse("observatory:indicator_delete", args=[slug, indicator.pk])),
    ]


@pytest.mark.parametrize("who", ["member", "coordinator", "applicant"])
def test_others_get_403(who, setup, login):
    """A reporting structure's member, a coordinator and an applicant may not manage campaigns
    (the campaign is published, so they see it: refused, not hidden)."""
    campaign = setup["campaign"]
    campaign.is_published = True
    campaign.save()
    user = {"member": setup["member"], "coordinator": coordinator(), "applicant": applicant()}[who]
    client = login(user)
    for method, url in _urls(campaign, setup["indicators"]["total"]):
        assert getattr(client, method)(url).status_code == 403, (method, url)
    assert campaign.indicators.count() == 6


def test_unpublished_campaign_is_404_outside_its_structures(setup, login):
    """An applicant does not learn that an unpublished campaign exists."""
    url = reverse("observatory:campaign_edit", args=[setup["campaign"].slug])
    assert login(applicant()).get(url).status_code == 404


def test_anonymous_is_sent_to_the_login(setup, client):
    """Nothing of these pages is public."""
    for method, url in _urls(setup["campaign"], setup["indicators"]["total"]):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert response.url.startswith(reverse("accounts:login")), url


def test_an_indicator_of_another_campaign_is_404(setup, admin_user, login):
    """An indicator is reached through its own campaign only."""
    other = IndicatorFactory()
    url = reverse("observatory:indicator_edit", args=[setup["campaign"].slug, other.pk])
    assert login(admin_user).get(url).status_code == 404


def test_links_for_the_network_admin_only(setup, admin_user, login):
    """The index and the completeness page lead the admin to these pages; not a member."""
    campaign = setup["campaign"]
    edit = reverse("observatory:campaign_edit", args=[campaign.slug])
    create = reverse("observatory:campaign_create")
    client = login(admin_user)
    index = client.get(reverse("observatory:index")).text
    assert edit in index and create in index
    assert edit in client.get(reverse("observatory:completeness", args=[campaign.slug])).text
    index = login(setup["member"]).get(reverse("observatory:index")).text
    assert edit not in index and create not in index
