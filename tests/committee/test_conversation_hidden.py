"""A committee member judges the dossier as it was submitted — its content, eligibility,
budget and pieces — and never reads the conversation between the applicant and the
coordination (messages and their attachments) nor the coordination's private notes: not on the
dossier page, its htmx fragment, the committee's page, the PDF, the document downloads nor the
API."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from lanterne.core.money import format_euros
from lanterne.dossiers import services
from lanterne.dossiers.models import Dossier, DossierNote
from lanterne.www.dossiers.views.pdf import print_html
from tests.accounts.factories import pass_second_factor
from tests.calls.factories import call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant

MESSAGE = "Le maire hésite encore à soutenir"
NOTE = "Porteur fragile, à suivre de près"


@pytest.fixture
def judged():
    """A dossier in committee, with a message carrying an attachment and a private note."""
    session = CommitteeSessionFactory()
    dossier = DossierFactory(call=session.call, state="in_committee")
    session.dossiers.add(dossier)
    coordinator = call_coordinator(dossier.call)
    message = services.message_post(
        dossier=dossier,
        by=dossier_applicant(dossier),
        body=MESSAGE,
        attachment=SimpleUploadedFile("courrier-mairie.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    DossierNote.objects.create(dossier=dossier, author=coordinator, body=NOTE)
    member = committee_member_of(session)
    return {
        "session": session,
        "dossier": dossier,
        "member": member,
        "coordinator": coordinator,
        "attachment": message.attachment,
        "piece": dossier.documents.get(original_name="cv.pdf"),
    }


def _no_conversation(text: str) -> None:
    assert MESSAGE not in text
    assert NOTE not in text
    assert "courrier-mairie.pdf" not in text


def test_member_reads_the_dossier_page_without_messages_notes_or_attachments(login, judged):
    """The dossier page shows the member the frozen content, its eligibility, budget and
    pieces, and nothing of the conversation nor the notes."""
    dossier = judged["dossier"]
    response = login(judged["member"]).get(reverse("dossiers:detail", args=[dossier.pk]))
    assert response.status_code == 200
    _no_conversation(response.text)
    assert 'id="messages"' not in response.text
    assert 'id="notes"' not in response.text
    assert "Contenu déposé le" in response.text
    assert 'id="eligibility"' in response.text
    assert format_euros(Decimal("10000")) in response.text
    assert reverse("dossiers:document", args=[dossier.pk, judged["piece"].pk]) in response.text
    assert reverse("dossiers:audit", args=[dossier.pk]) not in response.text


def test_the_coordination_still_reads_the_conversation(login, judged):
    """The same page, for the call's coordination: messages, attachment and notes are there."""
    dossier = judged["dossier"]
    text = login(judged["coordinator"]).get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert MESSAGE in text
    assert NOTE in text
    assert "courrier-mairie.pdf" in text


def test_member_reads_the_frozen_submission_not_later_changes(login, judged):
    """What the member reads is what was submitted: a change of the live rows afterwards
    (here written behind the workflow's back) does not reach the member's page."""
    dossier = judged["dossier"]
    Dossier.objects.filter(pk=dossier.pk).update(title="Titre changé après le dépôt")
    text = login(judged["member"]).get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert "Titre changé après le dépôt" not in text
    assert dossier.title in text


def test_member_gets_the_eligibility_fragment(login, judged):
    """The htmx eligibility fragment answers the member (the verdict at submission: see
    `test_frozen_verdict`) and says nothing of the conversation."""
    dossier = judged["dossier"]
    response = login(judged["member"]).get(reverse("dossiers:eligibility", args=[dossier.pk]))
    assert response.status_code == 200
    assert 'id="eligibility"' in response.text
    _no_conversation(response.text)


def test_member_cannot_download_a_message_attachment_but_gets_the_pieces(login, judged):
    """A message's attachment is a 404 for the member; the dossier's pieces download."""
    dossier = judged["dossier"]
    client = login(judged["member"])
    attachment = reverse("dossiers:document", args=[dossier.pk, judged["attachment"].pk])
    assert client.get(attachment).status_code == 404
    piece = client.get(reverse("dossiers:document", args=[dossier.pk, judged["piece"].pk]))
    assert piece.status_code == 200
    assert b"".join(piece.streaming_content).startswith(b"%PDF")


def test_coordination_and_applicant_download_the_attachment(login, judged):
    """Those who write the conversation read its attachments."""
    dossier = judged["dossier"]
    url = reverse("dossiers:document", args=[dossier.pk, judged["attachment"].pk])
    assert login(judged["coordinator"]).get(url).status_code == 200
    assert login(dossier_applicant(dossier)).get(url).status_code == 200


def test_member_cannot_post_a_message(login, judged):
    """Writing to the conversation is refused to the member (403), and nothing is written."""
    dossier = judged["dossier"]
    response = login(judged["member"]).post(
        reverse("dossiers:message", args=[dossier.pk]), {"message-body": "Bonjour"}
    )
    assert response.status_code == 403
    assert dossier.messages.count() == 1


def test_committee_page_lists_pieces_but_no_attachment(login, judged):
    """The committee's page of the dossier: content, pieces, never the conversation."""
    session, dossier = judged["session"], judged["dossier"]
    # An attachment sent before the submission is in the frozen list of documents.
    Dossier.objects.filter(pk=dossier.pk).update(
        submitted_content={
            **dossier.submitted_content,
            "documents": [
                *dossier.submitted_content["documents"],
                {
                    "kind": "other",
                    "kind_label": "autre pièce",
                    "name": "courrier-mairie.pdf",
                    "sha256": judged["attachment"].sha256,
                    "size": 10,
                },
            ],
        }
    )
    response = login(judged["member"]).get(
        reverse("committee:dossier", args=[session.pk, dossier.pk])
    )
    assert response.status_code == 200
    _no_conversation(response.text)
    assert "cv.pdf" in response.text
    text = login(judged["member"]).get(reverse("dossiers:detail", args=[dossier.pk])).text
    _no_conversation(text)
    assert "cv.pdf" in text


def test_printed_dossier_has_no_conversation(judged):
    """The PDF's HTML for the member lists the pieces, not the attachment nor the notes."""
    dossier = Dossier.objects.for_content().get(pk=judged["dossier"].pk)
    html = print_html(dossier, judged["member"])
    _no_conversation(html)
    assert "cv.pdf" in html


def test_api_gives_the_member_no_message_note_or_attachment(judged):
    """The API's dossier: its pieces' metadata, never the conversation nor the notes."""
    dossier = judged["dossier"]
    api = APIClient()
    api.force_login(judged["member"])
    pass_second_factor(api, judged["member"])
    response = api.get(f"/api/v1/dossiers/{dossier.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert "messages" not in data
    assert "notes" not in data
    assert data["abilities"]["view"] is True
    assert data["abilities"]["view_messages"] is False
    assert data["abilities"]["view_notes"] is False
    assert [d["original_name"] for d in data["documents"]] == ["cv.pdf"]
    _no_conversation(response.text)
    listed = api.get("/api/v1/dossiers/").text
    _no_conversation(listed)
