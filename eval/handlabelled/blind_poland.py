# ruff: noqa: RUF001, RUF002 - the document uses typographic dashes, as real CVs do
"""Blind held-out: a Polish QA engineer's CV in English with month.year dates in a left column
("10.2017 – 05.2020"), Polish company suffixes (sp. z o.o., S.A.), MSc/BSc (inż.) degrees and
the Polish data-processing consent clause. Hand-written text; the truth is
blind_poland.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "Katarzyna_Wisniewska_CV_EN.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.3;}
h1 {font-size: 18pt; margin: 0;}
p.c {margin: 0 0 6pt 0;}
h2 {font-size: 11pt; margin: 10pt 0 3pt 0; border-bottom: 1px solid #999;}
table {width: 100%;} td {vertical-align: top; padding: 0 0 5pt 0;}
td.d {width: 115pt; white-space: nowrap;} ul {margin: 1pt 0 0 12pt;}
p.small {font-size: 7.5pt; margin-top: 12pt;}
"""


def _row(dates: str, body: str) -> str:
    return f"<tr><td class='d'>{dates}</td><td>{body}</td></tr>"


_HTML = (
    "<h1>Katarzyna Wiśniewska</h1>"
    "<p class='c'>QA Engineer &#183; Kraków, Poland &#183; +48 601 234 567 &#183; "
    "k.wisniewska@example.pl &#183; linkedin.com/in/kwisniewska</p>"
    "<h2>Work experience</h2><table>"
    + _row(
        "06.2020 – present",
        "<b>Senior QA Engineer</b>, Vistula Software House sp. z o.o., Kraków<ul><li>Built "
        "the browser test suite for a banking portal in Cypress; 900 tests per merge.</li></ul>",
    )
    + _row(
        "10.2017 – 05.2020",
        "<b>QA Engineer</b>, Tatra Payments S.A., Katowice<ul><li>Automated card-terminal "
        "checks with Selenium and Java; load tests in JMeter.</li></ul>",
    )
    + _row(
        "07.2016 – 09.2017",
        "<b>Junior Software Tester</b>, Wawel IT Services, Kraków",
    )
    + "</table><h2>Education</h2><table>"
    + _row(
        "10.2014 – 06.2016",
        "AGH University of Science and Technology, Kraków<br/>MSc in Computer Science",
    )
    + _row(
        "10.2010 – 02.2014",
        "Silesian University of Technology, Gliwice<br/>BSc (inż.) in Automatic Control "
        "and Robotics",
    )
    + "</table><h2>Skills</h2><p>Selenium, Cypress, Java, Python, JMeter, Postman, Jenkins, "
    "Jira, SQL<br/>Certification: ISTQB Advanced Level Test Analyst (2019)</p>"
    "<h2>Languages</h2><p>Polish (native), English (C1), German (A2)</p>"
    "<p class='small'>I hereby consent to the processing of my personal data for the purposes "
    "of the recruitment process.</p>"
)


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(50.0, 45.0, 545.0, 800.0)])
