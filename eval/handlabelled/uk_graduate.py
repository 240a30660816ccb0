# ruff: noqa: RUF001, RUF002 - the document uses typographic dashes, as real CVs do
"""A one-page UK graduate CV: a "Personal Statement" instead of a summary, education before
work with A-levels and GCSEs under the sixth form, a part-time bar job, right-aligned dates
like "Sept 2019 – June 2022", a driving licence and "References available on request".
Hand-written text; the truth is uk_graduate.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "Rhys Llewellyn CV.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: serif; font-size: 10.5pt; line-height: 1.25;}
h1 {font-size: 20pt; text-align: center; margin: 0 0 2pt 0;}
p.contact {text-align: center; margin: 0 0 6pt 0; font-size: 10pt;}
h2 {font-size: 11.5pt; margin: 9pt 0 3pt 0; border-bottom: 1px solid #000;}
table {width: 100%;}
td {padding: 0; vertical-align: top;}
td.when {text-align: right; white-space: nowrap;}
ul {margin: 1pt 0 3pt 14pt;}
p {margin: 0 0 2pt 0;}
"""


def _entry(left: str, when: str, detail: str) -> str:
    return (
        f"<table><tr><td>{left}</td><td class='when' width='150'>{when}</td></tr></table>" + detail
    )


_HTML = (
    "<h1>Rhys Llewellyn</h1>"
    "<p class='contact'>Whitchurch, Cardiff CF14 &#8226; 07912 345678 &#8226; "
    "rhys.llewellyn@example.co.uk &#8226; linkedin.com/in/rhysllewellyn</p>"
    "<h2>Personal Statement</h2>"
    "<p>I am a recent Economics graduate (2:1, University of Bristol) working as a graduate "
    "data analyst in the rail sector. I enjoy turning messy data into clear answers for people "
    "who have to make decisions with it, and I am looking for an analyst role in public policy "
    "or transport where I can keep developing my statistical skills.</p>"
    "<h2>Education</h2>"
    + _entry(
        "<b>University of Bristol</b> &#8211; BSc (Hons) Economics, 2:1",
        "Sept 2019 – June 2022",
        "<ul><li>Dissertation: <i>Did the South Wales rail fare cap change how people commute?"
        "</i> (68%)</li><li>Modules: Econometrics, Public Economics, Data Science for "
        "Economists</li></ul>",
    )
    + _entry(
        "<b>Whitchurch High School</b>, Cardiff &#8211; Sixth Form",
        "Sept 2017 – June 2019",
        "<ul><li>A-levels: Mathematics (A*), Economics (A), Geography (B)</li>"
        "<li>GCSEs: 10 at grades 9–6 including English Language and Maths</li></ul>",
    )
    + "<h2>Work Experience</h2>"
    + _entry(
        "<b>Graduate Data Analyst</b>, Cymru Rail Partnership, Cardiff",
        "Sept 2022 – present",
        "<ul><li>Build the monthly punctuality and passenger-numbers reports for the "
        "operations board</li><li>Automated a weekly ticket-sales reconciliation that used to "
        "take a day by hand</li></ul>",
    )
    + _entry(
        "<b>Economic Consulting Intern</b>, Hargreaves Penn Economics, Bristol",
        "July 2021 – Sept 2021",
        "<ul><li>Cleaned survey data and drafted charts for a report on regional bus "
        "subsidies</li></ul>",
    )
    + _entry(
        "<b>Bar Staff</b> (part-time), The Hope &amp; Anchor, Bristol",
        "Oct 2019 – Mar 2021",
        "<ul><li>Worked 15 hours a week alongside my degree; trained new starters on the "
        "till</li></ul>",
    )
    + "<h2>Skills</h2>"
    "<p><b>IT:</b> Microsoft Excel (advanced), R, Stata, Python (basic), Tableau</p>"
    "<p><b>Languages:</b> English and Welsh (bilingual), French (conversational)</p>"
    "<p><b>Other:</b> Full UK driving licence</p>"
    "<h2>Interests</h2>"
    "<p>Rugby &#8211; I coach the under-12s at my local club on Saturday mornings. Hill "
    "walking in the Brecon Beacons.</p>"
    "<p style='margin-top:6pt'><i>References available on request.</i></p>"
)


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(50.0, 42.0, 545.0, 805.0)])
