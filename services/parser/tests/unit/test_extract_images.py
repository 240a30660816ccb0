"""Image files become gray pages for OCR; hostile ones are refused before decoding."""

from __future__ import annotations

import io
import time

import pytest

from ats_backend.core.errors import DocumentUnreadable
from ats_backend.parser.extract._images import MAX_IMAGE_SIDE, read_image_pages

Image = pytest.importorskip("PIL.Image")
scans = pytest.importorskip("eval.scans")


def _png(width: int, height: int, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_page_photo_is_gray_and_scaled_to_working_size() -> None:
    pages, frames = read_image_pages(_png(3000, 4000), max_pages=10)
    assert frames == 1
    (page,) = pages
    assert (page.width, page.height) == (1800, 2400)
    assert len(page.pixels) == page.width * page.height
    # Estimated as a letter page: 1800 px across 8.5 inches.
    assert page.dpi == pytest.approx(1800 / 8.5)


def test_a_small_scan_keeps_its_pixels() -> None:
    (page,), _ = read_image_pages(_png(1275, 1650, "L"), max_pages=10)
    assert (page.width, page.height) == (1275, 1650)
    assert page.dpi == pytest.approx(150.0)


def test_multi_page_tiff_frames_are_pages_up_to_the_cap() -> None:
    frames = [Image.new("L", (200, 260), 255) for _ in range(4)]
    pages, count = read_image_pages(scans.to_tiff(frames), max_pages=3)
    assert count == 4
    assert len(pages) == 3


def test_a_decompression_bomb_is_refused_without_decoding() -> None:
    started = time.perf_counter()
    with pytest.raises(DocumentUnreadable) as caught:
        read_image_pages(scans.decompression_bomb_png(), max_pages=10)
    assert time.perf_counter() - started < 1.0
    assert caught.value.reason == "image_too_large"
    assert caught.value.detail.startswith("the image declares too many pixels")


def test_an_image_over_our_cap_but_under_pillows_is_refused_too() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        read_image_pages(scans.decompression_bomb_png(10_000, 10_000), max_pages=10)
    assert caught.value.reason == "image_too_large"
    assert caught.value.detail.startswith("the image is 10000 x 10000 pixels")


def test_a_30000_pixel_wide_strip_is_refused() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        read_image_pages(scans.wide_image_png(), max_pages=10)
    assert caught.value.reason == "image_too_large"
    assert f"at most {MAX_IMAGE_SIDE} pixels on a side" in caught.value.detail


def test_a_truncated_jpeg_is_a_damaged_document() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        read_image_pages(scans.truncated_jpeg(), max_pages=10)
    assert caught.value.reason == "corrupt_document"
    assert caught.value.detail.startswith("the image is damaged and cannot be read")


def test_bytes_that_are_no_image_are_a_damaged_document() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        read_image_pages(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, max_pages=10)
    assert caught.value.reason == "corrupt_document"
