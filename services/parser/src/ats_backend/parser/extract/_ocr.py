"""What text recognition looks like to the extractors: an engine protocol and its results.

The extractors stay free of the OCR stack (PyTorch, EasyOCR, NumPy): a reader that finds a page
with no usable text renders it to a :class:`GrayImage` and hands it to whatever
:class:`OcrEngine` the caller passed to ``parse_document``. The engine lives in
``ats_backend.parser.ocr`` and is loaded once per worker process; tests can pass any object
with the same shape.

What the OCR did is recorded in the output (``x_ats.ocr``) as :class:`OcrPage` s: which pages
were recognised and why, so an operator can see why a document was slow or poor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "REASON_GARBAGE_TEXT",
    "REASON_IMAGE",
    "REASON_IMAGE_PAGE",
    "REASON_NO_TEXT_LAYER",
    "GrayImage",
    "OcrEngine",
    "OcrPage",
    "OcrText",
]

REASON_NO_TEXT_LAYER = "no_text_layer"
"""A PDF page with (almost) no text but something drawn on it: a scan."""
REASON_GARBAGE_TEXT = "garbage_text"
"""A PDF page whose text is unreadable: fonts without a Unicode mapping, broken encodings."""
REASON_IMAGE_PAGE = "image_page"
"""A PDF page that is mostly one image, with a few words of text at most (a stamped scan)."""
REASON_IMAGE = "image"
"""The document is an image file (PNG, JPEG, TIFF, WebP)."""


@dataclass(frozen=True, slots=True)
class GrayImage:
    """An 8-bit grayscale raster, row-major, ``width * height`` bytes.

    ``dpi`` says how many pixels make an inch of the page (rendered PDFs know it exactly; for
    image files it is estimated from the width of a letter-sized page), so the engine can pick
    its working resolution and results can be mapped back to points."""

    width: int
    height: int
    pixels: bytes
    dpi: float


@dataclass(frozen=True, slots=True)
class OcrText:
    """One recognised run of text (a line or part of one), in pixels of the image given."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float


class OcrEngine(Protocol):
    """Recognises the text on a page image. Implementations must be safe to call repeatedly
    in one process; they need not be thread-safe (one parse runs per process)."""

    @property
    def name(self) -> str:
        """Engine and version, as shown in ``x_ats.ocr.engine``."""
        ...

    @property
    def render_dpi(self) -> float:
        """Resolution PDF pages are rendered at for this engine."""
        ...

    def read(self, image: GrayImage) -> list[OcrText]:
        """The text runs on the image; empty when it holds no text."""
        ...


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One recognised page: 1-based number, why it was recognised, what it took."""

    page: int
    reason: str
    seconds: float
    texts: int
    confidence: float
    """Mean confidence of the recognised runs (0 when nothing was found)."""
