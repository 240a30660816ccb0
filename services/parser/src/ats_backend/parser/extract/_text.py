"""Text lines: the common currency between the text extractors and the field extractors.

Both the PDF reader and the plain-text reader produce a list of :class:`Line` in reading order,
each already normalised (ligatures expanded, dashes, quotes, bullets and spaces unified, icon-font
glyphs and page numbers dropped), so the field extractors never see typographic noise.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Line", "decode_text", "is_page_number", "lines_from_text", "normalise_line"]

BULLET = "•"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text in reading order.

    ``size`` is the font size in points (0 for plain text, where there is none), ``bold`` whether
    any span on the line is bold, ``page`` the 0-based page and ``top`` the line's top edge as a
    fraction of the page height (0 for plain text).
    """

    text: str
    size: float = 0.0
    bold: bool = False
    page: int = 0
    top: float = 0.0


# Characters that stand for the same thing, grouped by what they become.
_UNIFY: dict[str, str] = {
    "-": "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d",  # dashes, minus
    "'": "\u2018\u2019\u201a\u201b\u2032\u00b4",  # single quotes, prime, acute accent
    '"': "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb",  # double quotes, guillemets
    # Bullets and list markers of every shape.
    BULLET: "\u2022\u2023\u2043\u2219\u00b7\u25aa\u25ab\u25a0\u25a1\u25cf\u25cb\u25e6"
    "\u25c6\u25c7\u25ba\u25b6\u27a2\u27a4\u2794\u2713\u2714\u2605\u2606\u2756\u29bf"
    "\u2b24\u30fb",
    # Space-like characters: tab, NBSP, en/em/thin spaces, ideographic space...
    " ": "\t\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u202f\u205f\u3000",
    # Full-width punctuation typed with CJK input methods.
    "@": "\uff20",
    ".": "\uff0e\u3002",
    "+": "\uff0b",
    "(": "\uff08",
    ")": "\uff09",
    ":": "\uff1a",
    ",": "\uff0c",
}
# Ligatures (MuPDF usually expands them, but some PDFs map them in their ToUnicode tables).
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st", "\u0132": "IJ", "\u0133": "ij"}  # fmt: skip
# Invisible characters that only break words apart: soft hyphen, zero-width space, BOM...
_INVISIBLE = "\u00ad\u200b\u2060\ufeff\ufffc"
_TRANSLATE: dict[int, str | None] = {
    **{ord(ch): target for target, chars in _UNIFY.items() for ch in chars},
    **{ord(ch): target for ch, target in _LIGATURES.items()},
    **dict.fromkeys(map(ord, _INVISIBLE)),
}

# Private-use code points are icon-font glyphs (a phone or envelope symbol), U+FFFD is text the
# PDF had no Unicode mapping for: neither carries meaning.
_NOISE = re.compile("[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")
_SPACES = re.compile(r" {2,}")
_LEADING_BULLETS = re.compile(rf"^(?:[{BULLET}*>\-] )+|^{BULLET}+")
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|seite|página|pagina)?\s*-?\s*\d{1,3}\s*-?\s*(?:(?:/|of|von|de|sur)\s*\d{1,3})?",
    re.IGNORECASE,
)


def normalise_line(text: str) -> str:
    """Unify the typography of one line and trim it (the result may be empty)."""
    text = text.translate(_TRANSLATE)
    text = _NOISE.sub("", text)
    text = "".join(ch for ch in text if ch >= " " and ch != "\x7f")
    text = unicodedata.normalize("NFC", text)  # combining accents from PDFs -> composed letters
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_BULLETS.sub("", text).strip()


def is_page_number(text: str) -> bool:
    """``"3"``, ``"- 3 -"``, ``"Page 3 of 4"``, ``"3/4"``: a page number or page counter."""
    return len(text) <= 20 and _PAGE_NUMBER.fullmatch(text) is not None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a plain-text file; return ``(text, encoding)``.

    A BOM wins; then strict UTF-8; then Windows-1252, the usual encoding of old Western exports
    (``filetypes.sniff`` only calls such content text when it has no control characters).
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, "replace"), encoding.removesuffix("-sig")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "windows-1252"


def lines_from_text(text: str) -> list[Line]:
    """Normalised, non-empty lines of a plain-text document, page counters dropped.

    Form feeds (paginated exports) advance ``Line.page``.
    """
    lines: list[Line] = []
    for page, chunk in enumerate(text.split("\f")):
        for raw in chunk.splitlines():
            line = normalise_line(raw)
            if line and not _is_text_counter(line):
                lines.append(Line(line, page=page))
    return lines


def _is_text_counter(line: str) -> bool:
    # In plain text a lone number is too ambiguous to drop ("2019"); only explicit counters go.
    return is_page_number(line) and not line.isdigit()
