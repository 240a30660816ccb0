"""Dense: small type, tight spacing, narrow margins and a long career that runs onto a second
page; job headers on one line ("Title, Company (dates)"), compact skill runs."""

from __future__ import annotations

import random

from ..compose import Resume
from . import _html, _story

EXTENSION = ".pdf"
CONTENT_TYPE = "application/pdf"
MARGIN = 30.0


def render(resume: Resume, rng: random.Random) -> bytes:
    size = rng.choice((7.5, 8.0, 8.5))
    css = f"""
        * {{font-family: {rng.choice(("sans-serif", "serif"))}; font-size: {size}pt;
            line-height: 1.08;}}
        h1 {{font-size: {size + 7}pt; margin: 0;}}
        h2 {{font-size: {size + 1.5}pt; margin: 5pt 0 1pt 0;}}
        p {{margin: 0;}}
        p.entry {{margin-top: 2pt;}}
        ul {{margin: 0 0 0 9pt;}}
        li {{margin: 0;}}
    """
    contacts = _html.joiner(rng).join(_html.contact_texts(resume, labelled=rng.random() < 0.5))
    head = f"<h1>{_html.esc(resume.name)}</h1>"
    if resume.headline:
        head += f"<p><b>{_html.esc(resume.headline)}</b></p>"
    head += f"<p>{contacts}</p>"
    body = _html.main_sections(
        resume,
        rng,
        upper=True,
        job_variants=("one_line", "at"),
        include=("summary", "skills", "work", "education", "projects", "certificates", "languages"),
    )

    def frames(_: int) -> list[_story.Frame]:
        return [(MARGIN, MARGIN, _story.PAGE_WIDTH - MARGIN, _story.PAGE_HEIGHT - MARGIN)]

    return _story.flow(head + body, css, frames)
