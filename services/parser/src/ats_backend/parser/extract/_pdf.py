"""PDF text via PyMuPDF: the only module that touches ``pymupdf``.

One ``page.get_text("dict")`` per page gives spans with font, size, flags and boxes; each line
is cut into fragments where a wide gap separates its spans (two cells, two columns), running
headers and footers and page numbers are dropped across pages, and ``_layout`` puts the rest in
reading order. Lines then have words hyphenated and date ranges wrapped across lines joined.

Pages with no usable text (a scan, broken fonts: see ``_scanned``) are rendered and read by the
OCR engine the caller passes, if any; their recognised runs become fragments like any other
text, so columns and reading order work the same. Without an engine such a document fails
with ``ocr_unavailable`` (the worker then moves it to the OCR lane).

PyMuPDF is imported on first use (it loads a large native library) and through
``importlib`` as ``Any``: its Python layer is untyped, so this module is the typed wrapper the
rest of the package sees. PyMuPDF is not thread-safe; callers parse one document per process or
thread at a time (the worker runs each parse in a child process anyway).
"""

from __future__ import annotations

import functools
import importlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ats_backend.core.errors import DocumentUnreadable

from ._layout import Fragment, Row, arrange, row_text
from ._ocr import (
    REASON_GARBAGE_TEXT,
    REASON_IMAGE_PAGE,
    REASON_NO_TEXT_LAYER,
    GrayImage,
    OcrEngine,
    OcrPage,
)
from ._ocr_repair import repair_line
from ._scanned import (
    IMAGE_PAGE_COVERAGE,
    MIN_TEXT_CHARS,
    SPARSE_TEXT_CHARS,
    garbage_text,
    visible_chars,
)
from ._text import Line, is_page_number, join_wrapped, normalise_line

__all__ = ["PdfText", "read_pdf", "read_scans"]

_TEXT_PRESERVE_WHITESPACE = 2
_TEXT_MEDIABOX_CLIP = 64
# Ligatures are not preserved (MuPDF expands them); no images; no CID codes for unmapped glyphs,
# so text without a Unicode mapping shows up as U+FFFD and can be counted.
_TEXT_FLAGS = _TEXT_PRESERVE_WHITESPACE | _TEXT_MEDIABOX_CLIP
_LINK_URI = 2
_MARGIN_TOP = 0.1
_MARGIN_BOTTOM = 0.9
"""Running headers, footers and page numbers sit above or below these fractions of the page."""
_MAX_LINKS = 200
_BOLD_FLAG = 16
_HORIZONTAL = 0.2
"""A line whose direction rises more than this (sine of its angle) is not horizontal."""
_SPLIT_GAP = 0.6
_WORD_GAP = 0.15
"""Gaps between spans of one line, in ems: wider than ``_SPLIT_GAP`` cuts the line in two
fragments (two cells, two columns), wider than ``_WORD_GAP`` is a space."""
_INK_DPI = 36
_INK_LEVEL = 200
_INK_SHARE = 0.0005
"""A page with no text is blank unless this share of a coarse rendering is darker than
``_INK_LEVEL``: blank pages are not worth recognising."""
_LIGHT = bytes(range(_INK_LEVEL, 256))
_MAX_RENDER_PIXELS = 16_000_000
"""A page is rendered for OCR at a lower resolution rather than above this many pixels."""
_OCR_SIZE = 0.8
"""Font size of recognised text, as a share of its box height (boxes include ascenders)."""


@dataclass(slots=True)
class PdfText:
    """What a PDF yields: lines in reading order, link targets, page counts and warnings."""

    lines: list[Line] = field(default_factory=list)
    uris: list[Line] = field(default_factory=list)
    """Targets of link annotations (``https:``, ``mailto:``, ``tel:``), placed like text lines."""
    pages: int = 0
    repaired: bool = False
    """MuPDF had to rebuild a damaged file; missing text then means damage, not a scan."""
    warnings: list[str] = field(default_factory=list)
    unmapped_chars: int = 0
    chars: int = 0
    ocr: list[OcrPage] = field(default_factory=list)
    """Pages recognised by the OCR engine, in page order."""


