"""How much to trust each extracted section: ``x_ats.section_confidence``.

For each kind of section the document has (by heading) or that yielded items, a figure in
0..1: the share of the key fields that its items filled, averaged over items. Key fields are
what makes an item usable: work - company, position, start date; education - institution,
degree type, a date; languages - language, fluency; certificates - name, date; projects -
name, a description or highlights. A section with a heading but no items scores 0; a summary
scores 1 when found. So 1.0 means "every entry came out whole", not "the reading is right".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["section_confidence"]

_KEY_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    # Each inner tuple is one key field; any of its names fills it.
    "work": (("name",), ("position",), ("startDate",)),
    "education": (("institution",), ("studyType",), ("endDate", "startDate")),
    "languages": (("language",), ("fluency",)),
    "certificates": (("name",), ("date",)),
    "projects": (("name",), ("description", "highlights")),
}


def _score(items: Sequence[dict[str, Any]], fields: tuple[tuple[str, ...], ...]) -> float:
    if not items:
        return 0.0
    filled = sum(
        sum(any(item.get(name) for name in names) for names in fields) / len(fields)
        for item in items
    )
    return round(filled / len(items), 2)


def section_confidence(
    kinds: Iterable[str], results: Mapping[str, Sequence[dict[str, Any]]], summary: bool
) -> dict[str, float]:
    """Per-section confidence for the section ``kinds`` found and the extracted ``results``."""
    present = set(kinds)
    scores: dict[str, float] = {}
    if "summary" in present or summary:
        scores["summary"] = 1.0 if summary else 0.0
    for kind, fields in _KEY_FIELDS.items():
        items = results.get(kind, ())
        if kind in present or items:
            scores[kind] = _score(items, fields)
    return scores
