"""Transmitting a return from its form keeps what was typed: saved then transmitted, or
refused with the input shown again and each error beside its indicator; the follow-up page
links only to returns that exist."""

from django.urls import reverse

from lanterne.observatory.enums import ReturnState
from lanterne.observatory.models import Return, Value
from lanterne.observatory.services import return_save, return_send_back, return_submit

from .conftest import full_entries
from .test_return_page import _form_data


def _url(setup):
    return reverse("observatory:return", args=[setup["campaign"].slug, setup["structures"][0].slug])


def test_transmit_saves_then_transmits(setup, login):
    """A complete form sent with « transmettre » is saved, then transmitted."""
    client = login(setup["member"])
    response = client.post(_url(setup), {**_form_data(setup["indicators"]), "transmit": "1"})
    assert response.status_code == 302
    value_return = Return.objects.get(structure=setup["structures"][0])
    assert value_return.state == ReturnState.SUBMITTED
    assert Value.objects.filter(value_return=value_return).count() == 6


def test_transmit_with_a_refused_value_keeps_the_input(setup, login):
    """A breakdown that does not add up: nothing saved nor transmitted, the input shown again
    with the error beside the field and linked from the summary."""
    client = login(setup["member"])
    ind = setup["indicators"]
    data = {**_form_data(ind, **{f"i{ind['parts'][2].pk}_amount": 21}), "transmit": "1"}
    response = client.post(_url(setup), data)
    assert response.status_code == 200
    assert 'value="21"' in response.text
    assert "Le retour n&#x27;est pas transmis" in response.text
    assert f'href="#id_i{ind["total"].pk}_amount"' in response.text
    assert not Value.objects.exists()
    assert Return.objects.get(structure=setup["structures"][0]).state == ReturnState.DRAFT


def test_transmit_of_an_incomplete_return_saves_it_and_says_what_is_missing(setup, login):
    """An indicator left blank: what was typed is saved, the return stays a draft, and the
    page names the gap beside its field."""
    client = login(setup["member"])
    ind = setup["indicators"]
    data = _form_data(ind)
    data.pop(f"i{ind['partners'].pk}_not_transmitted")
    response = client.post(_url(setup), {**data, "transmit": "1"})
    assert response.status_code == 200
    assert "Votre saisie est enregistrée, mais le retour n&#x27;est pas transmis." in response.text
    assert f'href="#id_i{ind["partners"].pk}_amount"' in response.text
    value_return = Return.objects.get(structure=setup["structures"][0])
    assert value_return.state == ReturnState.DRAFT
    assert Value.objects.filter(value_return=value_return).count() == 5


def test_another_structure_cannot_transmit(setup, login):
    """A member of another structure does not reach this return."""
    from lanterne.accounts.enums import Role
    from tests.accounts.factories import MembershipFactory, UserFactory

    other = MembershipFactory(
        user=UserFactory(), structure=setup["structures"][1], role=Role.COORDINATOR
    ).user
    client = login(other)
    response = client.post(_url(setup), {**_form_data(setup["indicators"]), "transmit": "1"})
    assert response.status_code in (403, 404)
    assert Return.objects.get(structure=setup["structures"][0]).state == ReturnState.DRAFT


def test_sent_back_return_shows_the_reason_at_the_top(setup, admin_user, login):
    """The network's reason heads the return page while it is to be corrected."""
    value_return = setup["return"]
    return_save(
        value_return=value_return, entries=full_entries(setup["indicators"]), by=setup["member"]
    )
    return_submit(value_return=value_return, by=setup["member"])
    return_send_back(value_return=value_return, reason="Le total semble bas.", by=admin_user)
    text = login(setup["member"]).get(_url(setup)).text
    start = text.index('id="sent-back"')
    assert "Le total semble bas." in text[start : text.index("</blockquote>", start)]


def test_follow_up_links_only_to_returns_that_exist(setup, admin_user, login):
    """The follow-up page links each structure that has a return; the others are named
    without a link, and every link answers."""
    client = login(admin_user)
    campaign = setup["campaign"]
    response = client.get(reverse("observatory:completeness", args=[campaign.slug]))
    assert response.status_code == 200
    for structure in setup["structures"]:
        url = reverse("observatory:return", args=[campaign.slug, structure.slug])
        has_return = Return.objects.filter(campaign=campaign, structure=structure).exists()
        assert (f'href="{url}"' in response.text) == has_return
        if has_return:
            assert client.get(url).status_code == 200
    assert setup["structures"][2].name in response.text
