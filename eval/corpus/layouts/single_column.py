"""Single column: the classic resume. Name and contact line on top, then the sections one
under the other; serif or sans fonts, centred or left-aligned header, ruled headings."""

from __future__ import annotations

import random

from ..compose import Resume
from . import _html, _story

EXTENSION = ".pdf"
CONTENT_TYPE = "application/pdf"
MARGIN = 54.0


def render(resume: Resume, rng: random.Random) -> bytes:
    font = rng.choice(("sans-serif", "serif"))
    align = rng.choice(("center", "left"))
    upper = rng.random() < 0.5
    size = rng.choice((9.5, 10.0, 10.5, 11.0))
    css = f"""
        * {{font-family: {font}; font-size: {size}pt; line-height: 1.25;}}
        h1 {{font-size: {rng.choice((20, 22, 24, 26))}pt; text-align: {align}; margin: 0;}}
        .headline {{text-align: {align}; font-size: {size + 1}pt; color: #444; margin: 2pt 0;}}
        .contacts {{text-align: {align}; font-size: {size - 0.5}pt; margin: 2pt 0 8pt 0;}}
        h2 {{font-size: {size + 2.5}pt; margin: 10pt 0 3pt 0; color: #1f3864;
             border-bottom: 1px solid #1f3864;}}
        p {{margin: 1pt 0;}}
        p.entry {{margin-top: 6pt;}}
        ul {{margin: 1pt 0 1pt 12pt;}}
    """
    contacts = _html.contact_texts(resume, labelled=rng.random() < 0.4)
    separator = _html.joiner(rng)
    header = f"<h1>{_html.esc(resume.name)}</h1>"
    if resume.headline:
        header += f"<p class='headline'>{_html.esc(resume.headline)}</p>"
    if rng.random() < 0.5:
        header += f"<p class='contacts'>{separator.join(contacts)}</p>"
    else:  # two lines: address and phone, then the online ones
        half = (len(contacts) + 1) // 2
        header += (
            f"<p class='contacts'>{separator.join(contacts[:half])}<br/>"
            f"{separator.join(contacts[half:])}</p>"
        )
    order = ("summary", "work", "education", "skills", "languages", "certificates", "projects")
    if rng.random() < 0.3:
        order = ("summary", "skills", "work", "education", "certificates", "languages", "projects")
    body = _html.main_sections(resume, rng, upper=upper, include=order)

    def frames(_: int) -> list[_story.Frame]:
        return [(MARGIN, MARGIN, _story.PAGE_WIDTH - MARGIN, _story.PAGE_HEIGHT - MARGIN)]

    return _story.flow(header + body, css, frames)
