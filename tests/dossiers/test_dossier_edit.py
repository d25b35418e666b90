"""Each section of a draft is saved through the services, naming the version it was shown
from; a save based on an outdated version is refused and the typed input kept."""

from decimal import Decimal

from django.urls import reverse

from lanterne.calls.enums import FilmListKind
from lanterne.dossiers.enums import ActionType
from lanterne.dossiers.models import BudgetLine, Dossier, Partner, PlannedAction
from tests.calls.factories import film
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.territories.factories import CommuneFactory, QpvFactory


def _edit(client, dossier, section, data, version=None):
    version = dossier.version if version is None else version
    payload = {f"{section}-{k}": v for k, v in data.items()}
    payload[f"{section}-expected_version"] = version
    return client.post(reverse("dossiers:edit", args=[dossier.pk, section]), payload)


def test_general_section_is_saved(login):
    """The applicant saves the title, note d'intention and first-contact date."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = _edit(
        client,
        dossier,
        "general",
        {"title": "Regards croisés", "intention": "Un parcours.", "first_contact_on": "2024-09-20"},
    )
    assert response.status_code == 302
    assert response.url.endswith("#general")
    dossier.refresh_from_db()
    assert dossier.title == "Regards croisés"
    assert dossier.intention == "Un parcours."
    assert dossier.version == 2


def test_concurrent_edit_is_refused_and_input_kept(login, client):
    """Two people open version N; the first saves; the second save is refused with a message
    and what the second person typed is still in the form."""
    dossier = DossierFactory(call__open_now=True)
    first, second = dossier_applicant(dossier), dossier_applicant(dossier)
    version = dossier.version
    login(first)
    assert _edit(client, dossier, "general", {"title": "Version A"}, version).status_code == 302
    login(second)
    response = _edit(
        client, dossier, "general", {"title": "Version B", "intention": "Mon texte"}, version
    )
    assert response.status_code == 200
    assert "après que vous l&#x27;avez ouvert" in response.text
    assert 'value="Version B"' in response.text
    assert "Mon texte" in response.text
    # The form now carries the current version, so that saving again goes through.
    assert f'name="general-expected_version" value="{version + 1}"' in response.text
    dossier.refresh_from_db()
    assert dossier.title == "Version A"


def test_invalid_public_keeps_input(login):
    """Ages in the wrong order get a French message; what was typed stays."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = _edit(client, dossier, "public", {"age_min": "25", "age_max": "12"})
    assert response.status_code == 200
    assert "L&#x27;âge maximum doit être supérieur" in response.text
    assert 'name="public-age_min" value="25"' in response.text
    dossier.refresh_from_db()
    assert dossier.age_min is None


def test_territories_by_insee_code_and_qpv_of_those_communes(login):
    """Communes are given by name and INSEE code, or INSEE code; QPVs must lie in them."""
    dossier = DossierFactory(call__open_now=True)
    commune = CommuneFactory(code="31555", name="Toulouse")
    other = CommuneFactory(code="2A004", name="Ajaccio")
    qpv, far_qpv = QpvFactory(), QpvFactory()
    qpv.communes.add(commune)
    far_qpv.communes.add(other)
    client = login(dossier_applicant(dossier))
    response = _edit(
        client,
        dossier,
        "territories",
        {"communes": f"{commune.name} ({commune.code})", "qpvs": [far_qpv.code]},
    )
    assert response.status_code == 200
    assert "ne sont dans aucune des communes choisies" in response.text
    response = _edit(client, dossier, "territories", {"communes": commune.code, "qpvs": [qpv.code]})
    assert response.status_code == 302
    assert list(dossier.communes.all()) == [commune]
    assert list(dossier.qpvs.all()) == [qpv]


def test_unknown_insee_code_is_named(login):
    """An INSEE code that does not exist is named in the error, and the text is kept."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = _edit(client, dossier, "territories", {"communes": "99999"})
    assert "Aucune commune ne correspond à « 99999 »" in response.text
    assert "99999</textarea>" in response.text


def test_budget_amount_with_french_decimal_comma(login):
    """« 1 234,56 » typed in French is stored as 1234.56 €, and totals are shown."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = _edit(
        client,
        dossier,
        "expense",
        {"category": "speakers", "label": "Réalisatrice", "amount": "1234,56"},
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get(dossier=dossier)
    assert line.amount == Decimal("1234.56")
    assert line.side == "expense"
    dossier.refresh_from_db()
    response = _edit(
        client, dossier, "resource", {"funder": "drac", "label": "DRAC", "amount": "1000,00"}
    )
    assert response.status_code == 302
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert "1\xa0234,56 €" in page
    assert "-234,56 €" in page  # the balance
    dossier.refresh_from_db()
    assert _edit(client, dossier, "structure_budget", {"structure_budget_total": "85 000,50"})
    dossier.refresh_from_db()
    assert dossier.structure_budget_total == Decimal("85000.50")


def test_bad_amount_is_refused_in_french(login):
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = _edit(
        client, dossier, "expense", {"category": "speakers", "label": "X", "amount": "douze"}
    )
    assert response.status_code == 200
    assert "Saisissez un nombre" in response.text
    assert 'value="douze"' in response.text


def test_screening_film_must_come_from_matching_list(login):
    """An open-air screening takes a film of the open-air list, not of the accompanied one."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    wrong = film(dossier.call, FilmListKind.ACCOMPANIED)
    right = film(dossier.call, FilmListKind.OPEN_AIR)
    data = {"action_type": ActionType.OPEN_AIR, "title": "Plein air au parc", "film": wrong.pk}
    response = _edit(client, dossier, "action", data)
    assert response.status_code == 200
    assert "n&#x27;est pas dans la liste" in response.text
    response = _edit(client, dossier, "action", {**data, "film": right.pk})
    assert response.status_code == 302
    assert PlannedAction.objects.get(dossier=dossier).film == right


def test_partner_add_edit_delete(login):
    """Partners are added, changed on their own page and deleted, each time by version."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    _edit(client, dossier, "partner", {"role": "cultural", "name": "Association Regards"})
    partner = Partner.objects.get(dossier=dossier)
    dossier.refresh_from_db()
    url = reverse("dossiers:item", args=[dossier.pk, "partner", partner.pk])
    assert "Association Regards" in client.get(url).text
    response = client.post(
        url,
        {
            "partner-role": "diffusion",
            "partner-name": "Cinéma Le Régent",
            "partner-expected_version": dossier.version,
        },
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "Cinéma Le Régent"
    dossier.refresh_from_db()
    delete = reverse("dossiers:item_delete", args=[dossier.pk, "partner", partner.pk])
    assert client.post(delete, {"expected_version": dossier.version}).status_code == 302
    assert not Partner.objects.filter(dossier=dossier).exists()


def test_item_of_another_dossier_is_404(login):
    """An item URL naming another dossier's row does not exist."""
    dossier = DossierFactory(call__open_now=True)
    other = DossierFactory(complete=True, call=dossier.call)
    client = login(dossier_applicant(dossier))
    partner = other.partners.first()
    url = reverse("dossiers:item", args=[dossier.pk, "partner", partner.pk])
    assert client.get(url).status_code == 404


def test_frozen_dossier_refuses_edits(login):
    """After submission, edit POSTs are refused and nothing changes."""
    dossier = DossierFactory(state="submitted")
    client = login(dossier_applicant(dossier))
    response = _edit(client, dossier, "general", {"title": "Changé"})
    assert response.status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).title == dossier.title
