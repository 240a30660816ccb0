"""HTML resumes: visible text in reading order, headings as typography, links as ``uris``.

Parsed with lxml's HTML parser (libxml2) as a stream of events into a small target object, not
with the standard library's ``html.parser``: on this Python (3.11.7) ``html.parser`` is
quadratic on some malformed input (400 KB of ``<!--`` took 65 s), while libxml2 is linear and
recovers from any tag soup. No tree is built, nothing is fetched (``no_network``).

What counts as text: everything a browser would show, minus ``head``, ``script``, ``style``,
``template``, embedded documents and elements hidden with ``hidden`` or ``display: none``.
Block elements (``p``, ``div``, ``li``, table cells, headings...) and ``br`` end a line;
whitespace collapses as a browser collapses it, except in ``pre``. Typography follows the
browser defaults (``h1`` is 24 pt and bold, body text 12 pt) and inline or single-class CSS
(``font-size``, ``font-weight``), which is how Google Docs and Word export their styles.
The charset comes from a BOM, the declared content type, or a ``<meta>`` in the first 4 KiB,
else UTF-8, else Windows-1252 (with a warning).
"""

from __future__ import annotations

import codecs
import functools
import importlib
import re
from dataclasses import dataclass
from typing import Any

from ._flow import FlowBuilder, FlowText
from ._html_css import Declarations, class_rules, declarations, font_size, font_weight

__all__ = ["MAX_HTML_BYTES", "decode_html", "read_html"]

MAX_HTML_BYTES = 5 * 1024 * 1024
"""Bytes of HTML read; the rest is cut with a warning (an HTML resume is 10 to 200 KB, more
only with inline images, which carry no text)."""

_BODY_SIZE = 12.0  # 16 px, the browsers' default
_HEADING_SIZES = {"h1": 24.0, "h2": 18.0, "h3": 14.0, "h4": 12.0, "h5": 10.0, "h6": 8.0}
_BOLD = frozenset({"b", "strong", "th", *_HEADING_SIZES})
_BLOCK_TEXT = (
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form header hgroup hr html legend li main menu nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul br"
)
_BLOCK = frozenset({*_BLOCK_TEXT.split(), *_HEADING_SIZES})
_SKIP_TEXT = (
    "head title script style template noscript svg math iframe object embed canvas audio video "
    "select datalist"
)
_SKIP = frozenset(_SKIP_TEXT.split())
_PRE = frozenset({"pre", "textarea", "listing", "plaintext"})
_MAX_CSS_CHARS = 256 * 1024
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
# What browsers do with these labels (WHATWG Encoding): Latin-1 means Windows-1252, and a
# <meta> cannot honestly declare UTF-16 (it would not be readable as ASCII to begin with).
_ALIASES = {"latin_1": "cp1252", "ascii": "cp1252", "iso8859_1": "cp1252", "utf_16": "utf-8",
            "utf_16_le": "utf-8", "utf_16_be": "utf-8"}  # fmt: skip
_SPACE = re.compile(r"[ \t\n\r\f]+")


