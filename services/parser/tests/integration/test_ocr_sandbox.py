"""The OCR sandbox with real child processes and the real EasyOCR models: scans are read,
text documents are not OCRed, hostile images end with a clear error in bounded time, and the
sandbox keeps serving after each of them."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from ats_backend.core.errors import DocumentUnreadable
from ats_backend.parser.extract import MAX_OCR_PAGES
from ats_backend.parser.sandbox import ChildStatus, Sandbox
from eval import scans

pytestmark = pytest.mark.integration

OcrBox = tuple[Sandbox, list[ChildStatus]]
# Refusals happen before any pixel is decoded or recognised: well under a second of work,
# with a wide margin for a busy machine.
_QUICK_SECONDS = 15.0


async def _parse(box: Sandbox, data: bytes, filename: str) -> dict[str, Any]:
    result = await box.parse(data, content_type=None, filename=filename)
    profile: dict[str, Any] = json.loads(result)
    return profile


async def _assert_serves_text(box: Sandbox, samples_dir: Path) -> None:
    profile = await _parse(box, (samples_dir / "zoe-fischer.pdf").read_bytes(), "zoe.pdf")
    assert profile["basics"]["name"] == "Zoë Fischer"


async def test_start_loads_the_models_in_every_process_once(ocr_sandbox: OcrBox) -> None:
    box, statuses = ocr_sandbox
    assert len(statuses) == 1
    assert statuses[0].engine is not None and statuses[0].engine.startswith("easyocr")
    assert statuses[0].unavailable is None
    again = await box.start()
    assert [status.pid for status in again] == [statuses[0].pid]  # not loaded a second time


async def test_a_scanned_page_image_is_read_into_the_truths_contacts(
    ocr_sandbox: OcrBox, scan: Any
) -> None:
    box, _ = ocr_sandbox
    profile = await _parse(box, scan.content, "scan.png")
    truth = scan.truth["basics"]
    assert {key: profile["basics"].get(key) for key in ("name", "email", "phone")} == {
        key: truth[key] for key in ("name", "email", "phone")
    }
    x_ats = profile["x_ats"]
    assert x_ats["extraction_method"] == "image_ocr"
    assert x_ats["ocr"]["engine"].startswith("easyocr")
    assert [(page["page"], page["reason"]) for page in x_ats["ocr"]["pages"]] == [(1, "image")]


async def test_a_text_pdf_is_read_from_its_text_layer_not_ocred(
    ocr_sandbox: OcrBox, samples_dir: Path
) -> None:
    box, _ = ocr_sandbox
    profile = await _parse(box, (samples_dir / "jose-alvarez-nunez.pdf").read_bytes(), "j.pdf")
    assert profile["x_ats"]["extraction_method"] == "pdf_text"
    assert "ocr" not in profile["x_ats"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(scans.decompression_bomb_png, "image_too_large", id="decompression-bomb"),
        pytest.param(scans.wide_image_png, "image_too_large", id="30000-px-wide"),
        pytest.param(scans.truncated_jpeg, "corrupt_document", id="truncated-jpeg"),
        pytest.param(scans.blank_image_png, "no_text", id="blank-page"),
    ],
)
async def test_a_hostile_or_empty_image_fails_quickly_and_the_sandbox_keeps_serving(
    ocr_sandbox: OcrBox, samples_dir: Path, make: Any, reason: str
) -> None:
    box, _ = ocr_sandbox
    data = make()
    started = time.perf_counter()
    with pytest.raises(DocumentUnreadable) as caught:
        await box.parse(data, content_type=None, filename="upload")
    assert caught.value.reason == reason, caught.value
    assert time.perf_counter() - started < _QUICK_SECONDS
    await _assert_serves_text(box, samples_dir)


async def test_a_300_page_scan_is_recognised_up_to_the_page_cap_in_bounded_time(
    ocr_sandbox: OcrBox, samples_dir: Path
) -> None:
    box, _ = ocr_sandbox
    started = time.perf_counter()
    profile = await _parse(box, scans.scanned_pdf_pages(300), "long-scan.pdf")
    assert len(profile["x_ats"]["ocr"]["pages"]) == MAX_OCR_PAGES
    assert any(
        f"only the first {MAX_OCR_PAGES} were recognised" in warning
        for warning in profile["x_ats"]["warnings"]
    ), profile["x_ats"]["warnings"]
    assert time.perf_counter() - started < 120  # the OCR lane's parse timeout
    await _assert_serves_text(box, samples_dir)


async def test_a_parse_stopped_by_the_timeout_reloads_the_models_outside_the_next_timeout(
    ocr_sandbox: OcrBox, scan: Any, samples_dir: Path
) -> None:
    box, statuses = ocr_sandbox
    box._timeout = 0.5  # far less than one page needs
    try:
        with pytest.raises(DocumentUnreadable) as caught:
            await box.parse(scan.content, content_type=None, filename="scan.png")
        assert caught.value.reason == "parse_timeout"
        # The pool was killed with its models. Loading them again takes far longer than this
        # timeout: the next parse only succeeds if it waits for them outside its own time.
        box._timeout = 2.0
        await _assert_serves_text(box, samples_dir)
    finally:
        box._timeout = 120
    reloaded = await box.start()
    assert reloaded[0].pid != statuses[0].pid
    assert reloaded[0].engine == statuses[0].engine


async def test_without_an_engine_a_scan_fails_as_ocr_unavailable_never_an_empty_profile(
    scan: Any, scanned_pdf: Any
) -> None:
    # The text sandbox is what a process without the ocr extra has everywhere.
    box = Sandbox(processes=1, timeout=20, memory_limit_mb=1024)
    try:
        for data, name in ((scan.content, "scan.png"), (scanned_pdf.content, "scan.pdf")):
            with pytest.raises(DocumentUnreadable) as caught:
                await box.parse(data, content_type=None, filename=name)
            assert caught.value.reason == "ocr_unavailable"
    finally:
        box.close()
