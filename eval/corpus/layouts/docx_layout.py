"""DOCX (python-docx): the name in the Title style, a contact table, sections as Word headings
(Heading 1), jobs as Heading 2 or bold runs, bullets as List Bullet paragraphs. The zip is
rewritten with fixed timestamps so the same seed gives the same bytes."""

from __future__ import annotations

import datetime
import importlib
import io
import random
import zipfile
from typing import Any

from ..compose import Resume
from ..dates import EM_DASH
from . import _html

EXTENSION = ".docx"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FIXED = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


def render(resume: Resume, rng: random.Random) -> bytes:
    document: Any = importlib.import_module("docx").Document()
    document.core_properties.created = _FIXED
    document.core_properties.modified = _FIXED
    document.core_properties.author = resume.name
    document.add_heading(resume.name, level=0)
    if resume.headline:
        document.add_paragraph(resume.headline)
    _contact_table(document, resume, rng)
    sep = _html.joiner(rng)
    job_heading = rng.random() < 0.5
    if resume.summary:
        document.add_heading(resume.headings["summary"], level=1)
        document.add_paragraph(resume.summary)
    document.add_heading(resume.headings["work"], level=1)
    for item in resume.work:
        where = f"{sep}{item.location}" if item.location else ""
        if job_heading:
            document.add_heading(f"{item.position} {EM_DASH} {item.company}", level=2)
            document.add_paragraph(f"{item.dates}{where}")
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(item.company).bold = True
            paragraph.add_run(f"{where}{sep}{item.dates}")
            paragraph.add_run().add_break()
            paragraph.add_run(item.position).italic = True
        for highlight in item.highlights:
            document.add_paragraph(highlight, style="List Bullet")
    if resume.education:
        document.add_heading(resume.headings["education"], level=1)
        for school in resume.education:
            paragraph = document.add_paragraph()
            paragraph.add_run(school.degree).bold = True
            extra = "".join(f"{sep}{text}" for text in (school.location, school.score) if text)
            paragraph.add_run(f"{sep}{school.institution}{sep}{school.dates}{extra}")
    document.add_heading(resume.headings["skills"], level=1)
    if rng.random() < 0.5:
        for label, group in resume.skill_groups:
            document.add_paragraph((f"{label}: " if label else "") + ", ".join(group))
    else:
        for skill in resume.skills:
            document.add_paragraph(skill, style="List Bullet")
    for key, items in (("languages", resume.languages), ("certificates", resume.certificates)):
        if items:
            document.add_heading(resume.headings[key], level=1)
            for text in items:
                document.add_paragraph(text, style="List Bullet")
    if resume.projects:
        document.add_heading(resume.headings["projects"], level=1)
        for name, text in resume.projects:
            paragraph = document.add_paragraph()
            paragraph.add_run(name).bold = True
            paragraph.add_run(f": {text}")
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _contact_table(document: Any, resume: Resume, rng: random.Random) -> None:
    columns = rng.choice((2, 3))
    rows = (len(resume.contacts) + columns - 1) // columns
    table = document.add_table(rows=rows, cols=columns)
    if rng.random() < 0.5:
        table.style = "Table Grid"
    labelled = rng.random() < 0.6
    for index, item in enumerate(resume.contacts):
        cell = table.cell(index // columns, index % columns)
        cell.text = f"{item.label}: {item.value}" if labelled else item.value


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01 (python-docx stamps the time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return output.getvalue()