@functools.cache
def _pymupdf() -> Any:
    fitz = importlib.import_module("pymupdf")
    # MuPDF prints its errors to stderr by default; we read them from its warning list instead
    # and report them in DocumentUnreadable details and output warnings.
    fitz.TOOLS.mupdf_display_errors(False)
    return fitz


def read_pdf(
    data: bytes,
    *,
    max_pages: int,
    max_chars: int,
    ocr: OcrEngine | None = None,
    max_ocr_pages: int = 0,
) -> PdfText:
    """Extract the text lines of a PDF; raise ``DocumentUnreadable`` if it cannot be read.

    Pages that need OCR are recognised with ``ocr``, at most ``max_ocr_pages`` of them (the
    rest are skipped with a warning); without an engine the document fails with
    ``ocr_unavailable``."""
    fitz = _pymupdf()
    fitz.TOOLS.mupdf_warnings(reset=True)  # MuPDF keeps warnings in a global list: keep it short
    try:
        doc = fitz.open(stream=data, filetype="pdf")
    except (RuntimeError, ValueError) as exc:  # pymupdf.FileDataError is a RuntimeError
        raise _corrupt(fitz, exc) from exc
    try:
        return _read(
            fitz, doc, max_pages=max_pages, max_chars=max_chars, ocr=ocr, max_ocr=max_ocr_pages
        )
    finally:
        doc.close()
        fitz.TOOLS.mupdf_warnings(reset=True)


def _corrupt(fitz: Any, exc: Exception) -> DocumentUnreadable:
    causes = [str(line) for line in str(fitz.TOOLS.mupdf_warnings()).splitlines() if line]
    cause = causes[0] if causes else str(exc) or type(exc).__name__
    return DocumentUnreadable(
        f"the PDF is damaged and cannot be read: {cause[:120]}", reason="corrupt_document"
    )


def _read(
    fitz: Any,
    doc: Any,
    *,
    max_pages: int,
    max_chars: int,
    ocr: OcrEngine | None,
    max_ocr: int,
) -> PdfText:
    if doc.needs_pass:
        raise DocumentUnreadable(
            "the PDF is encrypted and needs a password to open", reason="encrypted_document"
        )
    result = PdfText(pages=int(doc.page_count))
    if result.pages == 0:
        raise DocumentUnreadable(
            "the PDF is damaged and cannot be read: it has no pages", reason="corrupt_document"
        )
    result.repaired = bool(doc.is_repaired)
    if result.repaired:
        result.warnings.append(
            "the PDF was damaged and has been repaired; some text may be missing"
        )
    if result.pages > max_pages:
        result.warnings.append(
            f"the document has {result.pages} pages; only the first {max_pages} were read"
        )
    pages: list[_PageText] = []
    failed: list[int] = []
    scanned: list[tuple[int, str]] = []
    for number in range(min(result.pages, max_pages)):
        try:
            page = doc.load_page(number)
            rect = page.rect
            turned = int(page.rotation) % 180 == 90
            blocks = page.get_text("dict", flags=_TEXT_FLAGS)["blocks"]
            links = page.get_links()
        except (RuntimeError, ValueError):
            failed.append(number + 1)
            continue
        # Text comes in the coordinates of the page before its /Rotate: so do its sizes.
        width, height = float(rect.width) or 1.0, float(rect.height) or 1.0
        if turned:
            width, height = height, width
        page_text = _page_text(blocks, number, width, height, result)
        reason = _ocr_reason(fitz, page, page_text, width * height)
        if reason is not None:
            scanned.append((number, reason))
            page_text.fragments.clear()
            page_text.rotated.clear()
            page_text.margins.clear()
        pages.append(page_text)
        for link in links:
            if link.get("kind") == _LINK_URI and link.get("uri") and len(result.uris) < _MAX_LINKS:
                box = link.get("from")
                result.uris.append(
                    Line(
                        str(link["uri"]),
                        page=number,
                        top=float(box.y0) / height if box is not None else 0.0,
                        x0=float(box.x0) / width if box is not None else 0.0,
                        x1=float(box.x1) / width if box is not None else 0.0,
                    )
                )
        if result.chars > max_chars:
            result.warnings.append(f"the text was cut after {max_chars} characters")
            break
    if failed and len(failed) == min(result.pages, max_pages):
        raise DocumentUnreadable(
            "the PDF is damaged and cannot be read: no page could be loaded",
            reason="corrupt_document",
        )
    if scanned:
        _recognise(fitz, doc, pages, scanned, ocr, max_ocr, result)
    if failed:
        result.warnings.append(f"pages {_numbers(failed)} could not be read")
    _assemble(pages, result)
    return result


