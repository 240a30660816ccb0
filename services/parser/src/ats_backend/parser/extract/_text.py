"""Text lines: the common currency between the text extractors and the field extractors.

Both the PDF reader and the plain-text reader produce a list of :class:`Line` in reading order,
each already normalised (ligatures expanded, dashes, quotes, bullets and spaces unified, icon-font
glyphs and page numbers dropped, words hyphenated and date ranges wrapped across lines joined), so
the field extractors never see typographic noise.

A wide horizontal gap inside a line (a tab, three or more spaces, a dot leader, or in a PDF two
cells of a table row or a right-aligned date) becomes :data:`CELL_SEPARATOR`, ``" | "``:
``"Senior Engineer | Jan 2020 - Present"``. After a label's colon it is a plain space
(``"Email: jane@example.com"``).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "BULLET",
    "CELL_SEPARATOR",
    "Line",
    "decode_text",
    "is_page_number",
    "join_wrapped",
    "lines_from_text",
    "normalise_line",
]

BULLET = "•"
CELL_SEPARATOR = " | "
"""What a wide gap between two parts of one line becomes (table cells, right-aligned dates)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text in reading order.

    ``size`` is the font size in points (0 for plain text, where there is none), ``bold`` whether
    any span on the line is bold, ``page`` the 0-based page and ``top`` the line's top edge as a
    fraction of the page height (0 for plain text).

    PDF lines also say where they sit across the page: ``x0`` and ``x1`` are the left and right
    edges as fractions of the page width (both 0 for plain text), and ``column`` which column
    region of the page the line belongs to: 0 for text that spans the page (a single-column page,
    a banner above two columns), 1, 2... for the columns of a multi-column or sidebar layout,
    numbered in reading order per page.
    """

    text: str
    size: float = 0.0
    bold: bool = False
    page: int = 0
    top: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    column: int = 0


# Characters that stand for the same thing, grouped by what they become.
_UNIFY: dict[str, str] = {
    "-": "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d",  # dashes, minus
    "'": "\u2018\u2019\u201a\u201b\u2032\u00b4",  # single quotes, prime, acute accent
    '"': "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb",  # double quotes, guillemets
    # Bullets and list markers of every shape.
    BULLET: "\u2022\u2023\u2043\u2219\u00b7\u25aa\u25ab\u25a0\u25a1\u25cf\u25cb\u25e6"
    "\u25c6\u25c7\u25ba\u25b6\u27a2\u27a4\u2794\u2713\u2714\u2605\u2606\u2756\u29bf"
    "\u2b24\u30fb\u25b8\u25b9\u25bb\u25fc\u25fe\u2666\u2981\u279c\u279d\u279e\u27a3",
    # Space-like characters: NBSP, en/em/thin spaces, ideographic space... (tabs are gaps, below)
    " ": "\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u202f\u205f\u3000\u0085\u2028\u2029",
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
# Invisible characters that only break words apart: zero-width space, BOM... (a soft hyphen is
# dropped too, unless it ends the line: then it marks a word hyphenated across lines)
_INVISIBLE = "\u00ad\u200b\u2060\ufeff\ufffc"
# Control characters (line breaks included: a line is one line); tab stays, it is a gap.
_CONTROLS = "".join(map(chr, [*range(0x09), *range(0x0A, 0x20), 0x7F]))
_TRANSLATE: dict[int, str | None] = {
    **dict.fromkeys(map(ord, _CONTROLS)),
    **{ord(ch): target for target, chars in _UNIFY.items() for ch in chars},
    **{ord(ch): target for ch, target in _LIGATURES.items()},
    **dict.fromkeys(map(ord, _INVISIBLE)),
}

# Private-use code points are icon-font glyphs (a phone or envelope symbol), U+FFFD is text the
# PDF had no Unicode mapping for: neither carries meaning.
_NOISE = re.compile("[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")
_SPACES = re.compile(r" {2,}")
# A tab or three or more spaces; dot leaders ("Engineer ....... 2020"). Each starts at a fixed
# character and never backtracks into a run, so a hostile line stays linear.
_WIDE_GAP = re.compile(r"\t[\t ]*| {3,}\t?[\t ]*")
_DOT_LEADER = re.compile(r" ?\.(?: ?\.){3,} ?")
_REPEATED_SEPARATOR = re.compile(r"\|(?: \|)+")
_LEADING_BULLETS = re.compile(rf"^(?:[{BULLET}*>+\-\u2013] )+|^{BULLET}+")
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|seite|página|pagina)?\s*-?\s*\d{1,3}\s*-?\s*(?:(?:/|of|von|de|sur)\s*\d{1,3})?",
    re.IGNORECASE,
)


def _gap(match: re.Match[str]) -> str:
    start = match.start()
    # "Email:<tab>jane@example.com" is a label and its value, not two cells.
    return " " if start and match.string[start - 1] == ":" else CELL_SEPARATOR


def normalise_line(text: str, *, strip_bullets: bool = True) -> str:
    """Unify the typography of one line and trim it (the result may be empty).

    ``strip_bullets=False`` keeps leading list markers (for a piece that does not start a line).
    """
    if text.endswith("\u00ad"):  # a soft hyphen that ends a line is a hyphenation point
        text = text[:-1] + "-"
    if not text.isascii():
        text = _NOISE.sub("", text.translate(_TRANSLATE))
        text = unicodedata.normalize("NFC", text)  # combining accents from PDFs -> composed
    elif not text.isprintable():  # ASCII only needs its control characters dropped
        text = text.translate(_TRANSLATE)
    text = text.strip(" \t")
    if "\t" in text or "   " in text:
        text = _WIDE_GAP.sub(_gap, text)
    if "..." in text or ". . ." in text:
        text = _DOT_LEADER.sub(CELL_SEPARATOR, text).strip(" |")
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if "| |" in text:
        text = _REPEATED_SEPARATOR.sub("|", text)
    if strip_bullets and text and (text[0] in "•*>+-\u2013"):
        text = _LEADING_BULLETS.sub("", text).lstrip()
    return text


def is_page_number(text: str) -> bool:
    """``"3"``, ``"- 3 -"``, ``"Page 3 of 4"``, ``"3/4"``: a page number or page counter."""
    return len(text) <= 20 and _PAGE_NUMBER.fullmatch(text) is not None


# Hyphenation across lines ------------------------------------------------------------------

# First parts of compounds that keep their hyphen when a line breaks after it ("full-" +
# "stack" is "full-stack"); any other word broken after a lowercase letter is a word split in
# syllables ("develop-" + "ment" is "development").
_COMPOUND_FIRST_TEXT = (
    "full self well cross end high low long short real non multi open hands fast world user "
    "client data cloud cost mission time team peer front back best first one two three half "
    "on off up x e t"
)
_COMPOUND_FIRST = frozenset(_COMPOUND_FIRST_TEXT.split())
_WORD_CHARS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A line that ends inside a date range ("2020 -", "2015-Nov", "2024-01 to") and the start of
# the line that completes it ("Present)", "2018)", "Dec 2019").
_MONTH = (
    r"(?:jan(?:uary|v|vier)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|märz?|mai|okt(?:ober)?|"
    r"dez(?:ember)?|févr?(?:ier)?|avr(?:il)?|juil(?:let)?|déc(?:embre)?|ene(?:ro)?|abr(?:il)?|"
    r"ago(?:sto)?|dic(?:iembre)?|set(?:embro)?|out(?:ubro)?)\.?"
)
_YEAR = r"(?:\d{4}|\d{1,2}[/.]\d{2,4}|\d{4}[/.-]\d{1,2})"
_RANGE_TAIL = 24
_DOMAIN = re.compile(r"[\w-]+\.[a-z]{2,}", re.IGNORECASE)
_OPEN_RANGE = re.compile(
    rf"{_YEAR}\s?(?:-|to|until|till|bis|au|hasta|até)$|{_YEAR}\s?-\s?{_MONTH}$", re.IGNORECASE
)
_RANGE_END = re.compile(
    rf"\(?(?:(?:{_MONTH}\s)?{_YEAR}|present|current|now|today|date|ongoing|heute|jetzt|"
    r"aujourd'hui|actualidad|actual|atual|presente)\b",
    re.IGNORECASE,
)


def _hyphen_prefix(text: str) -> str:
    """The word broken by a hyphen at the end of ``text`` ("" if the line does not end so).

    Only a hyphen right after a lowercase letter counts: "Jan 2020 -" and "COVID-" do not.
    """
    if len(text) < 3 or text[-1] != "-" or not text[-2].islower():
        return ""
    start = len(text) - 1
    while start and (text[start - 1].isalpha() or text[start - 1] == "-"):
        start -= 1
    if start and text[start - 1] not in " (\"'|":
        return ""  # part of a link, a path or a number: "github.com/jane-"
    word = text[start:-1]
    return word if word[:1].isalpha() and not word.endswith("-") else ""


def _keeps_hyphen(prefix: str, suffix: str, words: frozenset[str]) -> bool:
    joined = prefix + suffix
    if joined.lower() in words:
        return False
    if f"{prefix}-{suffix}".lower() in words:
        return True
    # "state-of-the-" + "art": a compound already; "full-" + "stack": a compound's first part.
    return "-" in prefix or prefix.rsplit("-", 1)[-1].lower() in _COMPOUND_FIRST


def _document_words(lines: Iterable[Line]) -> frozenset[str]:
    return frozenset(
        word.lower() for line in lines for word in _WORD_CHARS.findall(line.text) if len(word) > 3
    )


def join_wrapped(lines: Sequence[Line]) -> list[Line]:
    """Put back together what a line break tore apart, between lines next to each other on the
    same page and in the same column; a second line left empty is dropped.

    Words hyphenated across lines: ``"...develop-"`` + ``"ment of..."`` becomes
    ``"...development"`` + ``"of..."``, when the first line ends with a hyphen right after a
    lowercase letter and the second starts with a lowercase letter. The hyphen stays for
    compounds (``"full-"`` + ``"stack"``, ``"state-of-the-"`` + ``"art"``) and when the
    document elsewhere writes the word with one; it goes when the document elsewhere writes
    the word without.

    Date ranges wrapped after their dash or first month: ``"Engineer (Jan 2020 -"`` +
    ``"Present)"`` becomes ``"Engineer (Jan 2020 - Present)"``, ``"(Jul 2015-Nov"`` +
    ``"2018)"`` becomes ``"(Jul 2015-Nov 2018)"``.

    Links broken after ``"-"``, ``"_"`` or ``"/"``: ``"linkedin.com/in/jane-"`` + ``"doe-42"``
    becomes ``"linkedin.com/in/jane-doe-42"``.
    """
    out = list(lines)
    words: frozenset[str] | None = None
    dropped: set[int] = set()
    for index in range(len(out) - 1):
        line, following = out[index], out[index + 1]
        end, start = line.text[-1:], following.text[:1]
        if not end or not start or (end not in "-_/" and not end.isalpha()):
            continue
        if following.page != line.page or following.column != line.column:
            continue
        token, _, rest = following.text.partition(" ")
        if end in "-_/" and (start.islower() or start.isdigit()) and _is_link(line.text, token):
            joined = line.text + token  # a link broken after "-", "_" or "/": keep it whole
        elif start.islower() and end == "-":
            prefix = _hyphen_prefix(line.text)
            suffix = _WORD_CHARS.match(token)
            if not prefix or suffix is None:
                continue
            if words is None:
                words = _document_words(out)
            keep = _keeps_hyphen(prefix, suffix.group(), words)
            joined = line.text[: None if keep else -1] + token
        elif (start.isdigit() or start.isupper() or start == "(") and _OPEN_RANGE.search(
            line.text[-_RANGE_TAIL:]
        ):
            match = _RANGE_END.match(following.text)
            if match is None:
                continue
            cut = following.text.find(" ", match.end())
            cut = len(following.text) if cut < 0 else cut
            joined = f"{line.text} {following.text[:cut]}"
            rest = following.text[cut:]
        else:
            continue
        out[index] = _with_text(line, joined)
        out[index + 1] = _with_text(following, rest.strip())
        if not rest.strip():
            dropped.add(index + 1)
    return [line for index, line in enumerate(out) if index not in dropped]


def _is_link(text: str, continuation: str) -> bool:
    """Whether ``text`` ends in a link or handle cut short (``"linkedin.com/in/jane-"``) that
    ``continuation`` carries on (not a link of its own)."""
    last = text[text.rfind(" ") + 1 :].lower()
    if not ("/" in last or "@" in last or last.startswith("www.")) or len(last) < 6:
        return False
    return not ("//" in continuation or "@" in continuation or _DOMAIN.match(continuation))


def _with_text(line: Line, text: str) -> Line:
    return Line(
        text,
        size=line.size,
        bold=line.bold,
        page=line.page,
        top=line.top,
        x0=line.x0,
        x1=line.x1,
        column=line.column,
    )


# Plain text ----------------------------------------------------------------------------------


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
    """Normalised, non-empty lines of a plain-text document, page counters dropped and words
    hyphenated (date ranges wrapped) across lines joined.

    Form feeds (paginated exports) advance ``Line.page``.
    """
    lines: list[Line] = []
    for page, chunk in enumerate(text.split("\f")):
        for raw in chunk.splitlines():
            line = normalise_line(raw)
            if line and not _is_text_counter(line):
                lines.append(Line(line, page=page))
    return join_wrapped(lines)


def _is_text_counter(line: str) -> bool:
    # In plain text a lone number is too ambiguous to drop ("2019"); only explicit counters go.
    return is_page_number(line) and not line.isdigit()