@functools.cache
def _etree() -> Any:
    return importlib.import_module("lxml.etree")


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _ALIASES.get(name.replace("-", "_"), name)


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str, bool]:
    """``(text, encoding, guessed)``: BOM, declared charset, ``<meta>``, UTF-8, Windows-1252.

    ``guessed`` is true only when nothing declared the encoding and UTF-8 did not fit.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace"), encoding.removesuffix("-sig"), False
    labels: list[str] = []
    param = _CHARSET_PARAM.search(declared or "")
    if param:
        labels.append(param.group(1))
    meta = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if meta:
        labels.append(meta.group(1).decode("ascii"))
    for label in labels:
        codec = _codec(label)
        if codec is not None:
            return data.decode(codec, "replace"), codec, False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "cp1252", True


def read_html(data: bytes, *, declared: str | None = None, max_chars: int) -> FlowText:
    """The visible text lines and link targets of an HTML document."""
    builder = FlowBuilder(max_chars=max_chars)
    if len(data) > MAX_HTML_BYTES:
        builder.warnings.append(f"the HTML was cut after {MAX_HTML_BYTES} bytes")
        data = data[:MAX_HTML_BYTES]
    text, encoding, guessed = decode_html(data, declared)
    if guessed:
        builder.warnings.append(
            f"the HTML declares no encoding and is not UTF-8; read as {encoding}"
        )
    etree = _etree()
    target = _Target(builder)
    parser = etree.HTMLParser(
        target=target, encoding="utf-8", no_network=True, recover=True, default_doctype=False
    )
    try:
        parser.feed(text.encode("utf-8", "replace"))
        parser.close()
    except etree.LxmlError:
        builder.warnings.append("the HTML is malformed; some text may be missing")
    target.flush()
    return builder.build()


@dataclass(frozen=True, slots=True)
class _Frame:
    tag: str
    size: float
    bold: bool
    skip: bool
    pre: bool


@dataclass(frozen=True, slots=True)
class _Segment:
    text: str
    size: float
    bold: bool


_ROOT = _Frame("", _BODY_SIZE, False, False, False)


class _Target:
    """lxml parser target: turns start/end/data events into lines."""

    def __init__(self, builder: FlowBuilder) -> None:
        self._builder = builder
        self._stack: list[_Frame] = []
        self._line: list[_Segment] = []
        self._css: list[str] = []
        self._css_chars = 0
        self._classes: dict[str, Declarations] = {}

    def start(self, tag: str, attrib: Any) -> None:
        tag = str(tag).lower()
        parent = self._stack[-1] if self._stack else _ROOT
        style = self._style(attrib)
        hidden = "hidden" in attrib or style.get("display") == "none"
        hidden = hidden or style.get("visibility") == "hidden"
        size = _HEADING_SIZES.get(tag, parent.size)
        size = font_size(style.get("font-size", ""), parent=size) or size
        weight = font_weight(style.get("font-weight", ""))
        frame = _Frame(
            tag=tag,
            size=size,
            bold=weight if weight is not None else parent.bold or tag in _BOLD,
            skip=parent.skip or hidden or tag in _SKIP,
            pre=parent.pre or tag in _PRE,
        )
        self._stack.append(frame)
        if tag in _BLOCK:
            self.flush()
        if tag == "a" and not frame.skip:
            self._builder.link(str(attrib.get("href", "")))

    def end(self, tag: str) -> None:
        tag = str(tag).lower()
        # lxml reports balanced events, so the match is on top; search from there.
        if not any(frame.tag == tag for frame in reversed(self._stack)):
            return
        while self._stack and self._stack.pop().tag != tag:
            pass
        if tag in _BLOCK:
            self.flush()
        elif tag == "style" and self._css:
            self._classes.update(class_rules("".join(self._css)))
            self._css = []

    def data(self, data: str) -> None:
        frame = self._stack[-1] if self._stack else _ROOT
        if frame.tag == "style":
            if self._css_chars < _MAX_CSS_CHARS:
                self._css.append(data)
                self._css_chars += len(data)
            return
        if frame.skip or self._builder.full:
            return
        if not frame.pre:
            self._line.append(_Segment(_SPACE.sub(" ", data), frame.size, frame.bold))
            return
        for index, part in enumerate(data.split("\n")):
            if index:
                self.flush()
            self._line.append(_Segment(part, frame.size, frame.bold))

    def close(self) -> None:
        self.flush()

    def flush(self) -> None:
        """End the current line (at a block boundary or a ``br``)."""
        if not self._line:
            return
        text = "".join(segment.text for segment in self._line)
        visible = [segment for segment in self._line if segment.text.strip()]
        self._line = []
        if visible:
            self._builder.add(
                text,
                size=max(segment.size for segment in visible),
                bold=any(segment.bold for segment in visible),
            )

    def _style(self, attrib: Any) -> Declarations:
        style: Declarations = {}
        for name in str(attrib.get("class", "")).split():
            style.update(self._classes.get(name, {}))
        inline = attrib.get("style")
        if inline:
            style.update(declarations(str(inline)))
        return style
