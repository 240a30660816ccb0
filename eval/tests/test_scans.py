"""The scan generator: deterministic, every style visibly degrades the page the way it says,
the encoders and PDFs hold what they claim, the hostile inputs are hostile, and the character
error rate counts edits."""

from __future__ import annotations

import functools
import io
import math
import random
import struct
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from PIL import Image

from eval import scans
from eval.corpus._fitz import fitz
from eval.corpus.generate import Sample, make_sample

_DPI = 100  # the unit tests' renders: degrading does not depend on resolution


@functools.cache
def _sample(index: int = 0) -> Sample:
    return make_sample(index, 1)


@functools.cache
def _page(gray: bool = True) -> Image.Image:
    return scans.render_page(_sample().content, 0, _DPI, gray=gray)


def _pixels(image: Image.Image) -> np.ndarray[Any, np.dtype[np.uint8]]:
    return np.asarray(image, dtype=np.uint8)


def _degraded(style: str, seed: int = 1, image: Image.Image | None = None) -> Image.Image:
    spec = scans.STYLES[style]
    source = image if image is not None else _page(spec.gray)
    return scans.degrade(source, random.Random(seed), spec)


# -- rendering and degrading ------------------------------------------------------------------


def test_render_page_is_the_page_at_that_resolution() -> None:
    gray, colour = _page(True), _page(False)
    assert (gray.mode, colour.mode) == ("L", "RGB")
    assert gray.size == colour.size
    assert gray.width == pytest.approx(595 * _DPI / 72, abs=1)
    assert gray.height == pytest.approx(842 * _DPI / 72, abs=1)
    assert gray.info["dpi"] == (_DPI, _DPI)
    assert (int(_pixels(gray).min()), int(_pixels(gray).max())) == (0, 255)  # ink on white


def test_degrade_is_deterministic_for_a_seed() -> None:
    for style in scans.STYLES:
        first, again, other = _degraded(style, 5), _degraded(style, 5), _degraded(style, 6)
        assert np.array_equal(_pixels(first), _pixels(again)), style
        if style != "clean":
            assert not np.array_equal(_pixels(first), _pixels(other)), style


def test_clean_changes_nothing_and_every_other_style_changes_the_page() -> None:
    assert np.array_equal(_pixels(_degraded("clean")), _pixels(_page()))
    for style in ("office", "fax", "phone"):
        out = _degraded(style)
        assert out.size == _page().size
        assert out.mode == ("L" if scans.STYLES[style].gray else "RGB")
        assert not np.array_equal(_pixels(out.convert("L")), _pixels(_page())), style


def _line_angle(image: Image.Image) -> float:
    """The angle (degrees) of the one dark horizontal line in ``image``, from where it
    crosses two columns 600 px apart."""
    pixels = _pixels(image.convert("L")).astype(np.float64)
    rows = np.arange(pixels.shape[0])

    def crossing(x: int) -> float:
        darkness = np.clip(128.0 - pixels[:, x], 0.0, None)
        return float((rows * darkness).sum() / darkness.sum())

    return math.degrees(math.atan2(crossing(800) - crossing(200), 600))


def test_rotation_turns_the_page_within_the_maximum_and_fills_with_paper() -> None:
    page = Image.new("L", (1000, 700), 255)
    page.paste(0, (50, 348, 950, 352))
    style = scans.ScanStyle(rotate_degrees=2.0, paper=(240, 235, 220))
    angles = [_line_angle(scans.degrade(page, random.Random(seed), style)) for seed in range(6)]
    assert all(0.9 <= abs(angle) <= 2.1 for angle in angles), angles
    assert {math.copysign(1.0, angle) for angle in angles} == {-1.0, 1.0}  # both ways
    turned = _pixels(scans.degrade(page, random.Random(0), style))
    paper_luma = 0.299 * 240 + 0.587 * 235 + 0.114 * 220
    for corner in (turned[:4, :4], turned[:4, -4:], turned[-4:, :4], turned[-4:, -4:]):
        assert abs(float(corner.mean()) - paper_luma) < 2  # paper, not black


