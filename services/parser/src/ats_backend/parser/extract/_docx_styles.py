"""Word formatting resolved to what a :class:`Line` carries: font size and boldness.

The name finder ranks lines by font size, then boldness, as in a PDF; in a Word document that
typography lives in three places, most specific first: the run's own properties, its character
style, and the paragraph style, each style possibly ``basedOn`` another, then the document
defaults (``w:docDefaults``). Heading styles whose size is left to the application ("Title",
"heading 1"...) get the sizes Word's built-in styles use. Hidden text (``w:vanish``) is
reported so the reader can drop it: invisible keyword stuffing is not the candidate's resume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["RunFormat", "Styles", "W", "on_off", "w"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

Element = Any  # lxml elements: lxml ships no type information


def w(tag: str) -> str:
    """``"p"`` -> ``"{...wordprocessingml/2006/main}p"`` (lxml's Clark notation)."""
    return f"{{{W}}}{tag}"


_VAL = w("val")
_SZ = w("sz")
_B = w("b")
_VANISH = w("vanish")
_RPR = w("rPr")
_RSTYLE = w("rStyle")
_MAX_CHAIN = 20  # basedOn chains are short; a cycle or a crafted chain stops here
_DEFAULT_SIZE = 10.0  # Word's size when nothing says otherwise (w:sz defaults to 20 half-points)
_HEADING_NAME = re.compile(r"heading\s*([1-9])")
# Sizes of Word's built-in styles when the document leaves them to the application.
_HEADING_SIZES = {0: 28.0, 1: 16.0, 2: 13.0}
_HEADING_SIZE_MIN = 12.0


def on_off(element: Element | None) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="false"/>``): ``None`` when absent."""
    if element is None:
        return None
    return str(element.get(_VAL, "true")).lower() not in {"0", "false", "off", "none"}


def _attr_on(value: str | None) -> bool:
    """An on/off attribute (``w:default="1"``)."""
    return value is not None and str(value).lower() in {"1", "true", "on"}


def _size(rpr: Element | None) -> float | None:
    if rpr is None:
        return None
    sz = rpr.find(_SZ)
    value = sz.get(_VAL) if sz is not None else None
    if value is None or not (str(value).isascii() and str(value).isdigit()):
        return None
    points = int(value) / 2
    return points if 1 <= points <= 1638 else None  # Word's own limits


@dataclass(frozen=True, slots=True)
class RunFormat:
    size: float
    bold: bool
    hidden: bool


@dataclass(frozen=True, slots=True)
class _Style:
    based_on: str | None
    size: float | None
    bold: bool | None
    hidden: bool | None
    heading: int | None  # 0 for "Title", n for "heading n"


def _heading_level(style: Element) -> int | None:
    name_element = style.find(w("name"))
    name = str(name_element.get(_VAL, "")).lower() if name_element is not None else ""
    if name == "title":
        return 0
    match = _HEADING_NAME.fullmatch(name)
    return int(match.group(1)) if match else None


class Styles:
    """The style sheet of one document (``word/styles.xml``), resolved with caching."""

    def __init__(self, styles: Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self._default_paragraph: str | None = None
        self._default_size: float | None = None
        self._default_bold: bool | None = None
        self._cache: dict[tuple[str | None, str | None], tuple[float, bool, bool]] = {}
        if styles is not None:
            self._load(styles)

    def _load(self, styles: Element) -> None:
        defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{_RPR}")
        self._default_size = _size(defaults)
        self._default_bold = on_off(defaults.find(_B)) if defaults is not None else None
        for style in styles.iterfind(w("style")):
            style_id = style.get(w("styleId"))
            if not style_id:
                continue
            rpr = style.find(_RPR)
            based_on = style.find(w("basedOn"))
            self._styles[str(style_id)] = _Style(
                based_on=str(based_on.get(_VAL)) if based_on is not None else None,
                size=_size(rpr),
                bold=on_off(rpr.find(_B)) if rpr is not None else None,
                hidden=on_off(rpr.find(_VANISH)) if rpr is not None else None,
                heading=_heading_level(style),
            )
            if style.get(w("type")) == "paragraph" and _attr_on(style.get(w("default"))):
                self._default_paragraph = str(style_id)

    def _chain(self, style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and len(chain) < _MAX_CHAIN:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            chain.append(style)
            style_id = style.based_on
        return chain

    def _inherited(
        self, paragraph_style: str | None, run_style: str | None
    ) -> tuple[float, bool, bool]:
        """``(size, bold, hidden)`` a run gets from its styles and the document defaults."""
        key = (paragraph_style, run_style)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        chain = self._chain(run_style) + self._chain(paragraph_style or self._default_paragraph)
        size = next((style.size for style in chain if style.size is not None), None)
        if size is None:
            heading = next((s.heading for s in chain if s.heading is not None), None)
            if heading is not None:
                size = _HEADING_SIZES.get(heading, _HEADING_SIZE_MIN)
        bold = next((style.bold for style in chain if style.bold is not None), None)
        hidden = next((style.hidden for style in chain if style.hidden is not None), False)
        resolved = (
            size or self._default_size or _DEFAULT_SIZE,
            bool(bold if bold is not None else self._default_bold),
            bool(hidden),
        )
        self._cache[key] = resolved
        return resolved

    def run(self, paragraph_style: str | None, rpr: Element | None) -> RunFormat:
        """The effective format of a run with properties ``rpr`` in a paragraph of a style."""
        run_style = None
        if rpr is not None:
            element = rpr.find(_RSTYLE)
            run_style = str(element.get(_VAL)) if element is not None else None
        size, bold, hidden = self._inherited(paragraph_style, run_style)
        if rpr is None:
            return RunFormat(size, bold, hidden)
        own_bold = on_off(rpr.find(_B))
        own_hidden = on_off(rpr.find(_VANISH))
        return RunFormat(
            size=_size(rpr) or size,
            bold=bold if own_bold is None else own_bold,
            hidden=hidden if own_hidden is None else own_hidden,
        )
