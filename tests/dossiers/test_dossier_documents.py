"""Documents are judged by their content, stored privately and served only to readers of the
dossier, as downloads."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from lanterne.dossiers.models import DossierDocument
from tests.accounts.factories import applicant
from tests.dossiers.factories import DossierFactory, dossier_applicant

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _upload(client, dossier, name, content, kind="speaker_cv"):
    return client.post(
        reverse("dossiers:document_add", args=[dossier.pk]),
        {
            "document-kind": kind,
            "document-expected_version": dossier.version,
            "document-file": SimpleUploadedFile(name, content),
        },
    )


def test_pdf_is_added_and_listed(login):
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = _upload(client, dossier, "cv.pdf", PDF)
    assert response.status_code == 302
    document = DossierDocument.objects.get(dossier=dossier)
    assert document.content_type == "application/pdf"
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert reverse("dossiers:document", args=[dossier.pk, document.pk]) in page


def test_png_named_pdf_is_stored_as_png(login):
    """The type comes from the content: a PNG named .pdf is accepted as a PNG."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    assert _upload(client, dossier, "cv.pdf", _png()).status_code == 302
    assert DossierDocument.objects.get(dossier=dossier).content_type == "image/png"


def test_html_named_pdf_is_refused_next_to_the_field(login):
    """An HTML page renamed .pdf is refused, the reason shown under the file field."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    html = b"<!DOCTYPE html><html><head><script>alert(1)</script></head><body></body></html>"
    response = _upload(client, dossier, "cv.pdf", html)
    assert response.status_code == 200
    assert 'id="id_document-file_error"' in response.text
    assert "text/html" in response.text
    assert not DossierDocument.objects.filter(dossier=dossier).exists()


@override_settings(UPLOAD_MAX_BYTES=50)
def test_too_big_is_refused_with_the_limit(login):
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = _upload(client, dossier, "cv.pdf", PDF + b" " * 100)
    assert response.status_code == 200
    assert "la taille maximale est 50" in response.text
    assert not DossierDocument.objects.filter(dossier=dossier).exists()


def test_download_is_an_attachment_with_the_sniffed_type(login):
    """The document comes as an attachment, typed by its content, and is never cached."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    _upload(client, dossier, "photo.pdf", _png())
    document = DossierDocument.objects.get(dossier=dossier)
    response = client.get(reverse("dossiers:document", args=[dossier.pk, document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    # A private document: no proxy nor the browser's cache keeps a copy.
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == _png()


def test_another_applicant_gets_404(login):
    """Another applicant cannot download a dossier's document, nor learn that it exists."""
    dossier = DossierFactory(complete=True)
    document = dossier.documents.get()
    client = login(applicant())
    response = client.get(reverse("dossiers:document", args=[dossier.pk, document.pk]))
    assert response.status_code == 404


def test_document_is_removed(login):
    dossier = DossierFactory(complete=True, call__open_now=True)
    document = dossier.documents.get()
    client = login(dossier_applicant(dossier))
    response = client.post(
        reverse("dossiers:document_delete", args=[dossier.pk, document.pk]),
        {"expected_version": dossier.version},
    )
    assert response.status_code == 302
    assert not DossierDocument.objects.filter(pk=document.pk).exists()
