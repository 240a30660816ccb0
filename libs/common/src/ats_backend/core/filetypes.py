"""Content sniffing by magic bytes, shared by the ingest and parser services.

We never trust a client's ``Content-Type`` or file name: ``sniff`` looks at the first bytes of
the upload (up to ``SNIFF_BYTES``) and names what they really are. It is a pure function over a
prefix, so ingest can call it on the first chunk of a stream before the rest has arrived.

Recognition is best effort and deliberately conservative: anything we cannot name is
``application/octet-stream``, which callers reject with :func:`describe` in the message, e.g.
``unsupported file type: ZIP archive (application/zip)``.
"""

from __future__ import annotations

import struct
import unicodedata

__all__ = [
    "DOC",
    "DOCX",
    "GIF",
    "HTML",
    "JPEG",
    "OCTET_STREAM",
    "ODT",
    "PDF",
    "PNG",
    "PPTX",
    "RTF",
    "SNIFF_BYTES",
    "SUPPORTED",
    "TEXT",
    "TIFF",
    "WEBP",
    "XLSX",
    "ZIP",
    "describe",
    "essence",
    "sniff",
]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
DOC = "application/msword"
RTF = "application/rtf"
ZIP = "application/zip"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
WEBP = "image/webp"
GIF = "image/gif"
TEXT = "text/plain"
HTML = "text/html"
OCTET_STREAM = "application/octet-stream"

SUPPORTED: frozenset[str] = frozenset({PDF, DOCX, PNG, JPEG, TIFF, WEBP, TEXT, HTML})
"""Types accepted for upload. Images go straight to the OCR lane (``parse.ocr``); a deployment
without OCR fails their jobs with the reason ``ocr_unavailable``."""

SNIFF_BYTES = 8192
"""How many leading bytes ``sniff`` looks at; callers may pass more, the rest is ignored."""

_NAMES: dict[str, str] = {
    PDF: "PDF document",
    DOCX: "Word document",
    XLSX: "Excel spreadsheet",
    PPTX: "PowerPoint presentation",
    ODT: "OpenDocument text",
    DOC: "legacy Word document",
    RTF: "RTF document",
    ZIP: "ZIP archive",
    PNG: "PNG image",
    JPEG: "JPEG image",
    TIFF: "TIFF image",
    WEBP: "WebP image",
    GIF: "GIF image",
    TEXT: "plain text",
    HTML: "HTML document",
    OCTET_STREAM: "unknown binary file",
}

# (prefix, type) checked in order; PDF and ZIP need more than a prefix and are handled apart.
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", DOC),  # OLE2 compound file: .doc (or .xls/.ppt)
    (b"{\\rtf", RTF),
    (b"\x7fELF", OCTET_STREAM),
    (b"MZ", OCTET_STREAM),  # Windows executable
    (b"\x1f\x8b", OCTET_STREAM),  # gzip
    (b"7z\xbc\xaf\x27\x1c", OCTET_STREAM),
    (b"Rar!\x1a\x07", OCTET_STREAM),
)

_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # signature .. file name length, extra length
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_MAX_CONTROL_RATIO = 0.02
_CUT_REASONS = frozenset({"unexpected end of data", "truncated data"})


def essence(content_type: str) -> str:
    """``"Text/Plain; charset=utf-8"`` -> ``"text/plain"`` (the MIME type without parameters)."""
    return content_type.split(";", 1)[0].strip().lower()


def describe(content_type: str) -> str:
    """A short human name for a content type, for error messages."""
    base = essence(content_type)
    if base in _NAMES:
        return _NAMES[base]
    if not base:
        return "unknown file type"
    major = base.split("/", 1)[0]
    if major in {"image", "audio", "video"}:
        return f"{major} file"
    return f"{base} file"


def sniff(head: bytes) -> str:
    """Detect the content type of a file from its first bytes (up to ``SNIFF_BYTES``)."""
    head = head[:SNIFF_BYTES]
    # PDF readers accept junk before the header (within the first KiB); so do we.
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(_ZIP_SIGNATURES):
        return _sniff_zip(head)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    for prefix, content_type in _PREFIXES:
        if head.startswith(prefix):
            return content_type
    text = _decode_text(head)
    if text is None:
        return OCTET_STREAM
    return HTML if _looks_like_html(text) else TEXT


def _zip_entry_names(head: bytes) -> list[str]:
    """File names of the local file headers found in ``head``.

    Entries written with a data descriptor have no sizes in their header, so instead of walking
    header to header we look for every local header signature; a false hit inside compressed
    data only yields a name that matches nothing.
    """
    names: list[str] = []
    at = head.find(b"PK\x03\x04")
    while at != -1 and len(names) < 64:
        fixed_end = at + _LOCAL_HEADER.size
        if fixed_end <= len(head):
            fields = _LOCAL_HEADER.unpack_from(head, at)
            name_len = fields[9]
            raw = head[fixed_end : fixed_end + name_len]
            if 0 < name_len <= 512 and len(raw) == name_len:
                names.append(raw.decode("cp437", "replace"))
        at = head.find(b"PK\x03\x04", at + 4)
    return names


def _sniff_zip(head: bytes) -> str:
    names = _zip_entry_names(head)
    # ODF puts an uncompressed "mimetype" entry first; its content follows the header.
    if names[:1] == ["mimetype"] and b"application/vnd.oasis.opendocument.text" in head[:256]:
        return ODT
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    if any(name.startswith("ppt/") for name in names):
        return PPTX
    if "[Content_Types].xml" in names:
        return DOCX  # an OOXML package whose parts lie beyond the head; most likely a resume
    return ZIP


def _decode_text(head: bytes) -> str | None:
    """``head`` as text if it looks like a text file, else ``None``."""
    encoding, had_bom = "utf-8", False
    for bom, bom_encoding in _BOMS:
        if head.startswith(bom):
            encoding, head, had_bom = bom_encoding, head[len(bom) :], True
            break
    if encoding == "utf-8" and b"\x00" in head:
        return None
    try:
        text = head.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.reason in _CUT_REASONS and len(head) - exc.start <= 3:
            # The head ends inside a multibyte character: that is a cut, not bad data.
            text = head[: exc.start].decode(encoding)
        elif encoding == "utf-8" and not had_bom:
            legacy = _decode_legacy(head)
            if legacy is None:
                return None
            text = legacy
        else:
            return None
    if "\x00" in text:
        return None
    if not text:
        return "" if had_bom else None
    controls = sum(
        1
        for ch in text
        if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"}
    )
    return text if controls <= _MAX_CONTROL_RATIO * len(text) else None


def _decode_legacy(head: bytes) -> str | None:
    """Windows-1252 text (old exports of Word and Notepad) that is not UTF-8.

    Binary data that slipped past the magic numbers has plenty of bytes >= 0x80 and C0 controls;
    text in a Western 8-bit code page has few of the former and none of the latter, and the
    control count in ``_decode_text`` still applies to the result.
    """
    high = sum(1 for byte in head if byte >= 0x80)
    if high > 0.3 * len(head):
        return None
    return head.decode("cp1252", "replace")


def _looks_like_html(text: str) -> bool:
    start = text.lstrip(" \t\r\n\f\ufeff")
    # Skip leading comments (<!-- generated by ... -->) before the doctype or root element.
    while start.startswith("<!--"):
        end = start.find("-->")
        if end == -1:
            return False
        start = start[end + 3 :].lstrip(" \t\r\n\f")
    lowered = start[:15].lower()
    return lowered.startswith("<!doctype html") or lowered.startswith("<html")
