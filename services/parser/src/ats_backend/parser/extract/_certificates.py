"""Certificates: "Certified Kubernetes Administrator (CKA), 2021" -> JSON Resume items.

Each paragraph of a certificates section is cut into items (semicolons, pipes, bullets, and a
sentence end right after a year: "..., 2021. AWS Certified ..."); an item's date is the date it
holds, its issuer what follows "by", "from", "Issuer:", a dash or a comma when that names a known
issuer (AWS, Google, Microsoft, Coursera...) or sits in parentheses after a dash, and its name
the rest.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from ._dates import find_dates

__all__ = ["find_certificates"]

_ISSUERS_TEXT = (
    "aws|amazon|amazon web services|google|google cloud|microsoft|oracle|cisco|cncf|"
    "linux foundation|the linux foundation|pmi|project management institute|scrum alliance|"
    "scrum.org|isc2|(isc)²|comptia|coursera|udemy|edx|udacity|hashicorp|red hat|salesforce|"
    "ibm|meta|istqb|axelos|isaca|sap|databricks|snowflake|atlassian|mongodb|confluent|"
    "ec-council|offensive security|sans|giac|itil|tüv|ihk|kubernetes|nvidia|deeplearning.ai|"
    "stanford|harvard|mit|linkedin learning|pluralsight|datacamp|tableau|hubspot|cfa institute|"
    "acca|cima|google developers"
)
_ITEMS = re.compile(r"\s?[;|•·]\s?|(?<=\d{4})\.\s+(?=[A-Z])")
_ISSUER_CUE = re.compile(r"\s(?:by|from|issued by|von|par|por|-|\u2013)\s|,\s|\sissuer:\s?")
_STRIP = " ,;:|-\u2013."
_MAX_ITEM = 160


@functools.cache
def _issuers() -> frozenset[str]:
    return frozenset(_ISSUERS_TEXT.split("|"))


def _item(text: str) -> dict[str, Any] | None:
    text = text.strip(_STRIP)
    if len(text) < 3 or len(text) > _MAX_ITEM or not any(ch.isalpha() for ch in text):
        return None
    item: dict[str, Any] = {}
    dates = find_dates(text)
    if dates:
        found = dates[-1]
        item["date"] = found.end or found.start
        text = (text[: found.begin] + text[found.stop :]).strip(_STRIP)
        text = text.replace("()", "").strip(_STRIP)
    if text.count("(") != text.count(")"):
        text = text.strip(" ()")
    issuer: str | None = None
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text
    for cue in reversed(list(_ISSUER_CUE.finditer(lowered))):
        tail = text[cue.end() :].strip(_STRIP)
        if tail.lower() in _issuers() or cue.group(0).strip().lower() in {"by", "issued by"}:
            issuer, text = tail, text[: cue.start()].strip(_STRIP)
            break
    if not text:
        return None
    return {"name": text, **({"issuer": issuer} if issuer else {}), **item}


def find_certificates(texts: Iterable[str]) -> list[dict[str, Any]]:
    """Certificate items of a certificates section's paragraphs."""
    items: list[dict[str, Any]] = []
    for text in texts:
        for part in _ITEMS.split(text):
            item = _item(part)
            if item is not None:
                items.append(item)
    return items
