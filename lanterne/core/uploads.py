"""Uploaded files are judged by their content, never by their name or the browser's word."""

import hashlib
import warnings
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


def check_upload(
    uploaded, *, max_bytes: int | None = None, allowed: dict[str, str] | None = None
) -> CheckedUpload:
    """Raise ValidationError (in the user's language, saying why) unless the file is allowed:
    one of `allowed` (content type → the format's name; a dossier's documents by default)."""
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
    if allowed is not None and content_type not in allowed:
        raise ValidationError(
            _(
                "Ce fichier est de type « %(type)s » d'après son contenu ; seuls les formats "
                "%(formats)s sont acceptés."
            )
            % {"type": content_type, "formats": ", ".join(dict.fromkeys(allowed.values()))},
            code="type",
        )
    if allowed is None and content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "Ce fichier est de type « %(type)s » d'après son contenu ; seuls les formats PDF, "
                "ODT, DOCX, JPEG et PNG sont acceptés."
            )
            % {"type": content_type},
            code="type",
        )
    if content_type in IMAGE_TYPES:
        _check_image(uploaded)
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedUpload(content_type=content_type, size=uploaded.size, sha256=digest.hexdigest())


def _check_image(uploaded) -> None:
    """A readable image of a sane size. An image declaring more pixels than Pillow's limit
    (`Image.MAX_IMAGE_PIXELS`, about 89 million) is a decompression bomb: a small file that
    would unpack to gigabytes when a page or a PDF opens it. Its size is read from its header,
    before any pixel is decoded."""
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between the limit and twice it: that is a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as image:
                width, height = image.size
                if width * height > (Image.MAX_IMAGE_PIXELS or width * height):
                    raise Image.DecompressionBombError
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _(
                "L'image est trop grande une fois décompressée ; la taille maximale est de "
                "%(max)s millions de pixels."
            )
            % {"max": (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000},
            code="image_too_large",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("L'image est illisible ou abîmée."), code="image") from error
