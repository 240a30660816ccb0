"""One OCR sandbox for every OCR test of the parser: loading the models takes seconds and over
a gigabyte, and each recognised page seconds more on a small machine, so the tests share the
sandbox and scan as few pages as they can."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from ats_backend.parser.ocr import EasyOcrOptions
from ats_backend.parser.sandbox import ChildStatus, Sandbox

# A corpus resume whose scan OCR reads back with the truth's name, email and phone (field
# recovery across many scans is measured by scripts/bench_ocr.py, not asserted here).
SCAN_SEED = 7


@pytest.fixture(scope="session")
async def ocr_sandbox() -> AsyncIterator[tuple[Sandbox, list[ChildStatus]]]:
    """An OCR sandbox as the parser's OCR lane runs it, warmed up, and its start-up report."""
    pytest.importorskip("easyocr", reason="the parser's ocr extra is not installed")
    box = Sandbox(processes=1, timeout=120, memory_limit_mb=10240, ocr=EasyOcrOptions(threads=2))
    try:
        statuses = await box.start()
        yield box, statuses
    finally:
        box.close()


@pytest.fixture(scope="session")
def scan() -> Any:
    """A clean 200 dpi scan of one corpus resume (``.content`` PNG bytes, ``.truth``)."""
    from eval.scans import scanned_samples

    return scanned_samples(1, seed=SCAN_SEED, style="clean", fmt="png")[0]


@pytest.fixture(scope="session")
def scanned_pdf() -> Any:
    """The same resume as an image-only PDF (``.content``), as a scanner would save it."""
    from eval.scans import scanned_samples

    return scanned_samples(1, seed=SCAN_SEED, style="clean", fmt="pdf")[0]
