# ruff: noqa: RUF001 - the document uses typographic dashes, as real resumes do
"""A US software engineer's resume typed in Word: a borderless two-column table for the header
(name left, contacts right-aligned), section titles as bold capitals with a bottom rule (not
Word heading styles), and each job's location and dates pushed to the right margin with a
right tab stop. Hand-written text; the truth is us_tech_docx.truth.json."""

from __future__ import annotations

import datetime
import importlib
import io
from typing import Any

from eval.corpus.layouts.docx_layout import _fixed_zip

FILENAME = "Daniel_Mensah_Resume_2025.docx"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FIXED = datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC)

_JOBS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "Cascade Freight Technologies",
        "Seattle, WA",
        "Senior Software Engineer",
        "Feb 2021 – Present",
        (
            "Lead a team of four building the shipment-tracking platform in Go (gRPC services "
            "over PostgreSQL), handling 40k events/sec at peak.",
            "Moved carrier-status batch jobs to streaming on Kafka, cutting update latency "
            "from 15 minutes to under 30 seconds.",
            "Wrote the Terraform modules behind our three AWS accounts; on-call lead for the "
            "tracking services.",
            "Mentor two junior engineers and run the backend interview loop.",
        ),
    ),
    (
        "Orca Health Analytics",
        "Bellevue, WA",
        "Software Engineer",
        "Jul 2017 – Jan 2021",
        (
            "Built patient-cohort APIs in Python/Django used by 30 hospital customers.",
            "Shipped the first React dashboard for clinical operations teams.",
            "Cut CI time from 40 to 12 minutes by running the test suite in Docker containers.",
        ),
    ),
    (
        "Rainier Robotics",
        "Kent, WA",
        "Software Engineering Intern",
        "Jun 2016 – Sep 2016",
        ("Wrote tooling to replay warehouse-robot logs for regression tests.",),
    ),
)


def _rule_below(paragraph: Any, oxml: Any) -> None:
    """A thin line under the paragraph, the way people decorate headings in Word."""
    borders = oxml.parse_xml(
        '<w:pBdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:bottom w:val="single" w:sz="6" w:space="1" w:color="444444"/></w:pBdr>'
    )
    paragraph._p.get_or_add_pPr().append(borders)


def render() -> bytes:
    docx: Any = importlib.import_module("docx")
    shared: Any = importlib.import_module("docx.shared")
    text: Any = importlib.import_module("docx.enum.text")
    oxml: Any = importlib.import_module("docx.oxml")
    right = text.WD_TAB_ALIGNMENT.RIGHT
    document: Any = docx.Document()
    document.core_properties.created = _FIXED
    document.core_properties.modified = _FIXED
    document.core_properties.author = "Daniel Mensah"
    for section in document.sections:
        section.left_margin = section.right_margin = shared.Inches(0.75)
        section.top_margin = section.bottom_margin = shared.Inches(0.6)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = shared.Pt(10.5)
    normal.paragraph_format.space_after = shared.Pt(0)

    header = document.add_table(rows=1, cols=2)
    left, contacts = header.rows[0].cells
    name = left.paragraphs[0].add_run("DANIEL MENSAH")
    name.bold = True
    name.font.size = shared.Pt(22)
    left.add_paragraph("Senior Software Engineer · Distributed Systems")
    lines = (
        "Seattle, WA 98103",
        "206.812.4471",
        "daniel.mensah@example.com",
        "github.com/dmensah",
        "linkedin.com/in/daniel-mensah",
    )
    contacts.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        contacts.add_paragraph(line)
    for paragraph in contacts.paragraphs:
        paragraph.alignment = text.WD_ALIGN_PARAGRAPH.RIGHT

    def heading(title: str) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = shared.Pt(10)
        paragraph.paragraph_format.space_after = shared.Pt(3)
        run = paragraph.add_run(title)
        run.bold = True
        run.font.size = shared.Pt(11.5)
        _rule_below(paragraph, oxml)

    def tabbed(left_text: str, right_text: str, bold: bool, italic: bool) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(shared.Inches(7.0), right)
        run = paragraph.add_run(left_text)
        run.bold, run.italic = bold, italic
        paragraph.add_run("\t" + right_text)

    heading("SUMMARY")
    document.add_paragraph(
        "Backend engineer with 7+ years building high-throughput logistics and healthcare "
        "platforms. Most at home in Go and Python, designing services that run on Kubernetes "
        "and talk through Kafka. Comfortable owning a system from design doc to on-call."
    )
    heading("EXPERIENCE")
    for index, (company, place, title, dates, bullets) in enumerate(_JOBS):
        tabbed(company, place, bold=True, italic=False)
        if index:
            document.paragraphs[-1].paragraph_format.space_before = shared.Pt(6)
        tabbed(title, dates, bold=False, italic=True)
        for bullet in bullets:
            document.add_paragraph(bullet, style="List Bullet")
    heading("EDUCATION")
    tabbed("University of Washington", "Seattle, WA", bold=True, italic=False)
    tabbed("B.S. in Computer Science, Minor in Mathematics", "Jun 2017", bold=False, italic=True)
    document.add_paragraph("GPA 3.7/4.0 · Dean's List (6 quarters)")
    heading("SKILLS")
    for label, values in (
        ("Languages", "Go, Python, TypeScript, SQL"),
        ("Infrastructure", "AWS, Kubernetes, Docker, Terraform, Kafka, PostgreSQL, Redis"),
        ("Frameworks", "Django, React, gRPC"),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(values)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())
