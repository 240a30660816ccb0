"""The entry point: document bytes in, a JSON Resume shaped dict out.

    parse_document(data, content_type=None, filename="")
        ├── sniff the type (ats_backend.core.filetypes) unless the caller knows it
        ├── extract text lines: PDF (_pdf, PyMuPDF), Word (_docx, python-docx), HTML (_html,
        │   lxml) or plain text (_text); every reader yields the same ``Line``s
        ├── scanned PDF pages and image files (_images, Pillow) go through the OCR engine the
        │   caller passes (``ats_backend.parser.ocr``), laid out like PDF text
        └── extract fields: one code path for every format (_profile)

Failures are ``AtsError``s: ``UnsupportedMediaType`` for types we cannot parse (yet), and
``DocumentUnreadable`` with ``reason`` one of ``empty_document``, ``corrupt_document``,
``encrypted_document``, ``archive_too_large`` (a DOCX over the unpacking caps), ``no_text``,
``image_too_large`` (an image over the pixel caps) or ``ocr_unavailable`` (the document needs
text recognition and no engine was given: the worker moves it to the OCR lane).
"""

from __future__ import annotations

import time
from typing import Any

from ats_backend.core.errors import DocumentUnreadable, UnsupportedMediaType
from ats_backend.core.filetypes import (
    DOC,
    DOCX,
    HTML,
    JPEG,
    OCTET_STREAM,
    ODT,
    PDF,
    PNG,
    RTF,
    TEXT,
    TIFF,
    WEBP,
    describe,
    essence,
    sniff,
)

from ._docx import read_docx
from ._flow import FlowText
from ._html import read_html
from ._images import read_image_pages
from ._ocr import REASON_IMAGE, OcrEngine, OcrPage
from ._pdf import PdfText, read_pdf, read_scans
from ._profile import extract_profile
from ._text import Line, decode_text, lines_from_text

__all__ = ["MAX_OCR_PAGES", "MAX_PAGES", "MAX_TEXT_CHARS", "SCHEMA_VERSION", "parse_document"]

MAX_PAGES = 50
"""Pages read from a PDF; the rest are skipped with a warning (a resume is one to a few pages)."""

MAX_OCR_PAGES = 10
"""Pages recognised by OCR per document (about 2 s each); the rest are skipped with a warning."""

MAX_TEXT_CHARS = 1_000_000
"""Characters of text kept from a document; the rest is cut with a warning."""

SCHEMA_VERSION = 1
"""Version of the output shape (``x_ats.schema_version``); bump on incompatible changes."""

_UNMAPPED_WARNING_RATIO = 0.2
_IMAGES = frozenset({PNG, JPEG, TIFF, WEBP})
_PARSEABLE = frozenset({PDF, DOCX, HTML, TEXT}) | _IMAGES
# Text that is mostly control characters is binary data declared as text, not a resume.
_CONTROL_SAMPLE = 65_536
_MAX_CONTROL_RATIO = 0.3
_EXTENSIONS = {
    ".pdf": PDF,
    ".txt": TEXT,
    ".text": TEXT,
    ".docx": DOCX,
    ".doc": DOC,
    ".odt": ODT,
    ".rtf": RTF,
    ".html": HTML,
    ".htm": HTML,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".tif": TIFF,
    ".tiff": TIFF,
    ".webp": WEBP,
}


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _content_type(data: bytes, declared: str | None) -> str:
    declared = essence(declared or "")
    # A generic declaration says nothing: look at the bytes instead.
    return sniff(data) if declared in {"", OCTET_STREAM} else declared


def _plain_text(data: bytes, warnings: list[str]) -> list[Line]:
    text, encoding = decode_text(data)
    if encoding not in {"utf-8", "utf-16"}:
        warnings.append(f"the text is not UTF-8; it was read as {encoding}")
    sample = [ch for ch in text[:_CONTROL_SAMPLE] if not ch.isspace()]
    controls = sum(1 for ch in sample if (ch < " " or "\x7f" <= ch < "\xa0"))
    if sample and controls > _MAX_CONTROL_RATIO * len(sample):
        raise DocumentUnreadable(
            "the file is mostly control characters: it is binary data, not text",
            reason="no_text",
        )
    if len(text) > MAX_TEXT_CHARS:
        warnings.append(f"the text was cut after {MAX_TEXT_CHARS} characters")
        text = text[:MAX_TEXT_CHARS]
    return lines_from_text(text)


def _flowing(flow: FlowText, warnings: list[str], kind: str) -> tuple[list[Line], list[Line]]:
    warnings.extend(flow.warnings)
    if not flow.lines:
        raise DocumentUnreadable(f"the {kind} contains no text", reason="no_text")
    return flow.lines, flow.uris


def _ocr_summary(engine: OcrEngine, pages: list[OcrPage]) -> dict[str, Any]:
    return {
        "engine": engine.name,
        "pages": [
            {
                "page": page.page,
                "reason": page.reason,
                "seconds": page.seconds,
                "texts": page.texts,
                "confidence": page.confidence,
            }
            for page in pages
        ],
    }


