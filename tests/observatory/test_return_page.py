"""Filling a return over several visits: what was typed is kept on error; messages in French."""

from html import unescape

from django.urls import reverse

from lanterne.observatory.enums import ReturnState
from lanterne.observatory.models import Return, Value
from lanterne.observatory.services import return_accept, return_save, return_submit

from .conftest import full_entries


def _form_data(indicators, **overrides):
    data = {}
    values = {
        "total": 100,
        "relays": 7,
    }
    data[f"i{indicators['total'].pk}_amount"] = values["total"]
    for part, amount in zip(indicators["parts"], (50, 30, 20), strict=True):
        data[f"i{part.pk}_amount"] = amount
    data[f"i{indicators['relays'].pk}_amount"] = values["relays"]
    data[f"i{indicators['partners'].pk}_not_transmitted"] = "on"
    data[f"i{indicators['partners'].pk}_comment"] = "Chiffres en cours de collecte"
    data.update(overrides)
    return data


def test_fill_save_and_submit(setup, login):
    """The structure saves its figures, then submits with one non transmis."""
    client = login(setup["member"])
    campaign, structure = setup["campaign"], setup["structures"][0]
    url = reverse("observatory:return", args=[campaign.slug, structure.slug])
    response = client.post(url, _form_data(setup["indicators"]))
    assert response.status_code == 302
    assert Value.objects.filter(value_return__structure=structure).count() == 6
    partners = Value.objects.get(indicator=setup["indicators"]["partners"])
    assert partners.amount is None and partners.comment == "Chiffres en cours de collecte"
    response = client.post(
        reverse("observatory:return_submit", args=[campaign.slug, structure.slug])
    )
    assert Return.objects.get(structure=structure).state == ReturnState.SUBMITTED
    response = client.get(url)
    assert "non transmis" in response.text


def test_errors_keep_what_was_typed(setup, login):
    """A breakdown that does not add up is refused; the typed values are shown again."""
    client = login(setup["member"])
    ind = setup["indicators"]
    url = reverse("observatory:return", args=[setup["campaign"].slug, setup["structures"][0].slug])
    data = _form_data(ind, **{f"i{ind['parts'][2].pk}_amount": 21})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "La décomposition (101) ne correspond pas au total (100)." in response.text
    assert 'value="21"' in response.text
    assert not Value.objects.exists()


def test_negative_value_refused(setup, login):
    client = login(setup["member"])
    ind = setup["indicators"]
    url = reverse("observatory:return", args=[setup["campaign"].slug, setup["structures"][0].slug])
    response = client.post(url, {f"i{ind['relays'].pk}_amount": -3})
    assert "Saisissez un nombre positif ou nul." in response.text


def test_admin_accepts_then_panorama_counts(setup, admin_user, login, client):
    """Accepted figures enter the panorama with their coverage; missing shows non transmis."""
    member_client = login(setup["member"])
    campaign, structure = setup["campaign"], setup["structures"][0]
    member_client.post(
        reverse("observatory:return", args=[campaign.slug, structure.slug]),
        _form_data(setup["indicators"]),
    )
    member_client.post(reverse("observatory:return_submit", args=[campaign.slug, structure.slug]))
    admin_client = login(admin_user)
    admin_client.post(
        reverse("observatory:return_review", args=[campaign.slug, structure.slug]),
        {"action": "accept"},
    )
    assert Return.objects.get(structure=structure).state == ReturnState.ACCEPTED
    response = admin_client.get(reverse("observatory:panorama", args=[campaign.slug]))
    assert "1 sur 3 structures" in response.text
    assert "non transmis" in response.text


def test_second_accept_answers_with_a_message(setup, admin_user, login):
    """Accepting a return twice (a double click, two admins) says why, never a 500."""
    value_return = setup["return"]
    return_save(
        value_return=value_return, entries=full_entries(setup["indicators"]), by=setup["member"]
    )
    return_submit(value_return=value_return, by=setup["member"])
    return_accept(value_return=value_return, by=admin_user)
    campaign, structure = setup["campaign"], setup["structures"][0]
    client = login(admin_user)
    client.raise_request_exception = False
    response = client.post(
        reverse("observatory:return_review", args=[campaign.slug, structure.slug]),
        {"action": "accept"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Le retour est accepté : cette action n'est pas possible." in unescape(response.text)
    assert value_return.transitions.count() == 2