def test_phone_photo_is_colour_keystoned_unevenly_lit_on_warm_paper() -> None:
    blank = Image.new("RGB", (600, 850), (255, 255, 255))
    out = _pixels(_degraded("phone", image=blank)).astype(np.float64)
    assert out.ndim == 3
    assert out[..., 0].mean() > out[..., 2].mean() + 10  # warm paper
    corners = [out[:40, :40], out[:40, -40:], out[-40:, :40], out[-40:, -40:]]
    means = [float(block.mean()) for block in corners]
    assert max(means) - min(means) > 10  # a lighting gradient
    assert min(float(block.min()) for block in corners) > 120  # fill is paper, not black
    assert _degraded("phone").format == "JPEG"  # the JPEG round trip happened


def test_office_scan_is_noisy_soft_and_jpeg() -> None:
    blank = Image.new("L", (400, 400), 255)
    out = _pixels(_degraded("office", image=blank)).astype(np.float64)
    assert 1.0 < out[100:300, 100:300].std() < 10.0
    assert 230 < out.mean() < 252
    assert _degraded("office").format == "JPEG"
    assert _degraded("clean").format is None


def test_fax_is_bilevel_with_specks() -> None:
    out = _pixels(_degraded("fax"))
    assert set(np.unique(out).tolist()) == {0, 255}
    blank = _pixels(_degraded("fax", image=Image.new("L", (500, 500), 255)))
    specks = int((blank == 0).sum())
    assert 0.0005 * blank.size < specks < 0.005 * blank.size


# -- encoders and PDFs ------------------------------------------------------------------------


def test_encoders_write_their_formats() -> None:
    image = _degraded("office")
    png, jpeg, webp = scans.to_png(image), scans.to_jpeg(image, 85), scans.to_webp(image)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert jpeg.startswith(b"\xff\xd8") and jpeg.endswith(b"\xff\xd9")
    assert webp[:4] == b"RIFF" and webp[8:12] == b"WEBP"
    for data, kind in ((png, "PNG"), (jpeg, "JPEG"), (webp, "WEBP")):
        decoded = Image.open(io.BytesIO(data))
        assert (decoded.format, decoded.size) == (kind, image.size)
    assert Image.open(io.BytesIO(png)).info["dpi"] == pytest.approx((_DPI, _DPI), abs=0.01)


def test_tiff_holds_one_frame_per_page() -> None:
    pages = [_degraded("office", seed) for seed in range(3)]
    tiff = Image.open(io.BytesIO(scans.to_tiff(pages)))
    assert tiff.format == "TIFF"
    assert getattr(tiff, "n_frames", 1) == 3
    for frame in range(3):
        tiff.seek(frame)
        assert tiff.size == pages[frame].size
    fax = Image.open(io.BytesIO(scans.to_tiff([_degraded("fax"), _degraded("fax", 2)])))
    assert (getattr(fax, "n_frames", 1), fax.info["compression"]) == (2, "group4")
    with pytest.raises(ValueError, match="at least one page"):
        scans.to_tiff([])


def test_scanned_pdf_is_image_only_and_sized_by_dpi() -> None:
    images = [_degraded("office"), _degraded("fax"), _degraded("phone")]
    document = fitz().open("pdf", scans.scanned_pdf(images, _DPI))
    assert document.page_count == 3
    for page, image in zip(document, images, strict=True):
        assert page.get_text().strip() == ""
        assert len(page.get_images()) == 1
        assert page.rect.width == pytest.approx(image.width * 72 / _DPI, abs=0.01)
        assert page.rect.height == pytest.approx(image.height * 72 / _DPI, abs=0.01)
    assert page.rect.width == pytest.approx(595, abs=1)  # A4 at 100 dpi comes back A4


def test_mixed_pdf_replaces_only_the_scanned_pages() -> None:
    source = _sample(5)  # a dense two-page resume
    original = fitz().open("pdf", source.content)
    assert original.page_count == 2
    scan = scans.degrade(
        scans.render_page(source.content, 1, _DPI), random.Random(1), scans.STYLES["office"]
    )
    mixed = fitz().open("pdf", scans.mixed_pdf(source.content, {1: scan}, _DPI))
    assert mixed.page_count == 2
    assert mixed[0].get_text() == original[0].get_text() != ""
    assert mixed[1].get_text().strip() == ""
    assert len(mixed[1].get_images()) == 1
    with pytest.raises(ValueError, match="no such pages"):
        scans.mixed_pdf(source.content, {2: scan}, _DPI)


