"""Word documents (.docx) via python-docx: the only module that touches ``docx``.

The package is checked by :mod:`._archive` before python-docx unpacks anything (zip bombs,
absurd entry counts, truncated or non-Word archives), and the main part is read once with a
bounded read. python-docx then opens the package (its XML parser resolves no entities) and
gives the parts: body, styles, page headers and footers, hyperlink relationships.

The text itself is read from the part's XML rather than through ``Document.paragraphs``,
because resume templates keep much of their text where that API does not look: content
controls (``w:sdt``), text boxes (``w:txbxContent``, read once, not again in the VML fallback),
tracked insertions (``w:ins``; deletions are skipped), smart tags, nested tables. Reading order
is document order: the page headers first (name and contacts often live there), then the body
with each table row by row and each cell's paragraphs as lines, then the page footers.
Hyperlinks (relationship targets and ``HYPERLINK`` fields) become ``uris`` like a PDF's link
annotations; explicit and rendered page breaks (``w:lastRenderedPageBreak``, which Word writes
where its pages broke) start a new page.
"""

from __future__ import annotations

import functools
import importlib
import io
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ats_backend.core.errors import DocumentUnreadable

from ._archive import open_archive, read_entry
from ._docx_styles import Element, Styles, on_off, w
from ._flow import FlowBuilder, FlowText
from ._text import is_page_number, normalise_line

__all__ = ["MAX_DOCUMENT_XML_BYTES", "read_docx"]

MAX_DOCUMENT_XML_BYTES = 20 * 1024 * 1024
"""Largest main document part (``word/document.xml``) unpacked; a long resume has 200 KB."""

_KIND = "Word document"
_MAX_DEPTH = 40  # nested tables, text boxes and content controls deeper than this are skipped
_MAX_SECTIONS = 50
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ALTERNATE = f"{{{_MC}}}AlternateContent"
_FALLBACK = f"{{{_MC}}}Fallback"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN_TYPE = "/officeDocument"
_FIELD_LINK = re.compile(r"HYPERLINK\s+\"([^\"]+)\"")
_STREAM_REPR = re.compile(r"<_io\.BytesIO object at 0x[0-9a-f]+>")

