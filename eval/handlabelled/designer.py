"""A product designer's one-page resume built from a template: a dark full-height sidebar on
the left (photo, contacts, skills, tools with rating bars drawn as shapes, languages; titles
letter-spaced by CSS), the name in a huge font at the top of the main column, and main section
titles typed as spaced capitals ("E X P E R I E N C E"). Each block is placed at a fixed
position. Hand-written text; the truth is designer.truth.json."""

from __future__ import annotations

from typing import Any

from eval.corpus._fitz import fitz
from eval.corpus.layouts import _story

FILENAME = "NoorHaddad_Resume_web.pdf"
CONTENT_TYPE = "application/pdf"

_SIDEBAR = (0.0, 0.0, 195.0, _story.PAGE_HEIGHT)
_SIDE_CSS = """
* {font-family: sans-serif; font-size: 8.5pt; line-height: 1.45; color: #eef3f2;}
h3 {font-size: 9pt; letter-spacing: 3pt; color: #f4c26b; margin: 0 0 5pt 0;}
p {margin: 0;}
"""
_MAIN_CSS = """
* {font-family: sans-serif; font-size: 9pt; line-height: 1.4; color: #2b2b2b;}
h2 {font-size: 8.5pt; color: #1d4e4a; margin: 0 0 4pt 0; font-weight: bold;}
p {margin: 0;}
p.job {font-size: 10.5pt; font-weight: bold; color: #111;}
p.where {color: #1d4e4a;}
p.when {color: #888; font-size: 8pt;}
ul {margin: 2pt 0 0 11pt;}
"""
_TOOLS = (("Figma", 0.95), ("ProtoPie", 0.8), ("Adobe Illustrator", 0.75),
          ("Adobe After Effects", 0.6), ("Miro", 0.85), ("Jira", 0.7))  # fmt: skip

_MAIN: tuple[tuple[str, float], ...] = (
    (
        "<h2>P R O F I L E</h2><p>Product designer with nine years of experience in mobility "
        "and consumer apps. I like the unglamorous middle of a project: turning research into "
        "flows, flows into a system, and a system into something engineers enjoy building.</p>",
        78,
    ),
    ("<h2>E X P E R I E N C E</h2>", 18),
    (
        "<p class='job'>Senior Product Designer</p><p class='where'>Kiezkraft GmbH &#183; "
        "Berlin</p><p class='when'>Mar 2021 &#8212; Present</p><ul>"
        "<li>Lead designer for the neighbourhood delivery app (1.2M monthly users).</li>"
        "<li>Built and run the company design system, used by 4 product squads.</li>"
        "<li>Cut checkout drop-off by 18% after a round of usability testing.</li></ul>",
        84,
    ),
    (
        "<p class='job'>Product Designer</p><p class='where'>Wanderlust Mobility &#183; "
        "Berlin</p><p class='when'>Sep 2018 &#8212; Feb 2021</p><ul>"
        "<li>Designed booking and trip-planning flows for the e-scooter app.</li>"
        "<li>Ran weekly user research sessions with riders in three cities.</li></ul>",
        70,
    ),
    (
        "<p class='job'>UI/UX Designer</p><p class='where'>Cedar Digital &#183; Beirut, "
        "Lebanon</p><p class='when'>Jun 2015 &#8212; Aug 2018</p><ul>"
        "<li>Websites and apps for banks and NGOs; introduced clickable prototypes to the "
        "agency's pitch process.</li></ul>",
        62,
    ),
    ("<h2>E D U C A T I O N</h2>", 18),
    (
        "<p class='job'>Bachelor of Fine Arts in Graphic Design</p>"
        "<p class='where'>American University of Beirut</p>"
        "<p class='when'>2011 &#8212; 2015</p>",
        46,
    ),
    (
        "<h2>A W A R D S</h2><p>Red Dot Award: Brands &amp; Communication Design, 2022 "
        "(Kiezkraft app)</p>",
        40,
    ),
)


def render() -> bytes:
    pymupdf = fitz()
    document: Any = pymupdf.open()
    page = document.new_page(width=_story.PAGE_WIDTH, height=_story.PAGE_HEIGHT)
    teal, gold = (0.11, 0.3, 0.29), (0.96, 0.76, 0.42)
    page.draw_rect(_SIDEBAR, color=None, fill=teal)
    page.draw_circle((97, 95), 52, color=gold, fill=(0.8, 0.85, 0.84), width=3)
    page.insert_htmlbox(
        pymupdf.Rect(24, 170, 185, 300),
        "<h3>CONTACT</h3><p>+49 1512 3456789<br/>noor.haddad@example.com<br/>"
        "noorhaddad.design<br/>dribbble.com/noorhaddad<br/>Berlin, Germany</p>",
        css=_SIDE_CSS,
    )
    page.insert_htmlbox(
        pymupdf.Rect(24, 290, 185, 420),
        "<h3>SKILLS</h3><p>UX Research<br/>Interaction Design<br/>Design Systems<br/>"
        "Prototyping<br/>Usability Testing<br/>Visual Design</p>",
        css=_SIDE_CSS,
    )
    page.insert_htmlbox(pymupdf.Rect(24, 425, 185, 445), "<h3>TOOLS</h3>", css=_SIDE_CSS)
    y = 447.0
    for tool, level in _TOOLS:
        page.insert_htmlbox(pymupdf.Rect(24, y, 185, y + 14), f"<p>{tool}</p>", css=_SIDE_CSS)
        page.draw_rect((24, y + 14, 171, y + 17), color=None, fill=(0.2, 0.42, 0.4))
        page.draw_rect((24, y + 14, 24 + 147 * level, y + 17), color=None, fill=gold)
        y += 26
    page.insert_htmlbox(
        pymupdf.Rect(24, y + 12, 185, y + 110),
        "<h3>LANGUAGES</h3><p>Arabic &#8212; Native<br/>English &#8212; Fluent<br/>"
        "French &#8212; Fluent<br/>German &#8212; Intermediate (B1)</p>",
        css=_SIDE_CSS,
    )
    page.insert_htmlbox(
        pymupdf.Rect(222, 36, 570, 150),
        "<p style='font-family:sans-serif;font-size:44pt;font-weight:bold;color:#1d4e4a;"
        "line-height:1.0;margin:0'>NOOR<br/>HADDAD</p>",
    )
    page.insert_htmlbox(
        pymupdf.Rect(224, 140, 570, 160),
        "<p style='font-family:sans-serif;font-size:12pt;color:#555'>Senior Product Designer</p>",
    )
    page.draw_line((224, 168), (555, 168), color=gold, width=2)
    y = 184.0
    for html, height in _MAIN:
        page.insert_htmlbox(pymupdf.Rect(224, y, 560, y + height), html, css=_MAIN_CSS)
        y += height + 10
    document.subset_fonts()  # one embedded copy per font, as design tools export
    pdf = document.tobytes(garbage=4, deflate=True)
    document.close()
    return _story.finish(pdf, None)