def read_scans(images: list[GrayImage], ocr: OcrEngine, reason: str) -> PdfText:
    """The text lines of page images (an image file's frames), laid out like PDF pages."""
    result = PdfText(pages=len(images))
    pages: list[_PageText] = []
    for number, image in enumerate(images):
        page = _PageText(number, image.width * 72 / image.dpi, image.height * 72 / image.dpi)
        pages.append(page)
        _ocr_page(page, image, reason, ocr, result)
    _assemble(pages, result)
    return result


def _assemble(pages: list[_PageText], result: PdfText) -> None:
    """Lines of all pages in reading order, running headers and footers dropped."""
    empty: list[int] = []
    lines: list[Line] = []
    running = _running_furniture(pages)
    for page in pages:
        before = len(lines)
        lines.extend(_page_lines(page, running))
        if len(lines) == before:
            empty.append(page.number + 1)
    result.lines = join_wrapped(lines)
    if empty and result.lines:
        result.warnings.append(f"pages {_numbers(empty)} have no text")


def _ocr_reason(fitz: Any, page: Any, text: _PageText, area: float) -> str | None:
    """Why the page must be recognised, or ``None`` when its text layer will do."""
    content = " ".join(f.text for f in (*text.fragments, *text.rotated))
    visible = visible_chars(content)
    if visible >= MIN_TEXT_CHARS and garbage_text(content):
        return REASON_GARBAGE_TEXT
    if visible >= SPARSE_TEXT_CHARS:
        return None
    try:
        images = page.get_image_info()
    except (RuntimeError, ValueError):
        images = []
    if visible == 0:
        return REASON_NO_TEXT_LAYER if images or _has_ink(fitz, page) else None
    largest = max((_area(image.get("bbox")) for image in images), default=0.0)
    # A few words over a full-page image: a scan with a stamped number or header line. A few
    # words alone are a short text page (a second page holding one line), read as text.
    return REASON_IMAGE_PAGE if largest >= IMAGE_PAGE_COVERAGE * area else None


def _area(box: Any) -> float:
    if not box:
        return 0.0
    x0, y0, x1, y1 = box
    return max(0.0, float(x1) - float(x0)) * max(0.0, float(y1) - float(y0))


def _has_ink(fitz: Any, page: Any) -> bool:
    """Whether anything dark is drawn on the page (vector outlines of text, say)."""
    try:
        pix = page.get_pixmap(dpi=_INK_DPI, colorspace=fitz.csGRAY, alpha=False)
    except (RuntimeError, ValueError):
        return False
    samples = bytes(pix.samples)
    dark = len(samples.translate(None, _LIGHT))  # bytes.translate deletes the light pixels
    return dark > _INK_SHARE * len(samples)


