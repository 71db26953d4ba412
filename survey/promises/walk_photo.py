"""A photo from a safety walk, made safe to keep: decoded, turned upright, shrunk, and encoded
again without any metadata (the camera's GPS position, its serial number, the time).

Bytes in, bytes out: no files. Decoding is slow; callers run it in a worker thread.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 2048
# More than a phone's camera makes (a 50-megapixel phone: 8,160 × 6,120): refused before it
# is decoded, so one upload cannot take gigabytes of memory.
MAX_PIXELS = 64_000_000
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
ACCEPTED_TYPES = frozenset(FORMATS.values())
JPEG_QUALITY = 85


class PhotoProblem(ValueError):
    """Not a photo we keep: `photo.not_image`, `photo.too_many_pixels`, `photo.type`."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CleanPhoto:
    """The photo as stored: its bytes, their type, its size in pixels."""

    data: bytes
    content_type: str
    width: int
    height: int


def clean_photo(body: bytes) -> CleanPhoto:
    """Decode `body`, apply the EXIF orientation, fit it within MAX_SIDE and encode it again
    in its own format (JPEG or PNG) without EXIF or other metadata."""
    try:
        with warnings.catch_warnings():
            # Pillow warns before it refuses a decompression bomb: our own limit comes first.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(body)) as probe:
                fmt = probe.format
                if fmt not in FORMATS:
                    raise PhotoProblem("photo.type")
                if probe.width * probe.height > MAX_PIXELS:
                    raise PhotoProblem("photo.too_many_pixels")
                probe.verify()
            with Image.open(io.BytesIO(body)) as image:
                if fmt == "JPEG":  # decode at a fraction of the size when that is enough
                    image.draft("RGB", (MAX_SIDE, MAX_SIDE))
                image.load()
                upright = ImageOps.exif_transpose(image)
    except PhotoProblem:
        raise
    except Image.DecompressionBombError:
        raise PhotoProblem("photo.too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise PhotoProblem("photo.not_image") from None
    upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if fmt == "JPEG":
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        if upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            upright = upright.convert("RGBA")
        upright.save(out, "PNG", optimize=False)
    return CleanPhoto(out.getvalue(), FORMATS[fmt], upright.width, upright.height)
