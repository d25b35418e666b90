"""Private documents on an S3-compatible store: uploads land in the bucket, privately, and are
served only through the access-checked download view (moto's S3 server stands in for the store)."""

import io
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from config.settings.base import s3_storage
from lanterne.dossiers import services
from lanterne.dossiers.models import DossierDocument
from tests.accounts.factories import applicant
from tests.calls.factories import call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.ops.s3 import S3_CREDENTIALS, S3_REGION, s3_client

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def s3_private(s3_server):
    """A fresh bucket, and STORAGES["private"] built from the environment variables an operator
    would set, pointing at it."""
    bucket = f"lanterne-private-{uuid.uuid4().hex[:12]}"
    environ = {
        "S3_ENDPOINT_URL": s3_server,
        "S3_REGION": S3_REGION,
        "S3_ADDRESSING_STYLE": "path",
        "PRIVATE_S3_PREFIX": "documents",
        **S3_CREDENTIALS,
    }
    client = s3_client(s3_server)
    client.create_bucket(Bucket=bucket)
    storages = {**settings.STORAGES, "private": s3_storage(environ, bucket=bucket, private=True)}
    # A FileField resolves its storage callable once, when models load: make it follow the
    # override, then the storage that the restored setting builds.
    field = DossierDocument._meta.get_field("file")
    try:
        with override_settings(STORAGES=storages):
            field.storage = field._storage_callable()
            yield {"client": client, "bucket": bucket, "url": f"{s3_server}/{bucket}"}
    finally:
        field.storage = field._storage_callable()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def _stored_objects(s3_private) -> dict[str, bytes]:
    client, bucket = s3_private["client"], s3_private["bucket"]
    listing = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for item in listing
    }


def _download(client, document):
    return client.get(reverse("dossiers:document", args=[document.dossier_id, document.pk]))


def test_uploaded_document_lands_in_the_bucket(login, s3_private):
    """A document uploaded on the dossier page is stored in the bucket under the prefix, by its
    checksum (no personal data in the key), byte for byte."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = client.post(
        reverse("dossiers:document_add", args=[dossier.pk]),
        {
            "document-kind": "speaker_cv",
            "document-expected_version": dossier.version,
            "document-file": SimpleUploadedFile("cv de Jeanne Martin.pdf", PDF),
        },
    )
    assert response.status_code == 302
    document = DossierDocument.objects.get(dossier=dossier)
    assert _stored_objects(s3_private) == {f"documents/{document.file.name}": PDF}
    assert "Jeanne" not in document.file.name


def test_coordinator_downloads_through_the_access_checked_view(login, s3_private):
    """The coordinator gets the very bytes, as an attachment that the browser must not sniff,
    streamed by the view (no redirect to the store)."""
    dossier = DossierFactory(call__open_now=True)
    document = services.dossier_add_document(
        dossier=dossier,
        expected_version=None,
        by=dossier_applicant(dossier),
        kind="speaker_cv",
        uploaded=SimpleUploadedFile("photo.png", _png()),
    )
    response = _download(login(call_coordinator(dossier.call)), document)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="photo.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Location" not in response
    assert b"".join(response.streaming_content) == _png()


def test_another_applicant_gets_404(login, s3_private):
    """Another applicant can neither download the document nor learn that it exists."""
    dossier = DossierFactory(call__open_now=True)
    document = services.dossier_add_document(
        dossier=dossier,
        expected_version=None,
        by=dossier_applicant(dossier),
        kind="speaker_cv",
        uploaded=SimpleUploadedFile("cv.pdf", PDF),
    )
    assert _download(login(applicant()), document).status_code == 404


def test_stored_object_is_not_publicly_readable(s3_private):
    """An anonymous GET of the object's address in the bucket is refused: the object is
    private, and the signed addresses the store could make are never handed out."""
    dossier = DossierFactory(call__open_now=True)
    document = services.dossier_add_document(
        dossier=dossier,
        expected_version=None,
        by=dossier_applicant(dossier),
        kind="speaker_cv",
        uploaded=SimpleUploadedFile("cv.pdf", PDF),
    )
    (key,) = _stored_objects(s3_private)
    grants = s3_private["client"].get_object_acl(Bucket=s3_private["bucket"], Key=key)["Grants"]
    assert [grant["Grantee"].get("URI") for grant in grants] == [None]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_private['url']}/{key}", timeout=10)
    assert refused.value.code == 403
    refused.value.close()
    assert document.file.name in key


def test_two_documents_with_the_same_content_keep_their_own_objects(s3_private):
    """The same file sent twice to one dossier is two objects: removing one leaves the other."""
    dossier = DossierFactory(call__open_now=True)
    owner = dossier_applicant(dossier)
    first, second = (
        services.dossier_add_document(
            dossier=dossier,
            expected_version=None,
            by=owner,
            kind="speaker_cv",
            uploaded=SimpleUploadedFile("cv.pdf", PDF),
        )
        for _ in range(2)
    )
    assert first.file.name != second.file.name
    dossier.refresh_from_db()
    services.dossier_remove_document(
        dossier=dossier, expected_version=dossier.version, by=owner, document=first
    )
    assert list(_stored_objects(s3_private).values()) == [PDF]
