# ruff: noqa: RUF001 - the document uses typographic dashes, as real resumes do
"""Blind held-out: a Canadian software developer's one-page Letter resume whose "Technical
Skills" are a three-column grid of single words (an HTML table, read row by row or column by
column). Hand-written text; the truth is blind_canada_grid.truth.json."""

from __future__ import annotations

from ._letter import flow

FILENAME = "Mathieu_Tremblay-Nguyen_Resume.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.3;}
h1 {font-size: 19pt; margin: 0;}
p.contact {margin: 0 0 8pt 0; color: #333;}
h2 {font-size: 11pt; margin: 10pt 0 3pt 0; color: #7a0019; text-transform: uppercase;}
table.grid {width: 80%;} table.grid td {padding: 1pt 0; width: 33%;}
p.job {margin: 5pt 0 0 0;} ul {margin: 1pt 0 2pt 14pt;}
"""

_GRID = (
    ("Python", "TypeScript", "Java"),
    ("React", "Node.js", "GraphQL"),
    ("PostgreSQL", "Redis", "Docker"),
    ("Kubernetes", "AWS", "Terraform"),
    ("Git", "Jenkins", "Linux"),
)

_HTML = (
    "<h1>Mathieu Tremblay-Nguyen</h1>"
    "<p class='contact'>Toronto, ON M5V 2T6 | (416) 823-4471 | mathieu.tn@example.ca | "
    "github.com/mtnguyen</p>"
    "<h2>Profile</h2><p>Full-stack developer with six years of experience shipping "
    "checkout and billing features for Canadian retailers. Bilingual (English/French).</p>"
    "<h2>Technical Skills</h2><table class='grid'>"
    + "".join("<tr>" + "".join(f"<td>{w}</td>" for w in row) + "</tr>" for row in _GRID)
    + "</table><h2>Experience</h2>"
    "<p class='job'><b>Senior Software Developer</b> — Shopwave Commerce, Toronto, ON"
    "<br/><i>May 2021 – Present</i></p><ul><li>Own the gift-card and refunds services used "
    "by 1,200 merchants; cut failed refunds by 40%.</li><li>Lead the weekly design review "
    "for the payments squad.</li></ul>"
    "<p class='job'><b>Software Developer</b> — Maple Ledger Systems, Ottawa, ON"
    "<br/><i>Aug 2018 – Apr 2021</i></p><ul><li>Built invoicing screens and the tax "
    "calculation module for provincial sales taxes (HST, QST).</li></ul>"
    "<p class='job'><b>Co-op Developer</b> — Grand River Transit Labs, Kitchener, ON"
    "<br/><i>Jan 2017 – Apr 2017</i></p><ul><li>Wrote a bus-arrival prediction "
    "prototype and its admin page.</li></ul>"
    "<h2>Education</h2><p><b>University of Waterloo</b>, Waterloo, ON — Bachelor of Applied "
    "Science, Computer Engineering (Co-op), Sep 2013 – Jun 2018</p>"
)


def render() -> bytes:
    return flow(_HTML, _CSS)
