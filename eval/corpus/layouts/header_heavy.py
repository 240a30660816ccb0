"""Header-heavy: a big coloured banner with the name and title, the contacts in separate boxes
under it, and on every page a running header (name, "Curriculum Vitae") and a footer with the
page number. Parsers must not take the furniture for content nor miss the boxed contacts."""

from __future__ import annotations

import random
from typing import Any

from ..compose import Resume
from . import _html, _story

EXTENSION = ".pdf"
CONTENT_TYPE = "application/pdf"
MARGIN = 48.0
BANNER = 128.0
BOXES_TOP = BANNER + 10.0
BOX_HEIGHT = 40.0
_COLOURS = ((0.10, 0.21, 0.39), (0.55, 0.12, 0.16), (0.12, 0.36, 0.36), (0.2, 0.2, 0.2))


def render(resume: Resume, rng: random.Random) -> bytes:
    colour = rng.choice(_COLOURS)
    size = rng.choice((9.5, 10.0, 10.5))
    running = rng.choice(("Curriculum Vitae", "Resume", "CV"))
    page_format = rng.choice(("Page {n} of {total}", "{n} / {total}", "- {n} -", "Page {n}"))
    upper = rng.random() < 0.7
    css = f"""
        * {{font-family: {rng.choice(("sans-serif", "serif"))}; font-size: {size}pt;
            line-height: 1.25;}}
        h2 {{font-size: {size + 3}pt; margin: 12pt 0 3pt 0; color: #333;}}
        p {{margin: 1pt 0;}}
        p.entry {{margin-top: 6pt;}}
        ul {{margin: 1pt 0 1pt 12pt;}}
    """
    banner_css = f"""
        * {{font-family: sans-serif; color: #ffffff;}}
        h1 {{font-size: {rng.choice((28, 32, 34))}pt; margin: 0;}}
        p {{font-size: 13pt; margin: 4pt 0 0 0;}}
    """
    box_css = "* {font-family: sans-serif; font-size: 8pt;} .label {color: #777;} p {margin: 0;}"
    banner = f"<h1>{_html.esc(resume.name)}</h1>"
    if resume.headline:
        banner += f"<p>{_html.esc(resume.headline.upper() if upper else resume.headline)}</p>"
    body = _html.main_sections(
        resume,
        rng,
        upper=upper,
        include=("summary", "work", "education", "skills", "certificates", "languages", "projects"),
    )
    width = _story.PAGE_WIDTH - 2 * MARGIN
    columns = min(len(resume.contacts), 3)
    rows = (len(resume.contacts) + columns - 1) // columns
    body_top = BOXES_TOP + rows * (BOX_HEIGHT + 6) + 8

    def frames(page: int) -> list[_story.Frame]:
        top = body_top if page == 0 else MARGIN + 24
        return [(MARGIN, top, _story.PAGE_WIDTH - MARGIN, _story.PAGE_HEIGHT - MARGIN - 20)]

    def decorate(page: Any, number: int, total: int) -> None:
        grey = (0.45, 0.45, 0.45)
        if number == 0:
            page.draw_rect(
                (0, 0, _story.PAGE_WIDTH, BANNER), color=None, fill=colour, overlay=False
            )
            _story.html_box(
                page, (MARGIN, 30, _story.PAGE_WIDTH - MARGIN, BANNER - 8), banner, banner_css
            )
            box_width = (width - (columns - 1) * 8) / columns
            for index, item in enumerate(resume.contacts):
                x = MARGIN + (index % columns) * (box_width + 8)
                y = BOXES_TOP + (index // columns) * (BOX_HEIGHT + 6)
                rect = (x, y, x + box_width, y + BOX_HEIGHT)
                page.draw_rect(rect, color=(0.75, 0.75, 0.75), width=0.6, radius=0.1)
                text = (
                    f"<p class='label'>{_html.esc(item.label.upper())}</p>"
                    f"<p>{_html.esc(item.value)}</p>"
                )
                _story.html_box(
                    page, (x + 6, y + 5, x + box_width - 6, y + BOX_HEIGHT - 3), text, box_css
                )
        page.insert_text((MARGIN, 22), f"{resume.name} \u00b7 {running}", fontsize=7.5, color=grey)
        page.draw_line((MARGIN, 27), (_story.PAGE_WIDTH - MARGIN, 27), color=grey, width=0.4)
        footer = page_format.format(n=number + 1, total=total)
        page.insert_text(
            (_story.PAGE_WIDTH / 2 - 20, _story.PAGE_HEIGHT - 24), footer, fontsize=8, color=grey
        )

    return _story.flow(body, css, frames, decorate)
