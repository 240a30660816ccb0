"""Does a PDF page need text recognition? Decided from its text layer and its images.

A page is recognised (OCR) when:

- it has no text at all but an image or ink on it: a scan, or text drawn as outlines
  (``no_text_layer``);
- its text (at least :data:`MIN_TEXT_CHARS` characters) is garbage: mostly unmapped glyphs
  (U+FFFD), control or private-use characters, or "words" that no language writes, as fonts
  with a broken encoding produce (``garbage_text``);
- it is mostly one image with fewer than :data:`SPARSE_TEXT_CHARS` characters of text: a scan
  with a stamped page number or a header line (``image_page``).

Everything else is read from its text layer, never OCRed: text PDFs pay only for counting
characters (see :func:`garbage_text`, linear in the page's text).

The word test is deliberately script-agnostic: letters outside ASCII (accented, Cyrillic, CJK)
count as word-like, so a Polish or Chinese resume is never taken for garbage. Only ASCII words
are checked for a vowel (and for runs of consonants no English or Romance word has), which is
what broken encodings produce: ``"Xkqzt Bvwp"`` for ``"Senior Java"``.
"""

from __future__ import annotations

import re

__all__ = [
    "IMAGE_PAGE_COVERAGE",
    "MIN_TEXT_CHARS",
    "SPARSE_TEXT_CHARS",
    "garbage_text",
    "visible_chars",
]

MIN_TEXT_CHARS = 20
"""Visible characters below which a page's text is too short to call garbage."""
SPARSE_TEXT_CHARS = 200
"""A page mostly covered by one image, with fewer visible characters than this, is a scan."""
IMAGE_PAGE_COVERAGE = 0.5
"""Share of the page's area one image must cover to make it an image page."""

# Characters no readable text is made of: unmapped glyphs, controls, private use (glyph codes
# leaked by a custom font encoding).
_BAD_CHARS = re.compile("[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
_SAMPLE_CHARS = 2000
"""Characters whose words are checked per page: a page whose encoding is broken is broken
throughout, and the check must stay cheap for the text PDFs that make up most traffic."""
_MIN_WORDS = 8
"""Too few words to judge: short pages are never called garbage on their words alone."""
_MAX_BAD_CHARS = 0.25
_MIN_WORDLIKE = 0.5
_WORD = re.compile(r"[^\W\d_]{2,}")
_SPACE = re.compile(r"\s")
_ASCII_VOWELS = frozenset("aeiouyAEIOUY")
_CONSONANT_RUN = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{5,}")


def _wordlike(word: str) -> bool:
    if not word.isascii():
        return True
    if word.isupper() and len(word) <= 5:
        return True  # acronyms: SQL, AWS, HTML, GCP
    return any(ch in _ASCII_VOWELS for ch in word) and not _CONSONANT_RUN.search(word)


def visible_chars(text: str) -> int:
    """Characters that are not white space (counted in C: this runs on every text page)."""
    return len(text) - len(_SPACE.findall(text))


def garbage_text(text: str) -> bool:
    """Whether a page's text layer is unreadable: broken glyphs, or no real words."""
    visible = visible_chars(text)
    if visible <= 0:
        return False
    if len(_BAD_CHARS.findall(text)) > _MAX_BAD_CHARS * visible:
        return True
    words = _WORD.findall(text, 0, _SAMPLE_CHARS)
    if len(words) < _MIN_WORDS:
        return False
    wordlike = sum(1 for word in words if _wordlike(word))
    return wordlike < _MIN_WORDLIKE * len(words)
