"""A designer's one-page resume: the name set large on the right, section titles and dates in
a narrow left gutter, each entry placed on its own at absolute positions (no table, no flow).
Hand-written text; the truth is creative.truth.json."""

from __future__ import annotations

from typing import Any

from eval.corpus._fitz import fitz
from eval.corpus.layouts import _story

FILENAME = "matias-ferreyra-cv.pdf"
CONTENT_TYPE = "application/pdf"

_GUTTER = (40.0, 150.0)
_BODY = (170.0, 555.0)
_CSS = """
* {font-family: sans-serif; font-size: 9.5pt; line-height: 1.3; color: #222;}
b {color: #000;}
.gutter {color: #c0392b; text-align: right;}
.title {font-size: 8pt; letter-spacing: 1pt; color: #c0392b; text-align: right;}
p {margin: 0;}
"""
# (gutter text, body html, height in points)
_ENTRIES: tuple[tuple[str, str, float], ...] = (
    ("<p class='title'>EXPERIENCE</p>", "", 18),
    (
        "<p class='gutter'>2021 — now</p>",
        "<p><b>Art Director</b>, Estudio Pampa, Buenos Aires</p>"
        "<p>Leads a team of five on brand identities for food and wine clients; "
        "moved the studio's production work from Adobe Illustrator to Figma.</p>",
        48,
    ),
    (
        "<p class='gutter'>2017 — 2021</p>",
        "<p><b>Senior Graphic Designer</b>, Tinta Roja Publicidad, Córdoba</p>"
        "<p>Packaging and campaign work; motion pieces in Adobe After Effects.</p>",
        40,
    ),
    (
        "<p class='gutter'>2015 — 2017</p>",
        "<p><b>Junior Designer</b>, Ferreyra &amp; Hijos Imprenta, Córdoba</p>"
        "<p>Prepress, print supervision and the occasional poster.</p>",
        40,
    ),
    ("<p class='title'>EDUCATION</p>", "", 18),
    (
        "<p class='gutter'>2011 — 2015</p>",
        "<p><b>Licenciatura en Diseño Gráfico</b> (Bachelor's degree in Graphic Design)</p>"
        "<p>Universidad Nacional de Córdoba</p>",
        40,
    ),
    (
        "<p class='title'>TOOLS</p>",
        "<p>Figma · Adobe Illustrator · Adobe Photoshop · Adobe After Effects · Blender</p>",
        30,
    ),
    (
        "<p class='title'>LANGUAGES</p>",
        "<p>Spanish (native) · English (advanced) · Italian (basic)</p>",
        30,
    ),
)


def render() -> bytes:
    document: Any = fitz().open()
    page = document.new_page(width=_story.PAGE_WIDTH, height=_story.PAGE_HEIGHT)
    page.insert_htmlbox(
        fitz().Rect(250, 40, 555, 140),
        "<p style='text-align:right;font-size:30pt;font-family:sans-serif'><b>Matías<br/>"
        "Ferreyra</b></p><p style='text-align:right;font-family:sans-serif;font-size:11pt'>"
        "Art Director &amp; Illustrator</p>",
    )
    page.insert_htmlbox(
        fitz().Rect(40, 50, 240, 130),
        "<p style='font-family:sans-serif;font-size:8.5pt;line-height:1.4'>"
        "+54 9 11 2345-6789<br/>matias@ferreyra.example.com<br/>behance.net/mferreyra<br/>"
        "Buenos Aires, Argentina</p>",
    )
    page.draw_line((160, 160), (160, 780), color=(0.75, 0.2, 0.17), width=0.8)
    y = 170.0
    for gutter, body, height in _ENTRIES:
        page.insert_htmlbox(fitz().Rect(_GUTTER[0], y, _GUTTER[1], y + height), gutter, css=_CSS)
        if body:
            page.insert_htmlbox(fitz().Rect(_BODY[0], y, _BODY[1], y + height), body, css=_CSS)
        y += height + 8
    pdf = document.tobytes()
    document.close()
    return _story.finish(pdf, None)
