"""How the dossier pages show a refusal: a stale upload keeps what was typed with the version
now current, a file refused by its content is told beside its field, a removal from a stale
page changes nothing and says why, and acting without the permission is a 403."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanterne.dossiers.models import DossierDocument, DossierMessage, Partner
from tests.calls.factories import call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><head><script>alert(1)</script></head><body></body></html>"


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def test_stale_upload_is_refused_and_the_form_carries_the_current_version(login):
    """A document sent from a page older than the last save is refused with who saved; the
    form now names the current version, and nothing is said beside the (fine) file."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    stale = dossier.version
    dossier.version += 1
    dossier.save(update_fields=["version"])
    response = client.post(
        reverse("dossiers:document_add", args=[dossier.pk]),
        {
            "document-kind": "speaker_cv",
            "document-expected_version": stale,
            "document-file": SimpleUploadedFile("cv.pdf", PDF),
        },
    )
    assert response.status_code == 200
    assert "après que vous l&#x27;avez ouvert" in response.text
    assert f'name="document-expected_version" value="{stale + 1}"' in response.text
    assert 'id="id_document-file_error"' not in response.text
    assert not DossierDocument.objects.filter(dossier=dossier).exists()


def test_attachment_refused_by_its_content_is_told_beside_the_field(login):
    """An HTML page sent as a message's attachment is refused under the attachment field, and
    no message is posted."""
    dossier = DossierFactory(state="submitted")
    client = login(dossier_applicant(dossier))
    response = client.post(
        reverse("dossiers:message", args=[dossier.pk]),
        {
            "message-body": "Voici le devis.",
            "message-attachment": SimpleUploadedFile("devis.pdf", HTML),
        },
    )
    assert response.status_code == 200
    assert 'id="id_message-attachment_error"' in response.text
    assert "text/html" in response.text
    assert not DossierMessage.objects.filter(dossier=dossier).exists()


def test_removal_from_a_stale_page_changes_nothing(login):
    """Deleting a row, or removing a document, from a page older than the last save is
    refused with who saved; back to the row's section, the row still there."""
    dossier = DossierFactory(complete=True, call__open_now=True)
    partner, document = dossier.partners.first(), dossier.documents.get()
    client = login(dossier_applicant(dossier))
    stale = dossier.version
    dossier.version += 1
    dossier.save(update_fields=["version"])
    for url, anchor in (
        (reverse("dossiers:item_delete", args=[dossier.pk, "partner", partner.pk]), "#partners"),
        (reverse("dossiers:document_delete", args=[dossier.pk, document.pk]), "#documents"),
    ):
        response = client.post(url, {"expected_version": stale})
        assert response.status_code == 302
        assert response.url.endswith(anchor)
        assert any("après que vous l'avez ouvert" in m for m in _messages(response))
    assert Partner.objects.filter(pk=partner.pk).exists()
    assert DossierDocument.objects.filter(pk=document.pk).exists()


def test_removal_without_a_version_asks_to_reload(login):
    """A removal that names no version says the page was stale and removes nothing."""
    dossier = DossierFactory(complete=True, call__open_now=True)
    document = dossier.documents.get()
    client = login(dossier_applicant(dossier))
    response = client.post(reverse("dossiers:document_delete", args=[dossier.pk, document.pk]))
    assert response.status_code == 302
    assert response.url.endswith("#documents")
    assert _messages(response) == ["La page était périmée : rechargez-la puis recommencez."]
    assert DossierDocument.objects.filter(pk=document.pk).exists()


def test_the_coordination_reads_but_may_not_edit(login):
    """The call's coordinator sees the draft (200) but its edits, uploads and removals are
    403; nothing changes."""
    dossier = DossierFactory(complete=True, call__open_now=True)
    partner, document = dossier.partners.first(), dossier.documents.get()
    client = login(call_coordinator(dossier.call))
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200
    for url in (
        reverse("dossiers:edit", args=[dossier.pk, "general"]),
        reverse("dossiers:item", args=[dossier.pk, "partner", partner.pk]),
        reverse("dossiers:item_delete", args=[dossier.pk, "partner", partner.pk]),
        reverse("dossiers:document_add", args=[dossier.pk]),
        reverse("dossiers:document_delete", args=[dossier.pk, document.pk]),
    ):
        assert client.post(url, {"expected_version": dossier.version}).status_code == 403, url
    assert Partner.objects.filter(pk=partner.pk).exists()
    assert DossierDocument.objects.filter(pk=document.pk).exists()
