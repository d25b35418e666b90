"""The coordinator records the decision from the session page; the applicant is e-mailed
(an accepted dossier's e-mail names the cerfa to send to the DRAC)."""

from decimal import Decimal

from django.core import mail
from django.urls import reverse

from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from tests.calls.factories import call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant


def _setup():
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, state="in_committee")
    session.dossiers.add(dossier)
    return session, dossier, reverse("committee:decide", args=[session.pk, dossier.pk])


def test_accepting_emails_the_applicant_about_the_cerfa(login, django_capture_on_commit_callbacks):
    """Accepted with 3 500,00 €: state, amount, and an e-mail mentioning the cerfa."""
    session, dossier, url = _setup()
    owner = dossier_applicant(dossier)
    client = login(call_coordinator(session.call))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {f"d{dossier.pk}-decision": "accepted", f"d{dossier.pk}-amount": "3500,00"}
        )
    assert response.status_code == 302
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.state == DossierState.ACCEPTED
    assert dossier.granted_amount == Decimal("3500.00")
    sent = [m for m in mail.outbox if owner.email in m.to]
    assert sent and "cerfa" in sent[0].body


def test_accepting_without_an_amount_is_refused(login):
    """No amount for an accepted dossier: the service's message, nothing decided."""
    session, dossier, url = _setup()
    response = login(call_coordinator(session.call)).post(
        url, {f"d{dossier.pk}-decision": "accepted", f"d{dossier.pk}-reason": "Très bon projet"}
    )
    assert response.status_code == 200
    assert "Indiquez le montant attribué." in response.text
    assert "Très bon projet" in response.text
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.IN_COMMITTEE


def test_members_do_not_decide(login):
    """A committee member may not record the decision (403)."""
    session, dossier, url = _setup()
    response = login(committee_member_of(session)).post(url, {f"d{dossier.pk}-decision": "refused"})
    assert response.status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.IN_COMMITTEE
