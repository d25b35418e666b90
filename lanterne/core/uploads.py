"""Uploaded files are judged by their content, never by their name or the browser's word."""

import hashlib
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# What a dossier may carry: documents and pictures, nothing executable or scriptable.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}
IMAGE_TYPES = {"image/jpeg", "image/png"}
# Bytes libmagic needs to tell a DOCX (a ZIP) from any other ZIP.
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str


def check_upload(uploaded, *, max_bytes: int | None = None) -> CheckedUpload:
    """Raise ValidationError (in the user's language, saying why) unless the file is allowed."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if uploaded.size == 0:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("Le fichier pèse %(size)s ; la taille maximale est %(max)s.")
            % {"size": filesizeformat(uploaded.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    content_type = magic.from_buffer(head, mime=True)
    # A ZIP-based document may need the whole file for libmagic to see what it is.
    if content_type in {"application/zip", "application/octet-stream"}:
        uploaded.seek(0)
        content_type = magic.from_buffer(uploaded.read(), mime=True)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "Ce fichier est de type « %(type)s » d'après son contenu ; seuls les formats PDF, "
                "ODT, DOCX, JPEG et PNG sont acceptés."
            )
            % {"type": content_type},
            code="type",
        )
    if content_type in IMAGE_TYPES:
        uploaded.seek(0)
        try:
            with Image.open(uploaded) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            raise ValidationError(_("L'image est illisible ou abîmée."), code="image") from error
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedUpload(content_type=content_type, size=uploaded.size, sha256=digest.hexdigest())
