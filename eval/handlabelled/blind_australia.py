# ruff: noqa: RUF001 - the document uses typographic dashes, as real resumes do
"""Blind held-out: an Australian operations resume with "Career Summary", "Employment History",
a local mobile "0412 345 678", a Surry Hills NSW address and "Referees: Available on request".
Hand-written text; the truth is blind_australia.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "Lachlan Nguyen - Resume.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.3;}
h1 {font-size: 18pt; margin: 0 0 2pt 0;}
p.c {margin: 0; font-size: 9.5pt;}
h2 {font-size: 11pt; margin: 10pt 0 3pt 0; background: #e6eef5; padding: 2pt;}
p.r {margin: 6pt 0 0 0;} ul {margin: 1pt 0 2pt 14pt;}
"""

_HTML = (
    "<h1>Lachlan Nguyen</h1>"
    "<p class='c'>Unit 4, 27 Foveaux Street, Surry Hills, Sydney NSW 2010</p>"
    "<p class='c'>Mobile: 0412 345 678 &#183; Email: lachlan.nguyen@example.com.au</p>"
    "<h2>Career Summary</h2><p>Operations manager with ten years in freight and "
    "warehousing across Sydney and Brisbane. Known for calm peak-season planning, safe sites "
    "and honest conversations with carriers.</p>"
    "<h2>Employment History</h2>"
    "<p class='r'><b>Operations Manager</b><br/>Harbourline Freight Pty Ltd, Botany NSW"
    "<br/>March 2020 – Present</p><ul><li>Run a 24-hour cross-dock with 65 staff and "
    "14 contracted carriers.</li><li>Lifted on-time dispatch from 91% to 98.5% in the first "
    "year.</li></ul>"
    "<p class='r'><b>Logistics Coordinator</b><br/>Southern Cross Distribution, Eagle Farm QLD"
    "<br/>July 2016 – February 2020</p><ul><li>Booked linehaul to regional Queensland and "
    "managed claims with carriers.</li></ul>"
    "<p class='r'><b>Warehouse Team Leader</b><br/>Bondi Fresh Markets, Alexandria NSW"
    "<br/>January 2014 – June 2016</p><ul><li>Led the night pick team of twelve.</li></ul>"
    "<h2>Education</h2><p><b>Bachelor of Business (Logistics and Supply Chain "
    "Management)</b><br/>University of Technology Sydney, 2010 – 2013</p>"
    "<h2>Key Skills</h2><ul><li>Warehouse Management &#8211; Inventory Management &#8211; "
    "Fleet Management</li><li>SAP, Microsoft Excel, Power BI</li></ul>"
    "<h2>Licences</h2><p>Current NSW driver licence (C class); White Card</p>"
    "<h2>Referees</h2><p>Available on request.</p>"
)


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(50.0, 45.0, 545.0, 800.0)])
