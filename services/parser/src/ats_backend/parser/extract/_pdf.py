"""PDF text via PyMuPDF: the only module that touches ``pymupdf``.

PyMuPDF is imported on first use (it loads a large native library) and through
``importlib`` as ``Any``: its Python layer is untyped, so this module is the typed wrapper the
rest of the package sees. PyMuPDF is not thread-safe; callers parse one document per process or
thread at a time (the worker runs each parse in a child process anyway).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ats_backend.core.errors import DocumentUnreadable

from ._text import Line, is_page_number, normalise_line

__all__ = ["PdfText", "read_pdf"]

_TEXT_PRESERVE_WHITESPACE = 2
_TEXT_MEDIABOX_CLIP = 64
# Ligatures are not preserved (MuPDF expands them); no images; no CID codes for unmapped glyphs,
# so text without a Unicode mapping shows up as U+FFFD and can be counted.
_TEXT_FLAGS = _TEXT_PRESERVE_WHITESPACE | _TEXT_MEDIABOX_CLIP
_LINK_URI = 2
_MARGIN_TOP = 0.08
_MARGIN_BOTTOM = 0.90
_MAX_LINKS = 200
_BOLD_FLAG = 16


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


@functools.cache
def _pymupdf() -> Any:
    fitz = importlib.import_module("pymupdf")
    # MuPDF prints its errors to stderr by default; we read them from its warning list instead
    # and report them in DocumentUnreadable details and output warnings.
    fitz.TOOLS.mupdf_display_errors(False)
    return fitz


def read_pdf(data: bytes, *, max_pages: int, max_chars: int) -> PdfText:
    """Extract the text lines of a PDF; raise ``DocumentUnreadable`` if it cannot be read."""
    fitz = _pymupdf()
    fitz.TOOLS.mupdf_warnings(reset=True)  # MuPDF keeps warnings in a global list: keep it short
    try:
        doc = fitz.open(stream=data, filetype="pdf")
    except (RuntimeError, ValueError) as exc:  # pymupdf.FileDataError is a RuntimeError
        raise _corrupt(fitz, exc) from exc
    try:
        return _read(fitz, doc, max_pages=max_pages, max_chars=max_chars)
    finally:
        doc.close()
        fitz.TOOLS.mupdf_warnings(reset=True)


def _corrupt(fitz: Any, exc: Exception) -> DocumentUnreadable:
    causes = [str(line) for line in str(fitz.TOOLS.mupdf_warnings()).splitlines() if line]
    cause = causes[0] if causes else str(exc) or type(exc).__name__
    return DocumentUnreadable(
        f"the PDF is damaged and cannot be read: {cause[:120]}", reason="corrupt_document"
    )


def _read(fitz: Any, doc: Any, *, max_pages: int, max_chars: int) -> PdfText:
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
    margins: set[str] = set()
    failed: list[int] = []
    empty: list[int] = []
    for number in range(min(result.pages, max_pages)):
        try:
            page = doc.load_page(number)
            height = float(page.rect.height) or 1.0
            blocks = page.get_text("dict", flags=_TEXT_FLAGS)["blocks"]
            links = page.get_links()
        except (RuntimeError, ValueError):
            failed.append(number + 1)
            continue
        before = len(result.lines)
        for line in _page_lines(blocks, number, height, result):
            if _is_furniture(line, margins):
                continue
            result.lines.append(line)
        if len(result.lines) == before:
            empty.append(number + 1)
        for link in links:
            if link.get("kind") == _LINK_URI and link.get("uri") and len(result.uris) < _MAX_LINKS:
                top = float(link["from"].y0) / height if "from" in link else 0.0
                result.uris.append(Line(str(link["uri"]), page=number, top=top))
        if result.chars > max_chars:
            result.warnings.append(f"the text was cut after {max_chars} characters")
            break
    if failed and len(failed) == min(result.pages, max_pages):
        raise DocumentUnreadable(
            "the PDF is damaged and cannot be read: no page could be loaded",
            reason="corrupt_document",
        )
    if failed:
        result.warnings.append(f"pages {_numbers(failed)} could not be read")
    if empty and result.lines:
        result.warnings.append(f"pages {_numbers(empty)} have no text (scanned pages?)")
    return result


def _page_lines(blocks: Any, page: int, height: float, result: PdfText) -> Iterator[Line]:
    """The page's text lines in reading order: blocks top to bottom, then left to right."""
    text_blocks = [block for block in blocks if block.get("type") == 0]
    # Round the top edge to a few points so blocks that start on the same row sort by x.
    text_blocks.sort(key=lambda block: (round(block["bbox"][1] / 4), block["bbox"][0]))
    for block in text_blocks:
        for line in block["lines"]:
            spans = line["spans"]
            raw = "".join(str(span["text"]) for span in spans)
            result.chars += len(raw)
            result.unmapped_chars += raw.count("\ufffd")
            text = normalise_line(raw)
            if not text:
                continue
            yield Line(
                text,
                size=max((float(span["size"]) for span in spans), default=0.0),
                bold=any(
                    int(span["flags"]) & _BOLD_FLAG or "bold" in str(span["font"]).lower()
                    for span in spans
                ),
                page=page,
                top=float(line["bbox"][1]) / height,
            )


def _is_furniture(line: Line, seen_in_margins: set[str]) -> bool:
    """Page numbers, and running headers/footers repeated from an earlier page's margin."""
    in_margin = line.top < _MARGIN_TOP or line.top > _MARGIN_BOTTOM
    if not in_margin:
        return False
    if is_page_number(line.text):
        return True
    key = "".join("#" if ch.isdigit() else ch for ch in line.text.lower())
    if key in seen_in_margins:
        return line.page > 0
    seen_in_margins.add(key)
    return False


def _numbers(pages: list[int]) -> str:
    shown = ", ".join(str(page) for page in pages[:10])
    return shown + (f" and {len(pages) - 10} more" if len(pages) > 10 else "")
