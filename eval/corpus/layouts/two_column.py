"""Two columns under a full-width name: contacts, skills and languages in a narrow column,
experience and education in the wide one; the narrow column is on the left or the right, with
a rule between them. The columns sit side by side on the page, so reading order matters."""

from __future__ import annotations

import random
from typing import Any

from ..compose import Resume
from . import _html, _story

EXTENSION = ".pdf"
CONTENT_TYPE = "application/pdf"
MARGIN = 40.0
GUTTER = 18.0
HEADER = 92.0  # height of the name band on page one


def render(resume: Resume, rng: random.Random) -> bytes:
    narrow_left = rng.random() < 0.6
    narrow = rng.choice((165.0, 180.0, 195.0))
    font = rng.choice(("sans-serif", "serif"))
    size = rng.choice((9.0, 9.5, 10.0))
    upper = rng.random() < 0.5
    education_aside = rng.random() < 0.3
    css = f"""
        * {{font-family: {font}; font-size: {size}pt; line-height: 1.25;}}
        h1 {{font-size: {rng.choice((22, 24, 28))}pt; margin: 0;}}
        h2 {{font-size: {size + 2}pt; margin: 9pt 0 3pt 0; color: #2e5c4f;}}
        p {{margin: 1pt 0;}}
        p.entry {{margin-top: 5pt;}}
        ul {{margin: 1pt 0 1pt 10pt;}}
        .headline {{font-size: {size + 2}pt; color: #555;}}
    """
    left = MARGIN
    right = _story.PAGE_WIDTH - MARGIN
    if narrow_left:
        aside_box = (left, MARGIN + HEADER, left + narrow, _story.PAGE_HEIGHT - MARGIN)
        main_x = (left + narrow + GUTTER, right)
    else:
        aside_box = (right - narrow, MARGIN + HEADER, right, _story.PAGE_HEIGHT - MARGIN)
        main_x = (left, right - narrow - GUTTER)
    rule_x = (aside_box[2] + GUTTER / 2) if narrow_left else (aside_box[0] - GUTTER / 2)

    header = f"<h1>{_html.esc(resume.name)}</h1>"
    if resume.headline:
        header += f"<p class='headline'>{_html.esc(resume.headline)}</p>"
    aside_keys = ["skills", "languages"] + (["education"] if education_aside else [])
    contact_html = "".join(
        f"<p>{text}</p>" for text in _html.contact_texts(resume, labelled=rng.random() < 0.5)
    )
    contact_title = rng.choice(("Contact", "Contact Details", "Personal Details", "Details"))
    aside = _html.section(contact_title, contact_html, upper=upper) + _html.main_sections(
        resume, rng, upper=upper, include=tuple(aside_keys)
    )
    main_keys = tuple(
        key
        for key in ("summary", "work", "education", "certificates", "projects")
        if key not in aside_keys
    )
    main = _html.main_sections(resume, rng, upper=upper, include=main_keys)

    def frames(page: int) -> list[_story.Frame]:
        top = MARGIN + HEADER if page == 0 else MARGIN
        return [(main_x[0], top, main_x[1], _story.PAGE_HEIGHT - MARGIN)]

    def decorate(page: Any, number: int, _: int) -> None:
        bottom = _story.PAGE_HEIGHT - MARGIN
        top = MARGIN + HEADER if number == 0 else MARGIN
        page.draw_line((rule_x, top), (rule_x, bottom), color=(0.7, 0.7, 0.7), width=0.6)
        if number == 0:
            _story.html_box(page, (left, MARGIN, right, MARGIN + HEADER - 8), header, css)
            _story.html_box(page, aside_box, aside, css)

    return _story.flow(main, css, frames, decorate)
