"""Submitting, creating and withdrawing a dossier from its pages."""

import datetime

import time_machine
from django.urls import reverse

from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier, DossierTransition
from tests.accounts.factories import applicant
from tests.calls.factories import CallFactory
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.network.factories import StructureFactory

UTC = datetime.UTC
ATTESTED = {"attest": "on"}


def test_submit_just_before_deadline_across_dst_is_accepted(login):
    """31 Oct 2023 23:59:59 in Paris is 22:59:59 UTC (winter time since 29 Oct): allowed."""
    dossier = DossierFactory(complete=True)
    client = login(dossier_applicant(dossier))
    with time_machine.travel(datetime.datetime(2023, 10, 31, 22, 59, 59, tzinfo=UTC), tick=False):
        response = client.post(reverse("dossiers:submit", args=[dossier.pk]), ATTESTED)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    assert dossier.fingerprint


def test_submit_one_second_after_deadline_is_refused_naming_it(login):
    """At 23:00:00 UTC the Paris deadline has passed: refused, with the deadline to the second."""
    dossier = DossierFactory(complete=True)
    client = login(dossier_applicant(dossier))
    with time_machine.travel(datetime.datetime(2023, 10, 31, 23, 0, 0, tzinfo=UTC), tick=False):
        response = client.post(reverse("dossiers:submit", args=[dossier.pk]), ATTESTED)
    assert response.status_code == 200
    assert "31 octobre 2023 à 23 h 59 (heure de Paris)" in response.text
    assert "ne peut plus être déposé" in response.text
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT


def test_incomplete_dossier_lists_blocking_rules(login):
    """A dossier that fails blocking rules is not submitted; each failing rule is named."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = client.post(reverse("dossiers:submit", args=[dossier.pk]), ATTESTED)
    assert response.status_code == 200
    assert 'id="submit-errors"' in response.text
    assert "partenariat tripartite :" in response.text
    assert "logique de parcours :" in response.text
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT


def test_create_on_open_call(login):
    """An applicant creates a draft on an open call, for its structure."""
    call = CallFactory(open_now=True)
    user = applicant(
        StructureFactory(applicant_commune=True, commune__departement__region=call.region)
    )
    client = login(user)
    url = reverse("dossiers:create", args=[call.slug])
    assert "Créer le dossier" in client.get(url).text
    response = client.post(url, {"title": "Ciné-quartier"})
    dossier = Dossier.objects.get(title="Ciné-quartier")
    assert response.status_code == 302
    assert response.url == reverse("dossiers:detail", args=[dossier.pk])
    assert dossier.call == call
    assert dossier.state == DossierState.DRAFT


def test_create_on_closed_call_is_refused_clearly(login):
    """The 2024 call closed on 31 October 2023: creating a dossier is refused with a message."""
    call = CallFactory()
    client = login(applicant())
    url = reverse("dossiers:create", args=[call.slug])
    assert "pas ouvert aux candidatures" in client.get(url).text
    response = client.post(url, {"title": "Trop tard"})
    assert response.status_code == 200
    assert "pas ouvert aux candidatures" in response.text
    assert not Dossier.objects.filter(title="Trop tard").exists()


def test_create_from_last_years_dossier(login):
    """A returning applicant may start from last year's accepted dossier: its content comes."""
    previous = DossierFactory(state="accepted")
    call = CallFactory(open_now=True, region=previous.call.region, year=2025)
    client = login(dossier_applicant(previous))
    url = reverse("dossiers:create", args=[call.slug])
    assert "Partir du dossier de l" in client.get(url).text
    client.post(url, {"title": "Suite", "from_previous": "on"})
    dossier = Dossier.objects.get(title="Suite")
    assert dossier.previous_dossier == previous
    assert dossier.partners.count() == 3


def test_withdraw_after_confirmation(login):
    """The applicant withdraws its dossier on a confirmation page; the log keeps the reason."""
    dossier = DossierFactory(state="submitted")
    client = login(dossier_applicant(dossier))
    url = reverse("dossiers:withdraw", args=[dossier.pk])
    assert "Confirmer le retrait" in client.get(url).text
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SUBMITTED
    response = client.post(url, {"reason": "Projet reporté"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.WITHDRAWN
    log = DossierTransition.objects.filter(dossier=dossier).last()
    assert log.reason == "Projet reporté"
    assert "Projet reporté" in client.get(reverse("dossiers:detail", args=[dossier.pk])).text