# -- samples ----------------------------------------------------------------------------------


def test_scanned_samples_are_deterministic_and_seeded() -> None:
    first = scans.scanned_samples(2, seed=3, style="fax", fmt="png")
    again = scans.scanned_samples(2, seed=3, style="fax", fmt="png")
    other = scans.scanned_samples(2, seed=4, style="fax", fmt="png")
    assert [s.content for s in first] == [s.content for s in again]
    assert [s.truth for s in first] == [s.truth for s in again]
    assert [s.content for s in first] != [s.content for s in other]


@pytest.mark.parametrize(
    ("fmt", "magic", "content_type"),
    [
        ("png", b"\x89PNG", "image/png"),
        ("jpeg", b"\xff\xd8", "image/jpeg"),
        ("webp", b"RIFF", "image/webp"),
        ("tiff", b"II*\x00", "image/tiff"),
        ("pdf", b"%PDF", "application/pdf"),
    ],
)
def test_scanned_samples_in_every_format(
    fmt: scans.Format, magic: bytes, content_type: str
) -> None:
    (sample,) = scans.scanned_samples(1, seed=1, style="office", fmt=fmt)
    assert sample.content.startswith(magic)
    assert sample.content_type == content_type
    assert sample.filename.endswith(scans.FORMATS[fmt][0])
    assert sample.id == "0000-single_column-office"
    assert sample.source_pdf == _sample().content
    assert len(sample.page_texts) == 1


def test_scanned_sample_truth_is_on_the_scanned_page_in_reading_order() -> None:
    (sample,) = scans.scanned_samples(1, seed=1, style="clean", fmt="png")
    basics = sample.truth["basics"]
    lines = sample.page_texts[0].splitlines()
    assert lines[0] == basics["name"]  # single column: the name heads the page
    assert basics["email"] in lines[1]
    assert all(line == " ".join(line.split()) for line in lines)
    assert "ﬁ" not in sample.page_texts[0]  # ligatures expanded, as OCR reads them
    image = Image.open(io.BytesIO(sample.content))
    assert image.size == (1653, 2339)  # A4 at 200 dpi


def test_all_pages_go_into_tiff_and_pdf() -> None:
    formats: tuple[scans.Format, ...] = ("tiff", "pdf")
    for fmt in formats:
        samples = scans.scanned_samples(5, seed=1, style="fax", fmt=fmt, pages=None)
        multi = [s for s in samples if len(s.page_texts) > 1]
        assert multi, "the corpus's first documents include two-page resumes"
        for sample in multi:
            if fmt == "pdf":
                document = fitz().open("pdf", sample.content)
                assert document.page_count == len(sample.page_texts)
                assert all(page.get_text().strip() == "" for page in document)
            else:
                frames = getattr(Image.open(io.BytesIO(sample.content)), "n_frames", 1)
                assert frames == len(sample.page_texts)


def test_scanned_samples_refuse_what_they_cannot_make() -> None:
    with pytest.raises(ValueError, match="one page"):
        scans.scanned_samples(1, seed=1, style="office", fmt="png", pages=2)
    with pytest.raises(ValueError, match="unknown style"):
        scans.scanned_samples(1, seed=1, style="polaroid")
    with pytest.raises(ValueError, match="unknown format"):
        scans.scanned_samples(1, seed=1, style="office", fmt="bmp")  # type: ignore[arg-type]


def test_reading_order_is_rows_top_to_bottom_then_left_to_right() -> None:
    boxes = [
        (300.0, 101.0, 400.0, 111.0, "right  top"),
        (10.0, 100.0, 200.0, 110.0, "left top"),
        (10.0, 120.0, 200.0, 130.0, "left second"),
        (300.0, 140.0, 400.0, 150.0, "right third"),
        (10.0, 160.0, 20.0, 170.0, "  "),
    ]
    assert scans.reading_order(boxes) == ["left top", "right top", "left second", "right third"]


# -- hostile inputs ---------------------------------------------------------------------------


