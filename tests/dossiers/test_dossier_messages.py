"""Messages between applicant and coordination, private notes, and the coordination's
instruction actions on the dossier page."""

from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanterne.committee.services import session_add_dossiers
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier, DossierMessage, DossierNote
from tests.calls.factories import call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant


def _instruct(client, dossier, action, data=None):
    payload = {f"{action}-{k}": v for k, v in (data or {}).items()}
    return client.post(reverse("dossiers:instruct", args=[dossier.pk, action]), payload)


def test_applicant_message_with_attachment_reaches_the_page(login):
    dossier = DossierFactory(state="submitted")
    client = login(dossier_applicant(dossier))
    response = client.post(
        reverse("dossiers:message", args=[dossier.pk]),
        {
            "message-body": "Voici le devis.",
            "message-attachment": SimpleUploadedFile("devis.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    assert response.status_code == 302
    message = DossierMessage.objects.get(dossier=dossier)
    assert not message.from_coordination
    assert message.attachment.original_name == "devis.pdf"
    coordinator = call_coordinator(dossier.call)
    page = login(coordinator).get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert 'id="messages"' in page
    assert "Voici le devis." in page
    assert "devis.pdf" in page


def test_empty_message_is_refused(login):
    dossier = DossierFactory(state="submitted")
    client = login(dossier_applicant(dossier))
    response = client.post(reverse("dossiers:message", args=[dossier.pk]), {"message-body": ""})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.text


def test_private_notes_only_for_the_coordination(login):
    """A coordinator's note is never rendered for the applicant nor a committee member."""
    dossier = DossierFactory(state="under_review")
    coordinator = call_coordinator(dossier.call)
    client = login(coordinator)
    _instruct(client, dossier, "note", {"body": "Porteur fragile, à suivre"})
    assert DossierNote.objects.filter(dossier=dossier).count() == 1
    url = reverse("dossiers:detail", args=[dossier.pk])
    assert "Porteur fragile" in client.get(url).text
    assert "Porteur fragile" not in login(dossier_applicant(dossier)).get(url).text
    session = CommitteeSessionFactory(call=dossier.call)
    session_add_dossiers(session=session, by=coordinator, dossiers=[dossier])
    member = committee_member_of(session)
    page = login(member).get(url)
    assert page.status_code == 200
    assert "Porteur fragile" not in page.text
    assert "Notes internes" not in page.text


def test_applicant_cannot_add_a_note(login):
    dossier = DossierFactory(state="submitted")
    client = login(dossier_applicant(dossier))
    assert _instruct(client, dossier, "note", {"body": "x"}).status_code == 403


def test_review_then_return_with_reason(login):
    """Start review, then return for completion: a reason is required; the applicant may
    edit again."""
    dossier = DossierFactory(state="submitted")
    client = login(call_coordinator(dossier.call))
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert "Commencer l&#x27;instruction" in page or "Commencer l'instruction" in page
    assert _instruct(client, dossier, "start_review").status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.UNDER_REVIEW
    response = _instruct(client, dossier, "return", {"reason": ""})
    assert response.status_code == 200
    assert "Dites au porteur ce qu" in response.text
    _instruct(client, dossier, "return", {"reason": "Joindre le budget de la structure"})
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SENT_BACK
    page = login(dossier_applicant(dossier)).get(reverse("dossiers:detail", args=[dossier.pk]))
    assert "Joindre le budget de la structure" in page.text
    assert "general-expected_version" in page.text


def test_decide_accepted_with_amount(login):
    dossier = DossierFactory(state="in_committee")
    client = login(call_coordinator(dossier.call))
    response = _instruct(client, dossier, "decide", {"decision": "accepted", "amount": ""})
    assert "Indiquez le montant attribué" in response.text
    _instruct(client, dossier, "decide", {"decision": "accepted", "amount": "3 500,00"})
    dossier.refresh_from_db()
    assert dossier.state == DossierState.ACCEPTED
    assert dossier.granted_amount == Decimal("3500.00")


def test_extension_for_a_draft(login):
    """The coordination grants a draft more time; the history records it with its reason."""
    dossier = DossierFactory(call__open_now=True)
    client = login(call_coordinator(dossier.call))
    response = _instruct(
        client, dossier, "extension", {"until": "2099-01-10T12:00", "reason": "Mairie en retard"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.extended_until is not None
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert "Mairie en retard" in page


def test_instruction_actions_hidden_when_impossible(login):
    """An accepted dossier offers no instruction action."""
    dossier = DossierFactory(state="accepted")
    page = login(call_coordinator(dossier.call)).get(reverse("dossiers:detail", args=[dossier.pk]))
    assert "Aucune action d&#x27;instruction possible" in page.text or (
        "Aucune action d'instruction possible" in page.text
    )
    assert "Enregistrer la décision" not in page.text


FORMS = ("Accorder un délai", "Commencer l'instruction", "Renvoyer pour compléments")
DECISION = "Enregistrer la décision"


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        ("draft", {"Accorder un délai"}),
        ("submitted", {"Commencer l'instruction", "Renvoyer pour compléments", DECISION}),
        ("under_review", {"Renvoyer pour compléments", DECISION}),
        ("sent_back", {DECISION}),
        ("in_committee", {DECISION}),
    ],
)
def test_instruction_forms_follow_the_abilities(login, state, shown):
    """The coordination sees the forms of what it may do in the dossier's state: more time for
    a draft only, sending back before the committee, a decision (sans suite included) once
    submitted."""
    dossier = DossierFactory(state=state)
    page = login(call_coordinator(dossier.call)).get(reverse("dossiers:detail", args=[dossier.pk]))
    text = unescape(page.text)
    for label in (*FORMS, DECISION):
        assert (label in text) == (label in shown), (state, label)
