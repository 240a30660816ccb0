"""An Irish CV with the dates first, in a narrow left gutter ("March 2017 to August 2020",
wrapping onto two lines), the job title in bold on the right and the employer on the line
below it; Irish name with fadas, Irish mobile "087 123 4567", a professional diploma next to
the degree. Hand-written text; the truth is date_gutter.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "Siobhan Ni Bhriain - CV.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: serif; font-size: 10.5pt; line-height: 1.3; color: #202020;}
h1 {font-size: 22pt; margin: 0; font-weight: normal;}
p.sub {font-size: 11.5pt; margin: 1pt 0 1pt 0; color: #5b6b2f;}
p.contact {font-size: 9.5pt; margin: 0 0 6pt 0; color: #444;}
h2 {font-size: 12pt; font-weight: normal; color: #5b6b2f; margin: 12pt 0 4pt 0;
    border-bottom: 0.5px solid #5b6b2f;}
table {width: 100%;}
td {vertical-align: top; padding: 2pt 0 5pt 0;}
td.when {width: 92pt; padding-right: 12pt; color: #6d6d6d; font-size: 9.5pt;}
ul {margin: 1pt 0 0 12pt;}
p {margin: 0;}
"""


def _rows(rows: tuple[tuple[str, str], ...]) -> str:
    body = "".join(f"<tr><td class='when'>{when}</td><td>{what}</td></tr>" for when, what in rows)
    return f"<table>{body}</table>"


_HTML = (
    "<h1>Siobhán Ní Bhriain</h1>"
    "<p class='sub'>Supply Chain Planning Manager</p>"
    "<p class='contact'>12 Iona Road, Glasnevin, Dublin 9 &#183; 087 123 4567 &#183; "
    "siobhan.nibhriain@example.ie</p>"
    "<h2>Profile</h2>"
    "<p>Planning manager with eleven years in supply chain, from freight forwarding to "
    "regulated medical devices. I run the monthly planning cycle, keep inventory honest and "
    "get sales, finance and operations to agree on one number.</p>"
    "<h2>Experience</h2>"
    + _rows(
        (
            (
                "September 2020 to present",
                "<b>Supply Chain Planning Manager</b><br/>Glasnevin Medical Devices Ltd, Dublin"
                "<ul><li>Lead a team of six planners across two plants and a 3PL warehouse.</li>"
                "<li>Introduced a monthly S&amp;OP cycle; service level up from 91% to 97% "
                "while inventory fell by &#8364;4.2m.</li></ul>",
            ),
            (
                "March 2017 to August 2020",
                "<b>Senior Demand Planner</b><br/>Liffey Consumer Brands, Dublin"
                "<ul><li>Forecasts for 1,100 SKUs sold into Irish and UK grocery.</li>"
                "<li>Built the Power BI forecast-accuracy report used by the sales "
                "directors.</li></ul>",
            ),
            (
                "June 2013 to February 2017",
                "<b>Logistics Coordinator</b><br/>Shannon Freight Services, Limerick"
                "<ul><li>Booked and tracked sea and air freight for 40 exporters.</li></ul>",
            ),
        )
    )
    + "<h2>Education</h2>"
    + _rows(
        (
            (
                "September 2019 to June 2020",
                "<b>Professional Diploma in Supply Chain Management</b><br/>Irish Management "
                "Institute, Dublin",
            ),
            (
                "September 2009 to May 2013",
                "<b>Bachelor of Business Studies (Hons), 2.1</b><br/>University of Limerick",
            ),
        )
    )
    + "<h2>Certifications</h2>"
    + _rows(
        (
            ("2021", "APICS Certified in Planning and Inventory Management (CPIM)"),
            ("2018", "Lean Six Sigma Green Belt"),
        )
    )
    + "<h2>Skills</h2>"
    "<p>SAP (APO and MM modules), demand planning, S&amp;OP, inventory management, Microsoft "
    "Excel, Power BI.</p>"
    "<h2>Languages</h2>"
    "<p>English (native), Irish (fluent), French (basic)</p>"
    "<h2>Interests</h2>"
    "<p>Sea swimming at the Forty Foot, camogie (club coach, under-14s).</p>"
)


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(58.0, 50.0, 537.0, 800.0)])
