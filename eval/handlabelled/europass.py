# ruff: noqa: RUF001 - the document uses typographic dashes, as real CVs do
"""A Europass-style CV: a two-column grid, grey labels right-aligned on the left ("WORK
EXPERIENCE", "Dates", "Occupation or position held"...), values on the right; dates written
DD/MM/YYYY. Text written by hand; the truth is europass.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "katrine-aasen-europass.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 9pt; line-height: 1.3;}
td {padding: 2pt 4pt; vertical-align: top;}
td.label {color: #1f4e79; text-align: right;}
td.head {color: #1f4e79; font-size: 10pt; text-align: right; font-weight: bold;}
.big {font-size: 16pt;}
p {margin: 0;}
ul {margin: 0 0 0 10pt;}
"""


def _row(label: str, value: str, css_class: str = "label") -> str:
    return f"<tr><td width='150' class='{css_class}'>{label}</td><td>{value}</td></tr>"


def render() -> bytes:
    rows = [
        _row("Europass<br/>Curriculum Vitae", "", "head"),
        _row("PERSONAL INFORMATION", "<span class='big'>Katrine Aasen</span>", "head"),
        _row("Address", "Storgata 14, 0155 Oslo (Norway)"),
        _row("Telephone", "+47 912 34 567"),
        _row("E-mail", "katrine.aasen@example.com"),
        _row("LinkedIn", "linkedin.com/in/katrine-aasen"),
        _row("Nationality", "Norwegian"),
        _row("WORK EXPERIENCE", "", "head"),
        _row("Dates", "01/03/2019 – present"),
        _row("Occupation or position held", "Senior Process Engineer"),
        _row(
            "Main activities and responsibilities",
            "<ul><li>Process design for salmon feed production lines</li>"
            "<li>HAZOP studies and process safety reviews</li></ul>",
        ),
        _row("Name and address of employer", "Nordkapp Aqua AS, Bergen (Norway)"),
        _row("Dates", "15/08/2014 – 28/02/2019"),
        _row("Occupation or position held", "Process Engineer"),
        _row(
            "Main activities and responsibilities",
            "Commissioning of a new extrusion plant; yield analysis in MATLAB",
        ),
        _row("Name and address of employer", "Hafslund Kjemi ASA, Sarpsborg (Norway)"),
        _row("EDUCATION AND TRAINING", "", "head"),
        _row("Dates", "08/2012 – 06/2014"),
        _row("Title of qualification awarded", "Master of Science in Chemical Engineering"),
        _row(
            "Name and type of organisation",
            "Norwegian University of Science and Technology, Trondheim",
        ),
        _row("Dates", "08/2009 – 06/2012"),
        _row("Title of qualification awarded", "Bachelor of Engineering in Chemistry"),
        _row("Name and type of organisation", "University of Bergen"),
        _row("PERSONAL SKILLS", "", "head"),
        _row("Mother tongue(s)", "Norwegian"),
        _row("Other language(s)", "English (C1), German (B1)"),
        _row("Digital skills", "Python, MATLAB, SAP, Microsoft Excel"),
    ]
    html = f"<table>{''.join(rows)}</table>"
    return _story.flow(html, _CSS, lambda _: [(40.0, 40.0, 555.0, 800.0)])
