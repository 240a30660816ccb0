"""Flowing HTML into PDF pages with ``pymupdf.Story``: real fonts and weights, wrapping and page
breaks for free. A layout gives the HTML, the CSS, the frames (rectangles) to fill on each page,
and a ``decorate`` callback that draws on the finished pages (backgrounds, banners, running
headers and footers, side columns)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from .._fitz import fitz

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points
_MAX_PAGES = 6

Frame = tuple[float, float, float, float]


def flow(
    html: str,
    css: str,
    frames: Callable[[int], Sequence[Frame]],
    decorate: Callable[[Any, int, int], None] | None = None,
) -> bytes:
    """Render ``html`` into ``frames(page_number)`` page after page; then ``decorate(page,
    number, page_count)`` each page. Returns the PDF bytes."""
    pymupdf = fitz()
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    story = pymupdf.Story(html, user_css=css)
    more, number = True, 0
    while more and number < _MAX_PAGES:
        device = writer.begin_page(pymupdf.Rect(0, 0, PAGE_WIDTH, PAGE_HEIGHT))
        for frame in frames(number):
            more, _ = story.place(pymupdf.Rect(*frame))
            story.draw(device)
            if not more:
                break
        writer.end_page()
        number += 1
    writer.close()
    return finish(buffer.getvalue(), decorate)


def finish(pdf: bytes, decorate: Callable[[Any, int, int], None] | None) -> bytes:
    document = fitz().open("pdf", pdf)
    try:
        if decorate is not None:
            for number in range(document.page_count):
                decorate(document[number], number, document.page_count)
        document.set_metadata({})  # no producer or dates: same seed, same bytes
        return bytes(document.tobytes(garbage=1, deflate=True, no_new_id=True))
    finally:
        document.close()


def html_box(page: Any, frame: Frame, html: str, css: str) -> None:
    """Put ``html`` inside ``frame`` on ``page``, shrinking it if it would not fit."""
    page.insert_htmlbox(fitz().Rect(*frame), html, css=css)
