"""A Dutch CV: "Curriculum Vitae" over the name, a Personalia block (birth date written out
in Dutch, nationality, driving licence), Werkervaring with a student side job, Opleiding with
VWO, BSc and MSc, Cursussen, Vaardigheden, Talen and Hobby's; the role, employer and period
on one line separated by bars, periods as "2016 - heden", mobile as "06-12345678".
Hand-written text; the truth is cv_dutch.truth.json."""

from __future__ import annotations

from typing import Any

from eval.corpus.layouts import _story

FILENAME = "cv-sanne-van-den-berg.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.35; color: #202a33;}
p.kop {font-size: 9pt; color: #e07b00; margin: 0; letter-spacing: 1pt;}
h1 {font-size: 20pt; margin: 0 0 8pt 0;}
h2 {font-size: 12pt; color: #e07b00; margin: 12pt 0 4pt 0;}
td {padding: 0 8pt 1pt 0; vertical-align: top;}
p {margin: 0 0 2pt 0;}
p.item {margin-top: 5pt;}
span.bar {color: #e07b00;}
ul {margin: 1pt 0 0 13pt;}
"""

_BAR = " <span class='bar'>|</span> "


def _item(*parts: str) -> str:
    return f"<p class='item'><b>{parts[0]}</b>{_BAR}{_BAR.join(parts[1:])}</p>"


_HTML = (
    "<p class='kop'>CURRICULUM VITAE</p>"
    "<h1>Sanne van den Berg</h1>"
    "<h2>Personalia</h2>"
    "<table>"
    + "".join(
        f"<tr><td width='110'>{label}</td><td>{value}</td></tr>"
        for label, value in (
            ("Adres", "Oudegracht 112, 3511 AW Utrecht"),
            ("Telefoon", "06-12345678"),
            ("E-mail", "sanne.vandenberg@example.nl"),
            ("LinkedIn", "linkedin.com/in/sannevandenberg"),
            ("Geboortedatum", "3 februari 1990"),
            ("Nationaliteit", "Nederlandse"),
            ("Rijbewijs", "B"),
        )
    )
    + "</table>"
    "<h2>Profiel</h2>"
    "<p>Civiel ingenieur met ruim tien jaar ervaring in waterbouw en dijkversterking. Ik houd "
    "van projecten waarin techniek, omgeving en planning samenkomen en ik ben op mijn best als "
    "verbinder tussen opdrachtgever, aannemer en bewoners.</p>"
    "<h2>Werkervaring</h2>"
    + _item(
        "Projectleider civiele techniek",
        "Ingenieursbureau Dijkstra &amp; Kok B.V., Utrecht",
        "2016 - heden",
    )
    + "<ul><li>Projectleiding van dijkversterkingen en kademuurvervangingen tot &#8364; 12 "
    "mln.</li><li>Aansturen van een team van vijf adviseurs en tekenaars.</li>"
    "<li>Contactpersoon voor waterschappen en gemeenten in de provincie Utrecht.</li></ul>"
    + _item("Junior adviseur waterbeheer", "Adviesbureau Waterland B.V., Amersfoort", "2013 - 2016")
    + "<ul><li>Hydraulische berekeningen en GIS-analyses voor peilbesluiten.</li></ul>"
    + _item("Medewerker bediening (bijbaan)", "Grand Café Het Bolwerk, Enschede", "2008 - 2011")
    + "<h2>Opleiding</h2>"
    + _item(
        "MSc Civil Engineering, specialisatie Watermanagement",
        "Technische Universiteit Delft",
        "2011 - 2013",
    )
    + _item("BSc Civiele Techniek", "Universiteit Twente", "2008 - 2011")
    + _item("VWO, profiel Natuur &amp; Techniek", "Christelijk Gymnasium Utrecht", "2002 - 2008")
    + "<h2>Cursussen en certificaten</h2>"
    "<p>IPMA-D Projectmanagement (2018) &#183; VCA Basis (2016)</p>"
    "<h2>Vaardigheden</h2>"
    "<p>AutoCAD, Civil 3D, ArcGIS, MS Project, Python (basis)</p>"
    "<h2>Talen</h2>"
    "<p>Nederlands &#8211; moedertaal<br/>Engels &#8211; vloeiend<br/>Duits &#8211; goed</p>"
    "<h2>Hobby's</h2>"
    "<p>Hardlopen (halve marathon), zeilen op de Loosdrechtse Plassen</p>"
)


def render() -> bytes:
    def stripe(page: Any, number: int, _: int) -> None:  # an orange band down the left edge
        page.draw_rect((0, 0, 14, _story.PAGE_HEIGHT), color=None, fill=(0.88, 0.48, 0.0))

    return _story.flow(_HTML, _CSS, lambda _: [(64.0, 48.0, 540.0, 800.0)], stripe)