def _read_images(data: bytes, ocr: OcrEngine | None, warnings: list[str]) -> PdfText:
    if ocr is None:
        raise DocumentUnreadable(
            "the image needs text recognition and no OCR engine is available",
            reason="ocr_unavailable",
        )
    images, frames = read_image_pages(data, max_pages=MAX_OCR_PAGES)
    if frames > len(images):
        warnings.append(
            f"the image has {frames} pages; only the first {len(images)} were recognised"
        )
    scans = read_scans(images, ocr, REASON_IMAGE)
    if not scans.lines:
        raise DocumentUnreadable("no text was recognised in the image", reason="no_text")
    return scans


def parse_document(
    data: bytes,
    *,
    content_type: str | None = None,
    filename: str = "",
    ocr: OcrEngine | None = None,
) -> dict[str, Any]:
    """Parse a resume into a JSON-serialisable dict in JSON Resume shape.

    ``content_type`` is sniffed from ``data`` when ``None`` (or ``application/octet-stream``).
    ``filename`` only serves a warning when its extension contradicts the content. ``ocr``
    recognises scanned pages and images; without it they fail with ``ocr_unavailable``.
    Pure: no I/O, no global state beyond caches; safe to call in a sandboxed child process.

    The result::

        {"basics": {"name", "email", "phone" (E.164), "url", "profiles": [{network, username,
                    url}]},                  # keys that were not found are left out
         "skills": [{"name": "Python", "keywords": []}, ...],
         "x_ats": {"schema_version": 1,
                   "extraction_method": "pdf_text" | "pdf_ocr" (some pages recognised) |
                                        "image_ocr" | "docx" | "html" | "plain_text",
                   "content_type": ..., "pages": pages in the document (1 for plain text and
                   HTML; for DOCX the page breaks the file records, often Word's own),
                   "warnings": [human-readable strings],
                   "timings_ms": {"extract_text": float, "fields": float},
                   "ocr": {"engine": "easyocr 1.7.2 ...", "pages": [{"page": 1-based,
                           "reason": "no_text_layer" | "garbage_text" | "image_page" |
                           "image", "seconds", "texts": runs found, "confidence": mean}]}
                                             # only when OCR ran}}
    """
    if not data:
        raise DocumentUnreadable("the document is empty", reason="empty_document")
    kind = _content_type(data, content_type)
    if kind not in _PARSEABLE:
        raise UnsupportedMediaType(f"cannot parse {describe(kind)} yet", field="file")

    warnings: list[str] = []
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if _EXTENSIONS.get(extension, kind) != kind:
        warnings.append(f"the file name ends in {extension} but the content is {describe(kind)}")

    started = time.perf_counter()
    uris: list[Line] = []
    pages = 1
    recognised: list[OcrPage] = []
    if kind == PDF:
        pdf = read_pdf(
            data,
            max_pages=MAX_PAGES,
            max_chars=MAX_TEXT_CHARS,
            ocr=ocr,
            max_ocr_pages=MAX_OCR_PAGES,
        )
        lines, uris, pages, recognised = pdf.lines, pdf.uris, pdf.pages, pdf.ocr
        warnings.extend(pdf.warnings)
        if not recognised and pdf.unmapped_chars > _UNMAPPED_WARNING_RATIO * max(1, pdf.chars):
            warnings.append("much of the text uses fonts without a Unicode mapping and was lost")
        if not lines and pdf.repaired:
            raise DocumentUnreadable(
                "the PDF is damaged and cannot be read: no text survived the repair",
                reason="corrupt_document",
            )
        if not lines:
            raise DocumentUnreadable(
                "no text was recognised in the PDF" if recognised else "the PDF's pages are blank",
                reason="no_text",
            )
        method = "pdf_ocr" if recognised else "pdf_text"
    elif kind in _IMAGES:
        scans = _read_images(data, ocr, warnings)
        lines, pages, recognised, method = scans.lines, scans.pages, scans.ocr, "image_ocr"
        warnings.extend(scans.warnings)
    elif kind == DOCX:
        docx = read_docx(data, max_chars=MAX_TEXT_CHARS)
        lines, uris = _flowing(docx, warnings, "Word document")
        pages, method = docx.pages, "docx"
    elif kind == HTML:
        html = read_html(data, declared=content_type, max_chars=MAX_TEXT_CHARS)
        lines, uris = _flowing(html, warnings, "HTML document")
        method = "html"
    else:
        lines = _plain_text(data, warnings)
        if not lines:
            raise DocumentUnreadable("the document contains no text", reason="no_text")
        method = "plain_text"
    extracted = time.perf_counter()

    profile = extract_profile(lines, uris)
    done = time.perf_counter()
    extra = {"ocr": _ocr_summary(ocr, recognised)} if ocr is not None and recognised else {}
    return {
        **profile,
        "x_ats": {
            **extra,
            **profile["x_ats"],
            "schema_version": SCHEMA_VERSION,
            "extraction_method": method,
            "content_type": kind,
            "pages": pages,
            "warnings": warnings,
            "timings_ms": {
                "extract_text": _ms(extracted - started),
                "fields": _ms(done - extracted),
            },
        },
    }
