"""Uploads: PDF, ODT/DOCX, JPEG/PNG only, judged by content, size-limited, stored privately."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lanterne.calls.enums import DocumentKind
from lanterne.core.uploads import check_upload
from lanterne.dossiers import services
from tests.dossiers.factories import DossierFactory, dossier_applicant

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("cv.pdf", PDF, "application/pdf"),
        ("photo.png", None, "image/png"),
        (
            "cv.docx",
            None,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("cv.odt", None, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_allowed_types_are_recognised_by_content(name, content, expected):
    content = (
        content or {"photo.png": png_bytes, "cv.docx": docx_bytes, "cv.odt": odt_bytes}[name]()
    )
    assert check_upload(SimpleUploadedFile(name, content)).content_type == expected


def test_a_png_named_pdf_is_stored_as_png():
    """The name lies, the content decides."""
    assert check_upload(SimpleUploadedFile("cv.pdf", png_bytes())).content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cv.pdf", b"<html><script>alert(1)</script></html>"),
        ("cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("cv.docx", b"PK\x03\x04" + b"\x00" * 60),
        ("notes.txt", b"simple texte"),
    ],
)
def test_other_types_are_refused_saying_why(name, content):
    with pytest.raises(ValidationError) as refusal:
        check_upload(SimpleUploadedFile(name, content))
    assert "PDF, ODT, DOCX, JPEG et PNG" in refusal.value.messages[0]


def test_too_large_file_is_refused_with_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refusal:
        check_upload(SimpleUploadedFile("cv.pdf", PDF + b"0" * 2048))
    assert "1,0\xa0Kio" in refusal.value.messages[0] or "1.0" in refusal.value.messages[0]


def test_empty_and_broken_images_are_refused():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("vide.pdf", b""))
    with pytest.raises(ValidationError) as refusal:
        check_upload(SimpleUploadedFile("photo.png", png_bytes()[:40]))
    assert "image" in refusal.value.messages[0].lower()


def test_document_is_stored_privately_under_its_fingerprint():
    """The stored name carries no personal data and the file is not under MEDIA_ROOT."""
    dossier = DossierFactory()
    user = dossier_applicant(dossier)
    document = services.dossier_add_document(
        dossier=dossier,
        expected_version=dossier.version,
        by=user,
        kind=DocumentKind.SPEAKER_CV,
        uploaded=SimpleUploadedFile("CV Jeanne Dupont.pdf", PDF),
    )
    assert "Dupont" not in document.file.name
    assert document.file.name.endswith(document.sha256)
    assert document.original_name == "CV Jeanne Dupont.pdf"
    from django.core.files.storage import storages

    assert document.file.storage is storages["private"]
    with document.file.open("rb") as stored:
        assert stored.read() == PDF


def bomb_png(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes declaring `width` × `height` pixels: what it would take
    to decode is in its header, not in its weight."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    pixels = zlib.compress(b"\x00" * 1024, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (10_000, 10_000),  # 100 million pixels: past Pillow's limit, where it only warns
        (100_000, 100_000),  # 10 billion: past twice the limit, where Pillow refuses
    ],
)
def test_a_decompression_bomb_is_refused_saying_why(width, height):
    """An image declaring more than about 89 million pixels is refused with its reason,
    however small the file: opening it in a page or a PDF would need gigabytes."""
    content = bomb_png(width, height)
    assert len(content) < 1024
    with pytest.raises(ValidationError) as refusal:
        check_upload(SimpleUploadedFile("affiche.png", content))
    assert refusal.value.code == "image_too_large"
    assert refusal.value.messages == [
        "L'image est trop grande une fois décompressée ; la taille maximale est de "
        "89 millions de pixels."
    ]


def test_a_large_but_sane_image_is_accepted():
    """Below the limit, a big picture (an 8000 × 6000 poster scan) is an ordinary image."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")
    assert check_upload(SimpleUploadedFile("affiche.png", buffer.getvalue())).content_type == (
        "image/png"
    )


def test_a_decompression_bomb_is_refused_on_the_dossier_page(client):
    """Uploaded through the dossier's page, the bomb is refused with the same sentence."""
    from django.urls import reverse

    dossier = DossierFactory()
    client.force_login(dossier_applicant(dossier))
    response = client.post(
        reverse("dossiers:document_add", args=[dossier.pk]),
        {
            "document-kind": DocumentKind.OTHER,
            "document-file": SimpleUploadedFile("affiche.png", bomb_png(10_000, 10_000)),
            "document-expected_version": dossier.version,
        },
    )
    assert "trop grande une fois décompressée" in response.text
    assert not dossier.documents.exists()
