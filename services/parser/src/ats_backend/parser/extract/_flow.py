"""Lines of flowing documents (DOCX, HTML): text without a fixed page layout.

A PDF tells where every line sits on its page; a Word or HTML document only tells the order of
its paragraphs. The field extractors still want :class:`Line` objects with a ``page`` and a
``top`` (the name is looked for on page 0, links near the header belong to the candidate), so
:class:`FlowBuilder` places the lines itself: a new page at each page break the document
records, and ``top`` spread evenly over the lines of each page in reading order. Link targets
are placed like the line they occur in, exactly as the PDF reader places link annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._text import Line, normalise_line

__all__ = ["MAX_LINKS", "FlowBuilder", "FlowText"]

MAX_LINKS = 200
"""Link targets kept per document, as for PDFs: a resume has a handful."""

_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


@dataclass(slots=True)
class FlowText:
    """What a flowing document yields: lines in reading order, link targets, pages, warnings."""

    lines: list[Line] = field(default_factory=list)
    uris: list[Line] = field(default_factory=list)
    """Hyperlink targets (``https:``, ``mailto:``, ``tel:``), placed like the line they are on."""
    pages: int = 1
    """Pages as far as the document records page breaks (1 when it records none)."""
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Pending:
    text: str
    size: float
    bold: bool
    page: int


class FlowBuilder:
    """Collects the lines of a flowing document in reading order, up to ``max_chars``.

    Callers add one visual line at a time (:meth:`add`), report page breaks
    (:meth:`page_break`) and hyperlink targets (:meth:`link`), watch :attr:`full` to stop
    early, and finally call :meth:`build`.
    """

    def __init__(self, *, max_chars: int) -> None:
        self._max_chars = max_chars
        self._chars = 0
        self._page = 0
        self._break_pending = False
        self._lines: list[_Pending] = []
        self._links: list[tuple[int, str]] = []  # (index of the line the link is on, target)
        self._seen_links: set[str] = set()
        self.warnings: list[str] = []
        self.full = False
        """The text reached ``max_chars``; everything after is ignored (with a warning)."""

    def add(self, text: str, *, size: float = 0.0, bold: bool = False) -> None:
        """One visual line; it is normalised, and dropped when nothing is left of it."""
        if self.full:
            return
        line = normalise_line(text)
        if not line:
            return
        if self._break_pending:
            # Several breaks in a row (Word records both an explicit break and the rendered
            # one) make one new page, and a break before any text makes none.
            if self._lines:
                self._page += 1
            self._break_pending = False
        self._lines.append(_Pending(line, size, bold, self._page))
        self._chars += len(line)
        if self._chars > self._max_chars:
            self.full = True
            self.warnings.append(f"the text was cut after {self._max_chars} characters")

    def page_break(self) -> None:
        """The document starts a new page before the next line."""
        self._break_pending = True

    def link(self, target: str) -> None:
        """A hyperlink target on the line being read (the next one :meth:`add` receives)."""
        target = target.strip()
        if target.lower().startswith("www."):
            target = "http://" + target
        if not target.lower().startswith(_LINK_SCHEMES) or target in self._seen_links:
            return
        if len(self._links) < MAX_LINKS:
            self._seen_links.add(target)
            self._links.append((len(self._lines), target))

    def build(self) -> FlowText:
        """The lines placed on their pages, and the links placed like their lines."""
        per_page: dict[int, int] = {}
        for pending in self._lines:
            per_page[pending.page] = per_page.get(pending.page, 0) + 1
        lines: list[Line] = []
        seen: dict[int, int] = {}
        for pending in self._lines:
            index = seen.get(pending.page, 0)
            seen[pending.page] = index + 1
            top = index / per_page[pending.page]
            lines.append(Line(pending.text, pending.size, pending.bold, pending.page, top))
        uris: list[Line] = []
        for index, target in self._links:
            # A link after the last line (an empty paragraph) belongs with the last line.
            anchor = lines[min(index, len(lines) - 1)] if lines else Line("")
            uris.append(Line(target, page=anchor.page, top=anchor.top))
        pages = (lines[-1].page + 1) if lines else 1
        return FlowText(lines=lines, uris=uris, pages=pages, warnings=list(self.warnings))
