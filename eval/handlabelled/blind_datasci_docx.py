# ruff: noqa: RUF001 - the document uses typographic dashes, as real resumes do
"""Blind held-out: a South African data scientist's one-page Word resume: a three-cell header
table (name/title, contacts, links), each job as a bold line then an italic "dates | place"
line, achievements in List Bullet paragraphs and skills as a bullet list too.
Hand-written text; the truth is blind_datasci_docx.truth.json."""

from __future__ import annotations

import datetime
import importlib
import io
from typing import Any

from eval.corpus.layouts.docx_layout import _fixed_zip

FILENAME = "Nomvula_Dlamini_DataScientist.docx"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FIXED = datetime.datetime(2025, 1, 20, tzinfo=datetime.UTC)

_JOBS = (
    (
        "Data Scientist — Karoo Mutual Insurance",
        "03/2021 – present | Johannesburg",
        (
            "Built the motor-claims triage model (XGBoost) that flags 12% of claims for review "
            "and saved R18m in its first year.",
            "Own the monthly lapse forecast presented to the actuarial committee.",
        ),
    ),
    (
        "Junior Data Analyst — Jozi Telecom",
        "01/2019 – 02/2021 | Sandton",
        ("Wrote the churn dashboards in Tableau for the prepaid business unit.",),
    ),
)


def render() -> bytes:
    docx: Any = importlib.import_module("docx")
    shared: Any = importlib.import_module("docx.shared")
    document: Any = docx.Document()
    document.core_properties.created = _FIXED
    document.core_properties.modified = _FIXED
    document.core_properties.author = "Nomvula Dlamini"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = shared.Pt(10)
    header = document.add_table(rows=1, cols=3)
    first, second, third = header.rows[0].cells
    run = first.paragraphs[0].add_run("Nomvula Dlamini")
    run.bold, run.font.size = True, shared.Pt(18)
    first.add_paragraph("Data Scientist")
    second.paragraphs[0].text = "Johannesburg, South Africa"
    second.add_paragraph("+27 82 123 4567")
    second.add_paragraph("nomvula.dlamini@example.co.za")
    third.paragraphs[0].text = "github.com/nomvulad"
    third.add_paragraph("linkedin.com/in/nomvula-dlamini")

    def heading(title: str) -> None:
        run = document.add_paragraph().add_run(title.upper())
        run.bold, run.font.size = True, shared.Pt(11)

    heading("Experience")
    for title, when, bullets in _JOBS:
        document.add_paragraph().add_run(title).bold = True
        document.add_paragraph().add_run(when).italic = True
        for bullet in bullets:
            document.add_paragraph(bullet, style="List Bullet")
    heading("Education")
    for line in (
        "MSc Mathematical Statistics, University of the Witwatersrand, 2017 – 2018",
        "BSc Actuarial Science, University of Pretoria, 2014 – 2016",
    ):
        document.add_paragraph(line, style="List Bullet")
    heading("Skills")
    for line in (
        "Python (pandas, scikit-learn, XGBoost)",
        "R and SQL",
        "Apache Spark on Databricks",
        "Tableau",
        "Time Series Analysis",
    ):
        document.add_paragraph(line, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())
