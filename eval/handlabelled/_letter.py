"""US Letter pages for the North American resumes (the corpus helper flows onto A4 only)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from eval.corpus._fitz import fitz
from eval.corpus.layouts import _story

WIDTH, HEIGHT = 612.0, 792.0


def flow(
    html: str,
    css: str,
    margins: tuple[float, float, float, float] = (54.0, 50.0, 54.0, 50.0),
    decorate: Callable[[Any, int, int], None] | None = None,
) -> bytes:
    """``html`` flowed onto Letter pages inside ``margins`` (left, top, right, bottom)."""
    pymupdf = fitz()
    left, top, right, bottom = margins
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    story = pymupdf.Story(html, user_css=css)
    more = True
    while more:
        device = writer.begin_page(pymupdf.Rect(0, 0, WIDTH, HEIGHT))
        more, _ = story.place(pymupdf.Rect(left, top, WIDTH - right, HEIGHT - bottom))
        story.draw(device)
        writer.end_page()
    writer.close()
    return _story.finish(buffer.getvalue(), decorate)
