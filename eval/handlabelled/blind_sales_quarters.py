# ruff: noqa: RUF001, RUF002 - the document uses typographic dashes, as real resumes do
"""Blind held-out: a Moroccan sales manager working in Dubai: quarter dates ("Q1 2019 – Q3
2022"), quota percentages and revenue figures in every bullet, a "Key Achievements" block
above the jobs and a years-only early job. Hand-written text; the truth is
blind_sales_quarters.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "Fatima_Zahra_Benali_Sales.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.3;}
h1 {font-size: 19pt; margin: 0; text-align: right;}
p.c {margin: 0 0 6pt 0; text-align: right;}
h2 {font-size: 11pt; margin: 10pt 0 3pt 0; border-bottom: 2px solid #b5121b;}
table {width: 100%;} td {padding: 0;} td.w {text-align: right; white-space: nowrap;}
p {margin: 0 0 2pt 0;} ul {margin: 1pt 0 4pt 14pt;}
"""


def _job(head: str, when: str, bullets: tuple[str, ...]) -> str:
    items = "".join(f"<li>{b}</li>" for b in bullets)
    return (
        f"<table><tr><td>{head}</td><td class='w' width='130'><b>{when}</b></td></tr></table>"
        f"<ul>{items}</ul>"
    )


_HTML = (
    "<h1>Fatima Zahra Benali</h1>"
    "<p class='c'>Dubai Marina, Dubai, UAE &#183; +971 50 123 4567 &#183; "
    "fz.benali@example.ae</p>"
    "<h2>Key Achievements</h2><ul><li>President's Club 2020 and 2021 (top 5% of the sales "
    "force)</li><li>Grew hospital accounts in Morocco from MAD 40m to MAD 95m in three "
    "years</li></ul>"
    "<h2>Professional Experience</h2>"
    + _job(
        "<b>Regional Sales Manager, GCC</b><br/>Gulfstar Medical Supplies LLC, Dubai",
        "Q4 2022 – Present",
        (
            "Lead 9 account executives across the UAE, Oman and Bahrain; 112% of annual "
            "quota in 2023 and 118% in 2024.",
            "Signed the first three-year framework with a Dubai hospital group (AED 22m).",
        ),
    )
    + _job(
        "<b>Key Account Manager</b><br/>Atlas Pharma Distribution, Casablanca",
        "Q1 2019 – Q3 2022",
        (
            "Managed the 25 largest private clinics; 126% of quota in FY2021.",
            "Introduced weekly pipeline reviews in Salesforce for the whole team.",
        ),
    )
    + _job(
        "<b>Medical Sales Representative</b><br/>Maghreb Health Products, Rabat",
        "2015 – 2018",
        ("Covered 140 pharmacies and two university hospitals in Rabat-Salé.",),
    )
    + "<h2>Education</h2>"
    "<p><b>Master in Marketing and Sales Management</b>, ESCA École de Management, "
    "Casablanca, 2013 – 2015</p>"
    "<p><b>Licence in Economics</b>, Université Mohammed V, Rabat, 2010 – 2013</p>"
    "<h2>Skills</h2><p>Key Account Management &#183; Negotiation &#183; Sales Forecasting "
    "&#183; Pipeline Management &#183; Salesforce &#183; Microsoft Excel</p>"
    "<h2>Languages</h2><p>Arabic (native) &#183; French (native) &#183; English (fluent)</p>"
)


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(50.0, 45.0, 545.0, 800.0)])
