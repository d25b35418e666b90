"""What an uploaded photo or video becomes before it is stored.

A photo is re-encoded from its pixels only: its EXIF (the camera, the date, the GPS position of
where a child was photographed), its XMP, its comments and its ICC profile are left behind, its
orientation applied first, its longest side brought down to `MAX_SIDE`. A video is kept as it
came (transcoding to web formats, with its metadata left out, comes with ffmpeg).
"""

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from lanterne.core.uploads import check_upload

from .enums import MediaKind

PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG"}
VIDEO_TYPES = {"video/mp4": "MP4", "video/webm": "WebM", "video/quicktime": "MOV"}
MEDIA_TYPES = {**PHOTO_TYPES, **VIDEO_TYPES}
MAX_SIDE = 2000
JPEG_QUALITY = 85


@dataclass(frozen=True)
class CleanMedia:
    kind: str
    name: str
    content: ContentFile
    content_type: str
    width: int | None = None
    height: int | None = None


def clean_photo(uploaded) -> tuple[bytes, int, int]:
    """The photo's pixels as a fresh JPEG without any metadata, and its size."""
    uploaded.seek(0)
    with Image.open(uploaded) as source:
        image = ImageOps.exif_transpose(source)
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        elif image.mode != "RGB":
            image = image.convert("RGB")
        # Nothing of the original's metadata goes into the new file (Pillow would carry a
        # JPEG comment over from `info`).
        image.info = {}
        out = io.BytesIO()
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return out.getvalue(), image.width, image.height


def clean_media(uploaded, *, max_bytes: int | None = None) -> CleanMedia:
    """Check the file by its content (type, size, a sane image) and make it storable; raise a
    ValidationError saying why otherwise."""
    checked = check_upload(uploaded, max_bytes=max_bytes, allowed=MEDIA_TYPES)
    if checked.content_type in PHOTO_TYPES:
        data, width, height = clean_photo(uploaded)
        return CleanMedia(
            kind=MediaKind.PHOTO,
            name="photo.jpg",
            content=ContentFile(data),
            content_type="image/jpeg",
            width=width,
            height=height,
        )
    uploaded.seek(0)
    extension = {"video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov"}
    return CleanMedia(
        kind=MediaKind.VIDEO,
        name=f"video.{extension[checked.content_type]}",
        content=ContentFile(uploaded.read()),
        content_type=checked.content_type,
    )
