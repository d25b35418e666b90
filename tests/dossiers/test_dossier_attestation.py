"""Submitting a dossier goes through a confirmation that shows what will be frozen, with the
*attestation sur l'honneur* to tick; its text and time are recorded with the submission and
shown on the submitted dossier's page. A dossier sent back says why at the top of its page."""

import pytest
from django.urls import reverse

from lanterne.dossiers import services
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier, DossierTransition
from tests.calls.factories import call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant


@pytest.fixture
def dossier():
    return DossierFactory(complete=True, call__open_now=True, title="Regards croisés")


def _url(dossier):
    return reverse("dossiers:submit", args=[dossier.pk])


def test_confirmation_shows_what_will_be_frozen_and_writes_nothing(dossier, login):
    """The confirmation page shows the content as it will be frozen and the attestation;
    opening it submits nothing."""
    client = login(dossier_applicant(dossier))
    detail = client.get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert f'href="{_url(dossier)}"' in detail
    response = client.get(_url(dossier))
    assert response.status_code == 200
    assert "Ce qui sera déposé" in response.text
    assert "Regards croisés" in response.text
    assert "atteste sur l&#x27;honneur" in response.text
    assert dossier.applicant.name in response.text
    assert 'name="attest"' in response.text
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT


def test_submit_without_the_tick_is_refused_clearly(dossier, login):
    """Without the attestation ticked: not submitted, a clear message linked to the box."""
    client = login(dossier_applicant(dossier))
    response = client.post(_url(dossier), {})
    assert response.status_code == 200
    assert 'id="submit-errors"' in response.text
    assert "Cochez l&#x27;attestation sur l&#x27;honneur" in response.text
    assert 'href="#id_attest"' in response.text
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT
    assert not DossierTransition.objects.filter(dossier=dossier, name="submit").exists()


def test_submit_records_the_attestation_and_shows_it_to_the_coordination(dossier, login):
    """Ticked: submitted; the log row of the submission holds the text that was attested,
    its time is the submission's, and the coordination reads both on the dossier page."""
    applicant = dossier_applicant(dossier)
    client = login(applicant)
    response = client.post(_url(dossier), {"attest": "on"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    step = DossierTransition.objects.get(dossier=dossier, name="submit")
    text = step.details["attestation"]
    assert "atteste sur l'honneur" in text
    assert dossier.applicant.name in text
    assert step.at == dossier.submitted_at
    coordination = login(call_coordinator(dossier.call))
    page = coordination.get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert 'id="attestation"' in page
    assert dossier.applicant.name in page
    assert "Cochée par" in page


def test_submit_refused_by_a_rule_keeps_the_tick_and_names_the_rule(login):
    """A blocking rule fails: not submitted, the rule is named, the box stays ticked."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = client.post(_url(dossier), {"attest": "on"})
    assert response.status_code == 200
    assert "partenariat tripartite :" in response.text
    assert "checked" in response.text[response.text.index('name="attest"') - 200 :][:600]
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT


def test_another_applicant_cannot_open_the_confirmation(dossier, login):
    """Out of scope: the confirmation of another structure's dossier is a 404."""
    other = DossierFactory()
    client = login(dossier_applicant(other))
    assert client.get(_url(dossier)).status_code == 404
    assert client.post(_url(dossier), {"attest": "on"}).status_code == 404


def test_sent_back_dossier_shows_the_reason_at_the_top(dossier, login):
    """The reason the coordination gave heads the page of a dossier sent back."""
    applicant = dossier_applicant(dossier)
    services.dossier_submit(dossier=dossier, by=applicant)
    coordinator = call_coordinator(dossier.call)
    services.dossier_send_back(
        dossier=dossier, by=coordinator, reason="Précisez le nombre de séances."
    )
    text = login(applicant).get(reverse("dossiers:detail", args=[dossier.pk])).text
    start = text.index('id="sent-back"')
    assert start < text.index('id="general-title"')
    assert "Précisez le nombre de séances." in text[start : text.index("</blockquote>", start)]


def test_confirmation_speaks_english_on_the_english_site(dossier, login):
    """On /en/ the confirmation and the attestation to tick are in English."""
    client = login(dossier_applicant(dossier))
    response = client.get(f"/en{_url(dossier)}")
    assert response.status_code == 200
    assert "Declaration on honour" in response.text
    assert "declare on my honour" in response.text
    assert "atteste sur" not in response.text


def test_the_demo_dossiers_carry_their_attestation():
    """The demo's submitted dossiers were submitted with the attestation, shown on their page."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    steps = DossierTransition.objects.filter(name="submit")
    assert steps.exists()
    assert all("atteste sur l'honneur" in step.details.get("attestation", "") for step in steps)
