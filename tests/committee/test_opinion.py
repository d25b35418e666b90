"""A member gives its opinion on a dossier once: verdict, comment, proposed amount (French
comma accepted). Given, it is shown read-only and a second one is refused."""

from decimal import Decimal

from django.urls import reverse

from lanterne.committee.models import Opinion
from tests.calls.factories import call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory


def _setup():
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, state="in_committee")
    session.dossiers.add(dossier)
    return session, dossier, reverse("committee:dossier", args=[session.pk, dossier.pk])


def test_member_gives_an_opinion_with_a_french_amount(login):
    """« 3 500,50 » is read as 3500.50 €; the opinion is then shown read-only."""
    session, _dossier, url = _setup()
    client = login(committee_member_of(session))
    response = client.post(
        url, {"verdict": "favourable", "comment": "Beau projet", "proposed_amount": "3500,50"}
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.proposed_amount == Decimal("3500.50")
    assert opinion.verdict == "favourable"
    page = client.get(url).text
    assert "Un avis donné ne peut plus être modifié" in page
    assert 'name="verdict"' not in page


def test_second_opinion_is_refused_with_a_message(login):
    """A second POST does not change the opinion and says why."""
    session, _dossier, url = _setup()
    client = login(committee_member_of(session))
    client.post(url, {"verdict": "favourable", "proposed_amount": "4000"})
    response = client.post(url, {"verdict": "unfavourable", "proposed_amount": "0"})
    assert response.status_code == 200
    assert "Vous avez déjà donné votre avis sur ce dossier" in response.text
    opinion = Opinion.objects.get()
    assert opinion.verdict == "favourable"
    assert opinion.proposed_amount == Decimal("4000")


def test_bad_amount_keeps_what_was_typed(login):
    """An unreadable amount: a message, no opinion, the comment kept."""
    session, _dossier, url = _setup()
    response = login(committee_member_of(session)).post(
        url, {"verdict": "reserved", "comment": "À revoir", "proposed_amount": "beaucoup"}
    )
    assert response.status_code == 200
    assert "Saisissez un nombre" in response.text
    assert "À revoir" in response.text
    assert not Opinion.objects.exists()


def test_coordinator_reads_but_does_not_give_opinions(login):
    """The coordinator sees the dossier page without a form; posting is 403."""
    session, _dossier, url = _setup()
    client = login(call_coordinator(session.call))
    assert 'name="verdict"' not in client.get(url).text
    assert client.post(url, {"verdict": "favourable"}).status_code == 403
    assert not Opinion.objects.exists()
