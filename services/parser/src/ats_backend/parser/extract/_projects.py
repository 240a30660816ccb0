"""Projects: entries of a projects section -> JSON Resume ``projects`` items.

Entries are cut like work entries (``_entries``), except that every run of head lines opens a
project, dated or not. The first segment of the head is the project's name, the rest of the
head (a tagline, a tech stack) its description; a link anywhere in the entry is its ``url``;
the bullets are its highlights, or its description when there is only one paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ._entries import Entry, paragraphs, split_entries
from ._rows import strip_dates
from ._text import Line

__all__ = ["extract_projects"]

_SEPARATORS = re.compile(r"\s[|•·]\s|\s-\s|:\s|\s{2,}|\t")
_URL = re.compile(
    r"\b(?:https?://[^\s|,;()]{3,200}|(?:github\.com|gitlab\.com|bitbucket\.org)/[^\s|,;()]{1,200})"
)  # links are written in lowercase; a case-insensitive search would cost 10x
_STRIP = " ,;:|-\u2013()[]."
_MAX_NAME_WORDS = 10


def _url(entry: Entry) -> str | None:
    for text in [*(row.text for row in entry.head), *entry.body]:
        match = _URL.search(text)
        if match is not None:
            url = match.group(0).rstrip(".")
            return url if "://" in url else f"https://{url}"
    return None


def _project(entry: Entry) -> dict[str, Any] | None:
    segments = [
        segment.strip(_STRIP)
        for row in entry.head
        for segment in _SEPARATORS.split(_URL.sub("", strip_dates(row)))
    ]
    segments = [segment for segment in segments if segment]
    if not segments or len(segments[0].split()) > _MAX_NAME_WORDS:
        return None
    item: dict[str, Any] = {"name": segments[0]}
    body = list(entry.body)
    if len(segments) > 1:
        item["description"] = ", ".join(segments[1:])
    elif len(body) == 1:
        item["description"] = body.pop()
    if body:
        item["highlights"] = body
    url = _url(entry)
    if url:
        item["url"] = url
    dates = entry.dates
    if dates is not None and dates.start:
        item["startDate"] = dates.start
        if dates.end:
            item["endDate"] = dates.end
    return item


def extract_projects(lines: Sequence[Line]) -> list[dict[str, Any]]:
    """JSON Resume ``projects`` items from the body lines of a projects section."""
    entries = split_entries(lines, dateless_entries=True)
    if not entries:
        # No head lines at all: each paragraph is a project, "Name: what it is".
        entries = [Entry(body=[text]) for text in paragraphs(lines)]
        items = []
        for entry in entries:
            name, _, rest = entry.body[0].partition(": ")
            if rest and len(name.split()) <= _MAX_NAME_WORDS:
                items.append({"name": name.strip(_STRIP), "description": rest.strip()})
        return items
    return [item for item in map(_project, entries) if item is not None]