_P, _TBL, _TR, _TC, _R, _PPR, _RPR = (w(t) for t in ("p", "tbl", "tr", "tc", "r", "pPr", "rPr"))
_T, _TAB, _PTAB, _BR, _CR = (w(t) for t in ("t", "tab", "ptab", "br", "cr"))
_HYPERLINK, _FLD_SIMPLE, _INSTR = w("hyperlink"), w("fldSimple"), w("instrText")
_TXBX = w("txbxContent")
# Containers whose children are read as if they stood in their place.
_WRAPPERS = frozenset(w(t) for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo"))
# Inline content that is never text of the paragraph: deleted text, properties, and the VML
# copy of a text box that the DrawingML copy (mc:Choice) already holds.
_SKIP_INLINE = frozenset(
    {*(w(t) for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr")), _FALLBACK}
)
_BOX_HOLDERS = frozenset({w("drawing"), w("pict"), w("object"), _ALTERNATE})
_NEWLINE = "\n"
_PAGE = "\f"


@functools.cache
def _docx() -> Any:
    # python-docx loads lxml and its element classes: only when a Word document arrives.
    return importlib.import_module("docx")


def read_docx(data: bytes, *, max_chars: int) -> FlowText:
    """Extract the text lines of a .docx; raise ``DocumentUnreadable`` if it cannot be read."""
    _check_package(data)
    document = _open(data)
    builder = FlowBuilder(max_chars=max_chars)
    try:
        body = document.element.body
    except Exception:  # python-docx on a malformed package: see _open
        body = None
    if body is None:
        raise DocumentUnreadable(
            "the Word document is damaged: it has no document body", reason="corrupt_document"
        )
    try:
        styles = Styles(document.styles.element)
    except Exception:  # python-docx on a malformed package: see _open
        styles = Styles(None)
        builder.warnings.append("the document's styles could not be read; headings may be missed")
    headers, footers = _furniture(document, builder)
    furniture_seen: set[str] = set()
    for part in headers:
        _Reader(builder, styles, _links(part), furniture_seen).story(part.element)
    _Reader(builder, styles, _links(document.part)).story(body)
    for part in footers:
        _Reader(builder, styles, _links(part), furniture_seen).story(part.element)
    return builder.build()


def _check_package(data: bytes) -> None:
    """Caps, the OOXML shape, and a bounded read of the main part (see module docstring)."""
    with open_archive(data, kind=_KIND) as archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
            raise DocumentUnreadable(
                "the file is a ZIP archive, not a Word document (it has no Office package "
                "manifest)",
                reason="corrupt_document",
            )
        package_rels = read_entry(archive, "_rels/.rels", limit=1024 * 1024, kind=_KIND)
        main = _main_part(package_rels)
        if main is None or main not in names:
            raise DocumentUnreadable(
                "the Word document is damaged: its main document part is missing",
                reason="corrupt_document",
            )
        read_entry(archive, main, limit=MAX_DOCUMENT_XML_BYTES, kind=_KIND)


def _main_part(package_rels: bytes) -> str | None:
    """The main document part's name, from the package relationships (``_rels/.rels``)."""
    etree = importlib.import_module("lxml.etree")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(package_rels, parser)
    except etree.LxmlError:
        return None
    for relationship in root.iter(_PACKAGE_RELS):
        if str(relationship.get("Type", "")).endswith(_MAIN_TYPE):
            return posixpath.normpath(str(relationship.get("Target", "")).lstrip("/"))
    return None


def _open(data: bytes) -> Any:
    docx = _docx()
    try:
        return docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except ValueError as exc:
        if "content type is" not in str(exc):
            raise _damaged(exc) from None
        # python-docx refuses packages whose main part is not a plain Word document.
        kind = str(exc).rsplit("content type is ", 1)[-1].strip("'")
        raise DocumentUnreadable(
            "the file is an Office document but not a .docx Word document "
            f"(its main part is {kind[:100]}); macro-enabled documents and templates are "
            "not supported",
            reason="corrupt_document",
        ) from None
    except Exception as exc:
        # On a malformed package python-docx raises whatever its internals run into
        # (KeyError, AttributeError, lxml's XMLSyntaxError, its own OpcError...).
        raise _damaged(exc) from None


def _damaged(exc: Exception) -> DocumentUnreadable:
    # python-docx names the file it was given: here an in-memory stream, not worth showing.
    cause = _STREAM_REPR.sub("the file", str(exc))[:120]
    return DocumentUnreadable(
        f"the Word document is damaged and cannot be read ({type(exc).__name__}: {cause})",
        reason="corrupt_document",
    )


def _links(part: Any) -> dict[str, str]:
    """External relationship targets of a part by id: where its hyperlinks point."""
    return {
        str(rel_id): str(rel.target_ref) for rel_id, rel in part.rels.items() if rel.is_external
    }


def _furniture(document: Any, builder: FlowBuilder) -> tuple[list[Any], list[Any]]:
    """The distinct header and footer parts in section order (first-page ones when used)."""
    headers: list[Any] = []
    footers: list[Any] = []
    seen: set[int] = set()
    try:
        for section in list(document.sections)[:_MAX_SECTIONS]:
            pairs = [(section.header, headers), (section.footer, footers)]
            if section.different_first_page_header_footer:
                pairs[:0] = [
                    (section.first_page_header, headers),
                    (section.first_page_footer, footers),
                ]
            for item, bucket in pairs:
                if item.is_linked_to_previous:
                    continue  # no part of its own; reading it would create one
                part = item.part
                # A part whose content type was damaged loads as a plain binary Part.
                if id(part) not in seen and getattr(part, "element", None) is not None:
                    seen.add(id(part))
                    bucket.append(part)
    except Exception:  # python-docx on a malformed package: see _open
        builder.warnings.append("the page headers and footers could not be read")
        return [], []
    return headers, footers


@dataclass(frozen=True, slots=True)
class _Segment:
    text: str
    size: float
    bold: bool


class _Reader:
    """Reads one story (body, header or footer) into the builder."""

    def __init__(
        self,
        builder: FlowBuilder,
        styles: Styles,
        links: Mapping[str, str],
        furniture_seen: set[str] | None = None,
    ) -> None:
        self._builder = builder
        self._styles = styles
        self._links = links
        self._furniture_seen = furniture_seen  # set for headers and footers

    def story(self, root: Element) -> None:
        self._blocks(root, 0)

    def _blocks(self, container: Element, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        for child in container:
            if self._builder.full:
                return
            tag = child.tag
            if tag == _P:
                self._paragraph(child, depth)
            elif tag == _TBL:
                for row in _children(child, _TR):
                    for cell in _children(row, _TC):
                        self._blocks(cell, depth + 1)
            elif tag in _WRAPPERS:
                self._blocks(child, depth + 1)

    def _paragraph(self, paragraph: Element, depth: int) -> None:
        ppr = paragraph.find(_PPR)
        style = None
        if ppr is not None:
            style_element = ppr.find(w("pStyle"))
            style = str(style_element.get(w("val"))) if style_element is not None else None
            if on_off(ppr.find(w("pageBreakBefore"))):
                self._page_break()
        items: list[_Segment | str] = []
        boxes: list[Element] = []
        self._inline(paragraph, style, items, boxes, depth)
        self._emit(items)
        for box in boxes:
            self._blocks(box, depth + 1)

    def _inline(
        self,
        element: Element,
        style: str | None,
        items: list[_Segment | str],
        boxes: list[Element],
        depth: int,
    ) -> None:
        if depth > _MAX_DEPTH:
            return
        for child in element:
            tag = child.tag
            if tag == _R:
                self._run(child, style, items, boxes)
            elif tag in _SKIP_INLINE or not isinstance(tag, str):
                continue  # also XML comments and processing instructions
            else:
                if tag == _HYPERLINK:
                    target = self._links.get(str(child.get(_R_ID, "")))
                    if target:
                        self._builder.link(target)
                elif tag == _FLD_SIMPLE:
                    self._field(child.get(w("instr")))
                self._inline(child, style, items, boxes, depth + 1)

    def _run(
        self, run: Element, style: str | None, items: list[_Segment | str], boxes: list[Element]
    ) -> None:
        fmt = self._styles.run(style, run.find(_RPR))
        for child in run:
            tag = child.tag
            if tag == _T:
                if not fmt.hidden:
                    items.append(_Segment(child.text or "", fmt.size, fmt.bold))
            elif tag in (_TAB, _PTAB):
                items.append(_Segment("\t", fmt.size, False))
            elif tag == _BR:
                items.append(_PAGE if child.get(w("type")) == "page" else _NEWLINE)
            elif tag == _CR:
                items.append(_NEWLINE)
            elif tag == w("noBreakHyphen") and not fmt.hidden:
                items.append(_Segment("-", fmt.size, fmt.bold))
            elif tag == w("lastRenderedPageBreak"):
                items.append(_PAGE)
            elif tag == _INSTR:
                self._field(child.text)
            elif tag in _BOX_HOLDERS:
                boxes.extend(_text_boxes(child))

    def _field(self, instruction: str | None) -> None:
        # HYPERLINK "https://..." (a local "\l" bookmark link has no quotes right after it).
        match = _FIELD_LINK.search(instruction or "")
        if match:
            self._builder.link(match.group(1))

    def _emit(self, items: list[_Segment | str]) -> None:
        line: list[_Segment] = []
        for item in [*items, _NEWLINE]:
            if isinstance(item, _Segment):
                line.append(item)
                continue
            if line:
                self._add(line)
                line = []
            if item == _PAGE:
                self._page_break()

    def _add(self, segments: list[_Segment]) -> None:
        text = "".join(segment.text for segment in segments)
        visible = [segment for segment in segments if segment.text.strip()]
        size = max((segment.size for segment in visible), default=0.0)
        bold = any(segment.bold for segment in visible)
        if self._furniture_seen is not None:
            # Headers and footers repeat across sections and carry page counters.
            key = normalise_line(text)
            if not key or is_page_number(key) or key in self._furniture_seen:
                return
            self._furniture_seen.add(key)
        self._builder.add(text, size=size, bold=bold)

    def _page_break(self) -> None:
        if self._furniture_seen is None:
            self._builder.page_break()


def _children(element: Element, tag: str) -> Iterator[Element]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _text_boxes(holder: Element, depth: int = 0) -> Iterator[Element]:
    """Text box contents inside a drawing, skipping mc:Fallback copies and nested boxes."""
    for child in holder:
        if child.tag == _TXBX:
            yield child
        elif child.tag != _FALLBACK and depth < _MAX_DEPTH:
            yield from _text_boxes(child, depth + 1)