def _recognise(
    fitz: Any,
    doc: Any,
    pages: list[_PageText],
    scanned: list[tuple[int, str]],
    ocr: OcrEngine | None,
    max_ocr: int,
    result: PdfText,
) -> None:
    """Fill the scanned pages' fragments from the OCR engine (or fail without one)."""
    if ocr is None:
        reasons = sorted({reason for _, reason in scanned})
        which = "page" if len(scanned) == 1 else "pages"
        verb = "needs" if len(scanned) == 1 else "need"
        raise DocumentUnreadable(
            f"{which} {_numbers([n + 1 for n, _ in scanned])} {verb} text recognition "
            f"({', '.join(reasons)}) and no OCR engine is available",
            reason="ocr_unavailable",
        )
    if len(scanned) > max_ocr:
        skipped = [number + 1 for number, _ in scanned[max_ocr:]]
        result.warnings.append(
            f"{len(scanned)} pages need text recognition; only the first {max_ocr} were "
            f"recognised (pages {_numbers(skipped)} were skipped)"
        )
    by_number = {page.number: page for page in pages}
    for number, reason in scanned[:max_ocr]:
        try:
            image = _render(fitz, doc.load_page(number), ocr.render_dpi)
        except (RuntimeError, ValueError):
            result.warnings.append(f"page {number + 1} could not be rendered for recognition")
            continue
        _ocr_page(by_number[number], image, reason, ocr, result)


def _ocr_page(
    page: _PageText, image: GrayImage, reason: str, ocr: OcrEngine, result: PdfText
) -> None:
    """Recognise one page image into the page's fragments (in points) and record it."""
    started = time.perf_counter()
    texts = ocr.read(image)
    scale_x, scale_y = page.width / image.width, page.height / image.height
    for found in texts:
        text = repair_line(found.text)
        if not text.strip():
            continue
        result.chars += len(text)
        height = (found.y1 - found.y0) * scale_y
        page.fragments.append(
            Fragment(
                text,
                found.x0 * scale_x,
                found.y0 * scale_y,
                found.x1 * scale_x,
                found.y1 * scale_y,
                size=round(height * _OCR_SIZE, 1),
            )
        )
    _mark_margins(page)
    confidence = sum(t.confidence for t in texts) / len(texts) if texts else 0.0
    result.ocr.append(
        OcrPage(
            page=page.number + 1,
            reason=reason,
            seconds=round(time.perf_counter() - started, 3),
            texts=len(texts),
            confidence=round(confidence, 3),
        )
    )


def _render(fitz: Any, page: Any, dpi: float) -> GrayImage:
    """The page as an 8-bit gray image at ``dpi`` (less for oversized pages)."""
    rect = page.rect
    inches = (float(rect.width) / 72.0) * (float(rect.height) / 72.0)
    if inches > 0 and inches * dpi * dpi > _MAX_RENDER_PIXELS:
        dpi = (_MAX_RENDER_PIXELS / inches) ** 0.5
    pix = page.get_pixmap(dpi=max(1, int(dpi)), colorspace=fitz.csGRAY, alpha=False)
    width, height = int(pix.width), int(pix.height)
    samples = bytes(pix.samples)
    stride = int(pix.stride)
    if stride != width:  # rows padded: keep the pixels only
        samples = b"".join(samples[row * stride : row * stride + width] for row in range(height))
    return GrayImage(width=width, height=height, pixels=samples, dpi=float(dpi))


@dataclass(slots=True)
class _PageText:
    number: int
    width: float
    height: float
    fragments: list[Fragment] = field(default_factory=list)
    rotated: list[Fragment] = field(default_factory=list)
    """Lines not written left to right (a name running up a sidebar): read after the page."""
    margins: dict[int, tuple[str, str]] = field(default_factory=dict)
    """``id(fragment) -> (margin, key)`` for fragments in the top or bottom margin."""


