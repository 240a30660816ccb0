"""A narrow coloured sidebar (a filled rectangle on every page) holding contacts, skills,
languages and certificates in light text; the name may sit in the sidebar or above the main
column. Typical of resume-builder templates."""

from __future__ import annotations

import random
from typing import Any

from ..compose import Resume
from . import _html, _story

EXTENSION = ".pdf"
CONTENT_TYPE = "application/pdf"
_COLOURS = ((0.13, 0.24, 0.36), (0.20, 0.33, 0.29), (0.35, 0.16, 0.22), (0.23, 0.23, 0.27))
PAD = 16.0
MARGIN = 36.0


def render(resume: Resume, rng: random.Random) -> bytes:
    width = rng.choice((170.0, 185.0, 200.0))
    on_left = rng.random() < 0.75
    colour = rng.choice(_COLOURS)
    name_in_sidebar = rng.random() < 0.4
    size = rng.choice((9.0, 9.5, 10.0))
    upper = rng.random() < 0.6
    side_css = f"""
        * {{font-family: sans-serif; font-size: {size - 0.5}pt; color: #ffffff;
            line-height: 1.3;}}
        h1 {{font-size: 18pt; margin: 0 0 4pt 0;}}
        h2 {{font-size: {size + 1}pt; margin: 12pt 0 3pt 0; color: #d8e4f0;}}
        p {{margin: 1pt 0;}}
        ul {{margin: 0 0 0 8pt;}}
    """
    main_css = f"""
        * {{font-family: sans-serif; font-size: {size}pt; line-height: 1.25; color: #222;}}
        h1 {{font-size: {rng.choice((22, 26))}pt; margin: 0;}}
        .headline {{font-size: {size + 2}pt; color: #666; margin-bottom: 6pt;}}
        h2 {{font-size: {size + 2.5}pt; margin: 10pt 0 3pt 0;}}
        p {{margin: 1pt 0;}}
        p.entry {{margin-top: 6pt;}}
        ul {{margin: 1pt 0 1pt 10pt;}}
    """
    title = f"<h1>{_html.esc(resume.name)}</h1>"
    if resume.headline:
        title += f"<p class='headline'>{_html.esc(resume.headline)}</p>"
    contact_title = rng.choice(("Contact", "Get in touch", "Details"))
    contacts = "".join(
        f"<p>{text}</p>" for text in _html.contact_texts(resume, labelled=rng.random() < 0.3)
    )
    side = (title if name_in_sidebar else "") + _html.section(contact_title, contacts, upper=upper)
    # The skills in a sidebar are a bullet list more often than not.
    side += _html.main_sections(
        resume,
        rng,
        upper=upper,
        skill_list_odds=0.7,
        include=("skills", "languages", "certificates"),
    )
    main = ("" if name_in_sidebar else title) + _html.main_sections(
        resume, rng, upper=upper, include=("summary", "work", "education", "projects")
    )
    bar = (
        (0.0, 0.0, width, _story.PAGE_HEIGHT)
        if on_left
        else (_story.PAGE_WIDTH - width, 0.0, _story.PAGE_WIDTH, _story.PAGE_HEIGHT)
    )
    main_x = (
        (width + 24.0, _story.PAGE_WIDTH - MARGIN)
        if on_left
        else (MARGIN, _story.PAGE_WIDTH - width - 24.0)
    )

    def frames(_: int) -> list[_story.Frame]:
        return [(main_x[0], MARGIN, main_x[1], _story.PAGE_HEIGHT - MARGIN)]

    def decorate(page: Any, number: int, _: int) -> None:
        page.draw_rect(bar, color=None, fill=colour, overlay=False)
        if number == 0:
            box = (bar[0] + PAD, MARGIN, bar[2] - PAD, _story.PAGE_HEIGHT - MARGIN)
            _story.html_box(page, box, side, side_css)

    return _story.flow(main, main_css, frames, decorate)
