"""Image files (PNG, JPEG, TIFF, WebP) as grayscale pages for the OCR engine, via Pillow.

Images come from anyone, so the header is checked before any pixel is decoded: a
decompression bomb (a few kilobytes declaring billions of pixels: Pillow's own check refuses
those in ``open``) and anything over our lower caps, or of absurd shape (a 30,000-pixel-wide
strip), are refused with ``image_too_large`` without allocating anything.
Accepted images are decoded one frame at a time (a TIFF can hold many pages), converted to
gray and scaled down to the resolution OCR works at; a truncated or damaged file fails with
``corrupt_document``.

Pillow comes with the OCR extra (EasyOCR needs it), so it is imported on first use, through
``importlib`` as ``Any`` like PyMuPDF in ``_pdf``: without the extra no image is ever decoded
(``parse_document`` fails it with ``ocr_unavailable`` first).
"""

from __future__ import annotations

import functools
import importlib
import io
import warnings
from collections.abc import Iterator
from typing import Any

from ats_backend.core.errors import DocumentUnreadable

from ._ocr import GrayImage

__all__ = ["MAX_IMAGE_PIXELS", "MAX_IMAGE_SIDE", "read_image_pages"]

MAX_IMAGE_PIXELS = 60_000_000
"""Pixels one frame may declare: a 12-megapixel phone photo fits five times over."""
MAX_IMAGE_SIDE = 20_000
"""Pixels on the longer side; longer is a banner or an attack, not a page."""
_LETTER_WIDTH_INCHES = 8.5
_LETTER_HEIGHT_INCHES = 11.0
"""An image's resolution is unknown (scanners' DPI tags are often wrong, photos have none):
it is estimated as if the image were a letter page, portrait or landscape."""
_WORK_LONG_SIDE = 2400
"""Frames are scaled down to this many pixels on the longer side (about 200 DPI for a letter
page): more resolution only costs time in recognition."""


@functools.cache
def _pillow() -> Any:
    return importlib.import_module("PIL.Image")


def read_image_pages(data: bytes, *, max_pages: int) -> tuple[list[GrayImage], int]:
    """The first ``max_pages`` frames as gray images, and how many frames the file has."""
    image_module = _pillow()
    try:
        # Pillow's own bomb check runs in open(): it warns above its limit (ours, checked
        # below, is lower, so the warning says nothing new) and refuses twice that.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", image_module.DecompressionBombWarning)
            image = image_module.open(io.BytesIO(data))
    except image_module.DecompressionBombError as exc:
        raise DocumentUnreadable(
            f"the image declares too many pixels to decode safely ({exc})",
            reason="image_too_large",
        ) from exc
    except (OSError, ValueError, SyntaxError) as exc:  # UnidentifiedImageError is an OSError
        raise _damaged(exc) from exc
    with image:
        frames = int(getattr(image, "n_frames", 1) or 1)
        pages = [_gray(frame) for frame in _frames(image, min(frames, max_pages))]
    return pages, frames


def _frames(image: Any, count: int) -> Iterator[Any]:
    for index in range(count):
        try:
            image.seek(index)
        except (OSError, EOFError, ValueError) as exc:
            raise _damaged(exc) from exc
        yield image


def _gray(frame: Any) -> GrayImage:
    width, height = (int(side) for side in frame.size)
    if width <= 0 or height <= 0:
        raise DocumentUnreadable("the image has no pixels", reason="corrupt_document")
    if max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        raise DocumentUnreadable(
            f"the image is {width} x {height} pixels; images may have at most "
            f"{MAX_IMAGE_SIDE} pixels on a side and {MAX_IMAGE_PIXELS // 1_000_000} "
            "megapixels",
            reason="image_too_large",
        )
    scale = min(1.0, _WORK_LONG_SIDE / max(width, height))
    try:
        if scale < 1.0:
            # JPEG can decode straight at 1/2, 1/4, 1/8 size: far less work than a full decode.
            frame.draft("L", (int(width * scale), int(height * scale)))
        gray = frame.convert("L")
        if scale < 1.0:
            gray = gray.resize(
                (max(1, round(width * scale)), max(1, round(height * scale))),
                _pillow().Resampling.BOX,
            )
    except (OSError, ValueError, SyntaxError) as exc:
        raise _damaged(exc) from exc
    inches = _LETTER_WIDTH_INCHES if gray.width <= gray.height else _LETTER_HEIGHT_INCHES
    dpi = gray.width / inches
    return GrayImage(width=gray.width, height=gray.height, pixels=gray.tobytes(), dpi=dpi)


def _damaged(exc: BaseException) -> DocumentUnreadable:
    cause = str(exc) or type(exc).__name__
    return DocumentUnreadable(
        f"the image is damaged and cannot be read: {cause[:120]}", reason="corrupt_document"
    )
