"""Table-based: the resume is a grid. A header table (name left, contacts right), experience
and education as two-column tables (dates | employer, title and bullets), skills as a table of
label | list. Borders drawn or not; dates in the narrow left column."""

from __future__ import annotations

import random

from ..compose import Resume
from . import _html, _story

EXTENSION = ".pdf"
CONTENT_TYPE = "application/pdf"
MARGIN = 46.0


def render(resume: Resume, rng: random.Random) -> bytes:
    size = rng.choice((9.0, 9.5, 10.0))
    border = rng.choice(("1px solid #999", "none"))
    date_width = rng.choice((95, 110, 125))
    upper = rng.random() < 0.5
    css = f"""
        * {{font-family: {rng.choice(("sans-serif", "serif"))}; font-size: {size}pt;
            line-height: 1.25;}}
        table {{width: 100%; border-collapse: collapse; margin: 2pt 0;}}
        td {{border: {border}; padding: 3pt; vertical-align: top;}}
        h1 {{font-size: 22pt; margin: 0;}}
        h2 {{font-size: {size + 2}pt; margin: 10pt 0 2pt 0; background-color: #e8e8e8;
             padding: 2pt;}}
        p {{margin: 1pt 0;}}
        ul {{margin: 1pt 0 0 10pt;}}
        .right {{text-align: right;}}
    """
    sep = _html.joiner(rng)
    who = f"<h1>{_html.esc(resume.name)}</h1>"
    if resume.headline:
        who += f"<p>{_html.esc(resume.headline)}</p>"
    contacts = "<br/>".join(_html.contact_texts(resume, labelled=rng.random() < 0.6))
    parts = [f"<table><tr><td>{who}</td><td class='right'>{contacts}</td></tr></table>"]
    if resume.summary:
        parts.append(
            _html.section(
                resume.headings["summary"], f"<p>{_html.esc(resume.summary)}</p>", upper=upper
            )
        )
    company_first = rng.random() < 0.5
    rows = []
    for item in resume.work:
        first, second = (
            (item.company, item.position) if company_first else (item.position, item.company)
        )
        where = f"{sep}{_html.esc(item.location)}" if item.location else ""
        rows.append(
            f"<tr><td width='{date_width}'>{_html.esc(item.dates)}</td><td><b>"
            f"{_html.esc(first)}</b><br/>{_html.esc(second)}{where}"
            f"{_html.bullets(item.highlights)}</td></tr>"
        )
    parts.append(
        _html.section(resume.headings["work"], f"<table>{''.join(rows)}</table>", upper=upper)
    )
    rows = []
    for school in resume.education:
        extra = "".join(
            f"<br/>{_html.esc(text)}" for text in (school.location, school.score) if text
        )
        rows.append(
            f"<tr><td width='{date_width}'>{_html.esc(school.dates)}</td><td><b>"
            f"{_html.esc(school.degree)}</b><br/>{_html.esc(school.institution)}{extra}"
            "</td></tr>"
        )
    if rows:
        parts.append(
            _html.section(
                resume.headings["education"], f"<table>{''.join(rows)}</table>", upper=upper
            )
        )
    rows = [
        f"<tr><td width='{date_width}'><b>{_html.esc(label or resume.headings['skills'])}"
        f"</b></td><td>{_html.esc(', '.join(group))}</td></tr>"
        for label, group in resume.skill_groups
    ]
    parts.append(
        _html.section(resume.headings["skills"], f"<table>{''.join(rows)}</table>", upper=upper)
    )
    for key, items in (("languages", resume.languages), ("certificates", resume.certificates)):
        if items:
            cells = "".join(f"<tr><td>{_html.esc(item)}</td></tr>" for item in items)
            parts.append(
                _html.section(resume.headings[key], f"<table>{cells}</table>", upper=upper)
            )
    parts.append(_html.section(resume.headings["projects"], _html.projects(resume), upper=upper))

    def frames(_: int) -> list[_story.Frame]:
        return [(MARGIN, MARGIN, _story.PAGE_WIDTH - MARGIN, _story.PAGE_HEIGHT - MARGIN)]

    return _story.flow("".join(parts), css, frames)
