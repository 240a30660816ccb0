# ruff: noqa: RUF001 - the document uses typographic dashes, as real CVs do
"""A one-page German Lebenslauf: German headings (Persönliche Daten, Berufserfahrung,
Ausbildung, Kenntnisse, Sprachen), MM.YYYY dates and "heute", a birth date that is not a job
date, place/date and signature line at the end. Hand-written text; the truth is
lebenslauf.truth.json."""

from __future__ import annotations

from typing import Any

from eval.corpus.layouts import _story

FILENAME = "lebenslauf-johanna-brenner.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.3;}
h1 {font-size: 22pt; margin: 0 0 10pt 0; font-weight: normal;}
h2 {font-size: 12pt; margin: 12pt 0 4pt 0; color: #003366;}
td {vertical-align: top; padding: 1pt 4pt 3pt 0;}
p {margin: 0;}
"""


def _rows(rows: list[tuple[str, str]]) -> str:
    return (
        "<table>"
        + "".join(f"<tr><td width='130'>{left}</td><td>{right}</td></tr>" for left, right in rows)
        + "</table>"
    )


def render() -> bytes:
    html = "<h1>Lebenslauf</h1>"
    html += "<h2>Persönliche Daten</h2>" + _rows(
        [
            ("Name", "Johanna Brenner"),
            ("Anschrift", "Gartenstraße 7, 70173 Stuttgart"),
            ("Telefon", "0711 2589 3471"),
            ("E-Mail", "johanna.brenner@example.de"),
            ("Geburtsdatum", "14.03.1990 in Ulm"),
            ("Staatsangehörigkeit", "deutsch"),
        ]
    )
    html += "<h2>Berufserfahrung</h2>" + _rows(
        [
            (
                "04.2019 – heute",
                "<b>Projektingenieurin</b><br/>Schwabenwerk Antriebstechnik GmbH, "
                "Stuttgart<br/>Leitung von Prüfstandsprojekten für E-Achsen",
            ),
            (
                "10.2015 – 03.2019",
                "<b>Entwicklungsingenieurin</b><br/>Bodensee Hydraulik AG, "
                "Friedrichshafen<br/>Konstruktion mit SolidWorks und AutoCAD",
            ),
        ]
    )
    html += "<h2>Ausbildung</h2>" + _rows(
        [
            (
                "10.2013 – 09.2015",
                "<b>Master of Science (M.Sc.) Maschinenbau</b><br/>"
                "Universität Stuttgart, Abschlussnote 1,4",
            ),
            (
                "10.2010 – 09.2013",
                "<b>Bachelor of Science (B.Sc.) Maschinenbau</b><br/>"
                "Karlsruher Institut für Technologie (KIT)",
            ),
            ("06.2010", "<b>Abitur</b><br/>Kepler-Gymnasium Ulm"),
        ]
    )
    html += "<h2>Kenntnisse</h2>" + _rows(
        [
            ("EDV", "SolidWorks, AutoCAD, MATLAB, Microsoft Excel"),
            (
                "Sprachen",
                "Deutsch (Muttersprache), Englisch (verhandlungssicher), "
                "Französisch (Grundkenntnisse)",
            ),
        ]
    )
    html += "<p style='margin-top:30pt'>Stuttgart, 12.05.2025</p>"

    def decorate(page: Any, number: int, _: int) -> None:
        if number == 0:  # the signature line under place and date
            page.draw_line((62, 690), (232, 690), color=(0, 0, 0), width=0.5)

    return _story.flow(html, _CSS, lambda _: [(62.0, 56.0, 533.0, 790.0)], decorate)
