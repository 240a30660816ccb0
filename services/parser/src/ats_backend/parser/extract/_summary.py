"""The candidate's own words at the top: ``basics.summary`` and ``basics.label``.

The summary is the summary/profile section, its wrapped lines joined; without such a section,
a paragraph of full sentences in the header counts. The label is the job title written under
(or beside) the name: the first header line near the name that holds job-title words and no
contact details, with places and contacts cut off ("Data Scientist | Bengaluru, India").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._entries import paragraphs
from ._location import parse_location
from ._roles import title_score
from ._text import Line

__all__ = ["find_label", "find_summary"]

_SEGMENTS = re.compile(r"\s[|•·]\s|\s{2,}|\t")
_CONTACT = re.compile(r"@|https?://|www\.|\.com\b|\d{3}")
_SENTENCE_WORDS = 12
_LABEL_WINDOW = 4  # lines after the name where the title is looked for
_MAX_LABEL = 80


def find_summary(summary_lines: Sequence[Line], header_lines: Sequence[Line]) -> str | None:
    """The summary section's text, else a paragraph of sentences in the header."""
    texts = paragraphs(summary_lines)
    if not texts:
        texts = [
            text
            for text in paragraphs(header_lines)
            if len(text.split()) >= _SENTENCE_WORDS and not _CONTACT.search(text)
        ]
    summary = " ".join(texts).strip()
    return summary or None


def _label_of(text: str) -> str | None:
    kept = [
        segment.strip()
        for segment in _SEGMENTS.split(text)
        if segment.strip() and not _CONTACT.search(segment) and not parse_location(segment)
    ]
    label = " | ".join(kept)
    if not label or len(label) > _MAX_LABEL or title_score(label) == 0:
        return None
    return label


def find_label(header: Sequence[Line], name_index: int, name: str | None) -> str | None:
    """The job title under the name, if the header has an obvious one."""
    start = max(name_index, 0)
    for index in range(start, min(len(header), start + _LABEL_WINDOW + 1)):
        text = header[index].text
        if index == name_index:
            if not name or name.lower() not in text.lower():
                continue
            # "Jane Doe | Senior Engineer": the title shares the name's line. A name met inside
            # a sentence ("Hi, I'm Jane Doe and I'd like to apply") has no title after it.
            position = text.lower().index(name.lower()) + len(name)
            rest = text[position:]
            if rest[:1].isspace() and rest.strip()[:1].isalpha() and "|" not in rest:
                continue
            text = rest.strip(" |,-•·")
            if not text:
                continue
        label = _label_of(text)
        if label is not None:
            return label
    return None
