"""Just enough CSS to see an HTML resume's typography: sizes, weights, hidden elements.

Exported resumes carry their formatting either inline (``style="font-size:20pt"``) or as one
rule per class in a ``<style>`` block (Google Docs: ``.c7{font-weight:700;font-size:26pt}``).
Only those two forms are read: declarations of ``font-size``, ``font-weight``, ``display`` and
``visibility``, from rules whose selectors are single classes (``.c7``, ``p.c7``). Everything
is scanned with ``str.find``/``split``, never a backtracking pattern, so hostile style sheets
cost linear time.
"""

from __future__ import annotations

import re

__all__ = ["Declarations", "class_rules", "declarations", "font_size", "font_weight"]

Declarations = dict[str, str]

_PROPERTIES = frozenset({"font-size", "font-weight", "display", "visibility"})
_CLASS_SELECTOR = re.compile(r"[a-z0-9]*\.([A-Za-z0-9_-]{1,64})")
_LENGTH = re.compile(r"([0-9]{1,4}(?:\.[0-9]{1,4})?)\s*(pt|px|em|rem|%)")
_KEYWORD_SIZES = {"xx-small": 7.0, "x-small": 7.5, "small": 10.0, "medium": 12.0,
                  "large": 13.5, "x-large": 18.0, "xx-large": 24.0, "xxx-large": 36.0}  # fmt: skip
_ROOT_SIZE = 12.0
_MAX_SIZE = 200.0


def declarations(text: str) -> Declarations:
    """``"font-size: 20pt; color: red"`` -> ``{"font-size": "20pt"}`` (known properties)."""
    found: Declarations = {}
    for item in text.split(";"):
        name, colon, value = item.partition(":")
        name = name.strip().lower()
        if colon and name in _PROPERTIES:
            found[name] = value.replace("!important", "").strip().lower()
    return found


def _without_comments(css: str) -> str:
    parts: list[str] = []
    at = 0
    while (start := css.find("/*", at)) != -1:
        parts.append(css[at:start])
        end = css.find("*/", start + 2)
        if end == -1:
            return "".join(parts)
        at = end + 2
    parts.append(css[at:])
    return "".join(parts)


def class_rules(css: str) -> dict[str, Declarations]:
    """Declarations by class name, from the rules of ``css`` whose selectors are one class."""
    rules: dict[str, Declarations] = {}
    for block in _without_comments(css).split("}"):
        selectors, brace, body = block.partition("{")
        if not brace or "{" in body:
            continue  # @media blocks and the like: their inner rules are not read
        found = declarations(body)
        if not found:
            continue
        for selector in selectors.split(","):
            match = _CLASS_SELECTOR.fullmatch(selector.strip())
            if match:
                rules.setdefault(match.group(1), {}).update(found)
    return rules


def font_size(value: str, *, parent: float) -> float | None:
    """A ``font-size`` in points, relative sizes taken against ``parent``; ``None`` if unknown."""
    value = value.strip()
    if value in _KEYWORD_SIZES:
        return _KEYWORD_SIZES[value]
    match = _LENGTH.fullmatch(value)
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2)
    points = {
        "pt": number,
        "px": number * 0.75,
        "em": number * parent,
        "rem": number * _ROOT_SIZE,
        "%": number / 100 * parent,
    }[unit]
    return points if 0 < points <= _MAX_SIZE else None


def font_weight(value: str) -> bool | None:
    """Whether a ``font-weight`` is bold; ``None`` when absent or unknown."""
    value = value.strip()
    if value in {"bold", "bolder"}:
        return True
    if value in {"normal", "lighter"}:
        return False
    if value.isascii() and value.isdigit():
        return int(value) >= 600
    return None