def _page_text(blocks: Any, number: int, width: float, height: float, result: PdfText) -> _PageText:
    """The page's text as fragments: each line's spans, cut where a wide gap separates them."""
    page = _PageText(number, width, height)
    fragments = page.fragments
    for block in blocks:
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            spans = line["spans"]
            horizontal = abs(line["dir"][1]) < _HORIZONTAL
            current: Fragment | None = None
            for span in spans:
                text = span["text"]
                if not text:
                    continue
                result.chars += len(text)
                if "\ufffd" in text:
                    result.unmapped_chars += text.count("\ufffd")
                x0, y0, x1, y1 = span["bbox"]
                size = float(span["size"])
                blank = text.isspace()
                if current is not None and horizontal:
                    em = max(size, current.size, 1.0)
                    # A wide gap, or a wide run of blank space, cuts the line in two.
                    if x0 - current.x1 > _SPLIT_GAP * em or (blank and x1 - x0 > _SPLIT_GAP * em):
                        fragments.append(current)
                        current = None
                        if blank:
                            continue
                if current is None:
                    if blank:
                        continue
                    current = Fragment(
                        text,
                        x0,
                        y0,
                        x1,
                        y1,
                        base=float(span["origin"][1]),
                        size=size,
                        bold=bool(span["flags"] & _BOLD_FLAG) or _bold_font(span["font"]),
                    )
                    continue
                if x0 - current.x1 > _WORD_GAP * size and not (
                    text[0].isspace() or current.text[-1].isspace()
                ):
                    current.text += " "
                current.text += text
                current.x1 = max(current.x1, x1)
                current.y0 = min(current.y0, y0)
                current.y1 = max(current.y1, y1)
                current.size = max(current.size, size)
                current.bold = current.bold or bool(span["flags"] & _BOLD_FLAG)
                current.bold = current.bold or _bold_font(span["font"])
            if current is not None and not current.text.isspace():
                (fragments if horizontal else page.rotated).append(current)
    _mark_margins(page)
    return page


def _mark_margins(page: _PageText) -> None:
    """Note the fragments in the top and bottom margins (candidates for furniture)."""
    top, bottom = _MARGIN_TOP * page.height, _MARGIN_BOTTOM * page.height
    for f in page.fragments:
        middle = (f.y0 + f.y1) / 2
        if top < middle < bottom:
            continue
        text = normalise_line(f.text)
        margin = "top" if middle <= top else "bottom"
        if not text or is_page_number(text):
            page.margins[id(f)] = (margin, "")
        else:
            key = "".join("#" if ch.isdigit() else ch for ch in text.lower())
            page.margins[id(f)] = (margin, key)


@functools.cache
def _bold_font(font: str) -> bool:
    name = font.lower()
    return "bold" in name or "black" in name or "heavy" in name


def _running_furniture(pages: list[_PageText]) -> set[tuple[str, str]]:
    """Margin texts (page numbers masked) that repeat on two or more pages."""
    seen: dict[tuple[str, str], int] = {}
    running: set[tuple[str, str]] = set()
    for page in pages:
        for entry in set(page.margins.values()):
            if not entry[1]:
                continue
            if seen.setdefault(entry, page.number) != page.number:
                running.add(entry)
    return running


def _page_lines(page: _PageText, running: set[tuple[str, str]]) -> Iterator[Line]:
    """The page's lines in reading order, without page numbers and running headers/footers.

    A running header stays on the first page, where it is usually the name and contacts; a
    running footer goes everywhere.
    """
    fragments = page.fragments
    if page.margins:
        fragments = [f for f in fragments if not _is_furniture(page, f, running)]
    rows = arrange(fragments, page=page.number)
    rows.extend(Row([f]) for f in page.rotated)
    for row in rows:
        text = row_text(row.fragments)
        if not text:
            continue
        frags = row.fragments
        yield Line(
            text,
            size=max(f.size for f in frags),
            bold=any(f.bold for f in frags),
            page=page.number,
            top=min(f.y0 for f in frags) / page.height,
            x0=min(f.x0 for f in frags) / page.width,
            x1=max(f.x1 for f in frags) / page.width,
            column=row.column,
        )


def _is_furniture(page: _PageText, fragment: Fragment, running: set[tuple[str, str]]) -> bool:
    entry = page.margins.get(id(fragment))
    if entry is None:
        return False
    margin, key = entry
    if not key:  # a page number, or nothing left once normalised
        return True
    return entry in running and (margin == "bottom" or page.number > 0)


def _numbers(pages: list[int]) -> str:
    shown = ", ".join(str(page) for page in pages[:10])
    return shown + (f" and {len(pages) - 10} more" if len(pages) > 10 else "")
