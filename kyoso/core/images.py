"""Untrusted image uploads: sniff, bound, re-encode. Re-encoding drops EXIF and any payload."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_PIXELS = 8000 * 8000


class ImageRejected(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "too_large", "not_image", "too_many_pixels"


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int


def clean_image(data: bytes, *, max_bytes: int, max_side: int) -> CleanImage:
    """Return the upload re-encoded (PNG if it has transparency, else JPEG), at most max_side."""
    if len(data) > max_bytes:
        raise ImageRejected("too_large")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected("not_image") from exc
    if fmt not in ALLOWED_FORMATS:
        raise ImageRejected("not_image")
    if width * height > MAX_PIXELS:
        raise ImageRejected("too_many_pixels")
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.seek(0)
            upright = ImageOps.exif_transpose(opened)
            has_alpha = upright.mode in ("RGBA", "LA") or "transparency" in upright.info
            image = upright.convert("RGBA" if has_alpha else "RGB")
            image.thumbnail((max_side, max_side))
            out = io.BytesIO()
            if has_alpha:
                image.save(out, format="PNG", optimize=True)
                ext = "png"
            else:
                image.save(out, format="JPEG", quality=85, optimize=True)
                ext = "jpg"
            return CleanImage(out.getvalue(), ext, image.width, image.height)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRejected("not_image") from exc
