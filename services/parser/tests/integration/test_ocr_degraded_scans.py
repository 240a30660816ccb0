"""Degraded scans with known fields come back with their name, email and phone.

Real EasyOCR on generated scans of corpus resumes (``eval/scans.py``): an office scan (crooked,
soft, noisy, JPEG), a fax (black and white, specks) and a phone photo (keystoned, unevenly lit,
colour, JPEG), each as the file type such a scan arrives in. Pinned samples the engine reads
correctly today, so a regression in rendering, detection, deskew, repair or layout shows up;
the recovery rate over many scans is measured by ``scripts/bench_ocr.py``.

The English model has no diacritics, so names are compared with accents folded.
"""

from __future__ import annotations

from typing import Any

import pytest

from ats_backend.parser.extract import parse_document

pytest.importorskip("easyocr", reason="the parser's ocr extra is not installed")

from ats_backend.parser.ocr import EasyOcrEngine, load_engine
from eval.corpus.names import ascii_fold
from eval.scans import scanned_samples

_SEED = 3
# (style, file type, index of the sample among that style's scans)
CASES = [("office", "pdf", 1), ("office", "pdf", 2), ("fax", "tiff", 3), ("phone", "jpeg", 1)]


@pytest.fixture(scope="module")
def engine() -> EasyOcrEngine:
    return load_engine()


def _folded(text: str | None) -> str:
    return ascii_fold(text or "").casefold()


def _digits(text: str | None) -> str:
    return "".join(ch for ch in text or "" if ch.isdigit())


@pytest.mark.parametrize(("style", "fmt", "index"), CASES)
def test_degraded_scan_gives_back_name_email_and_phone(
    engine: EasyOcrEngine, style: str, fmt: str, index: int
) -> None:
    sample = scanned_samples(index + 1, _SEED, style, fmt=fmt)[index]
    result: dict[str, Any] = parse_document(sample.content, filename=sample.filename, ocr=engine)
    truth, basics = sample.truth["basics"], result["basics"]
    assert _folded(basics.get("name")) == _folded(truth["name"])
    assert basics.get("email") == truth["email"]
    assert _digits(basics.get("phone")) == _digits(truth["phone"])
    ocr = result["x_ats"]["ocr"]
    expected = "image" if fmt in {"tiff", "jpeg"} else "no_text_layer"
    assert [page["reason"] for page in ocr["pages"]] == [expected]
    assert ocr["pages"][0]["confidence"] > 0.5