def test_decompression_bomb_declares_billions_of_pixels_in_a_small_file() -> None:
    bomb = scans.decompression_bomb_png()
    assert bomb.startswith(b"\x89PNG\r\n\x1a\n") and bomb[12:16] == b"IHDR"
    width, height = struct.unpack(">II", bomb[16:24])
    assert width * height > 100_000_000
    assert len(bomb) < 2_000_000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(bomb))
    # The construction is a valid PNG: a small one decodes to what it declares.
    small = Image.open(io.BytesIO(scans.decompression_bomb_png(3001, 2003)))
    small.load()
    assert small.size == (3001, 2003)
    assert small.getextrema() == (0, 0)


def test_wide_truncated_blank_and_long_inputs() -> None:
    wide = Image.open(io.BytesIO(scans.wide_image_png()))
    assert wide.size == (30_000, 40)
    assert wide.getextrema() == (0, 255)

    truncated = Image.open(io.BytesIO(scans.truncated_jpeg()))  # the header parses
    assert truncated.format == "JPEG"
    with pytest.raises(OSError, match="truncated"):
        truncated.load()

    blank = _pixels(Image.open(io.BytesIO(scans.blank_image_png())))
    assert blank.shape == (1754, 1240)
    assert blank.std() > 1.0
    assert blank.min() > 150  # nothing written

    long = scans.scanned_pdf_pages(300)
    assert len(long) < 1_000_000
    document = fitz().open("pdf", long)
    assert document.page_count == 300
    for number in (0, 299):
        assert document[number].get_text().strip() == ""
        assert len(document[number].get_images()) == 1


# -- character error rate ---------------------------------------------------------------------


def test_character_error_rate_counts_edits_over_the_truth() -> None:
    truth = "Jane Doe\njane.doe@example.com"
    assert scans.character_error_rate(truth, truth) == 0.0
    assert scans.character_error_rate(truth, "  Jane   Doe jane.doe@example.com\n") == 0.0
    normalised = " ".join(truth.split())
    assert scans.character_error_rate(truth, truth.replace("@", "a")) == 1 / len(normalised)
    assert scans.character_error_rate(truth, "") == 1.0
    assert scans.character_error_rate("", "") == 0.0
    assert scans.character_error_rate("", "x") == 1.0


def _plain_levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (char != other))
    return row[-1]


def test_bit_parallel_fallback_agrees_with_plain_dynamic_programming() -> None:
    rng = random.Random(0)
    for _ in range(300):
        a = "".join(rng.choice("abcé ") for _ in range(rng.randint(0, 90)))
        b = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 90)))
        assert scans._bit_parallel_levenshtein(a, b) == _plain_levenshtein(a, b), (a, b)
        assert scans._levenshtein(a, b) == _plain_levenshtein(a, b)
    page = "".join(rng.choice("abcdefghij ") for _ in range(3000))
    edited = page[:1000] + "XYZ" + page[1010:]
    assert scans._bit_parallel_levenshtein(page, edited) == scans._levenshtein(page, edited)


def test_styles_are_the_documented_presets() -> None:
    assert set(scans.STYLES) == {"clean", "office", "fax", "phone"}
    assert scans.STYLES["clean"] == scans.ScanStyle(dpi=200)
    office, fax, phone = (scans.STYLES[name] for name in ("office", "fax", "phone"))
    assert (office.dpi, office.rotate_degrees, office.jpeg_quality) == (200, 1.0, 85)
    assert (fax.dpi, fax.rotate_degrees, fax.threshold is not None) == (150, 0.7, True)
    assert (phone.gray, phone.perspective, phone.jpeg_quality) == (False, 0.03, 70)
    assert 150 <= phone.dpi <= 200 and phone.rotate_degrees == 2.0 and phone.lighting > 0
    with pytest.raises(AttributeError):
        replace(office).dpi = 100  # type: ignore[misc]


def test_contacts_are_found_on_page_one_even_wrapped_in_a_sidebar() -> None:
    # 0026 wraps the name over two sidebar lines, 0130 after the hyphen of "Al-Farsi".
    for index in (0, 26, 130):
        sample = make_sample(index, 1)
        basics = sample.truth["basics"]
        text = scans._first_page_text(sample.content)
        assert scans._shows_contacts(text, basics), sample.id
        assert not scans._shows_contacts(text.replace(basics["email"], ""), basics)
    wrong_phone = {**basics, "phone": "+15555550100"}
    assert not scans._shows_contacts(text, wrong_phone)
