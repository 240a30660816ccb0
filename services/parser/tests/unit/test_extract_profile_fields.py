"""The whole profile: sections found by typography in a real PDF, every section filled."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import time
from collections.abc import Sequence
from typing import Any

import pytest

from ats_backend.parser.extract import parse_document
from ats_backend.parser.extract._pdf import read_pdf
from ats_backend.parser.extract._profile import extract_profile
from ats_backend.parser.extract._text import lines_from_text

pymupdf: Any = importlib.import_module("pymupdf")  # untyped: keep mypy --strict out of it

Text = tuple[str, float, bool]  # (line, font size, bold)


def make_pdf(lines: Sequence[Text | str]) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    y = 60.0
    for item in lines:
        text, size, bold = (item, 10.0, False) if isinstance(item, str) else item
        page.insert_text((60, y), text, fontsize=size, fontname="hebo" if bold else "helv")
        y += size * 1.6
    data: bytes = doc.tobytes()
    doc.close()
    return data


RESUME: list[Text | str] = [
    ("Jane Doe", 22.0, True),
    ("Senior Backend Engineer", 12.0, False),
    "jane@example.com | +49 30 1234567 | Berlin, Germany",
    ("PROFILE", 13.0, True),
    "Backend engineer with eight years of experience building payment systems in Go.",
    ("BERUFSERFAHRUNG", 13.0, True),
    ("Senior Engineer, Acme GmbH | Jan 2020 - Present", 10.0, True),
    "Built the payment platform in Go and PostgreSQL.",
    "Led a team of four engineers.",
    ("Engineer, Beta Labs Ltd | 2016 - 2019", 10.0, True),
    "Maintained the billing system in Python.",
    ("AUSBILDUNG", 13.0, True),
    ("M.Sc. Informatik, Technische Universität Berlin, 2014 - 2016", 10.0, True),
    ("B.Sc. in Computer Science, Universität Potsdam, 2011 - 2014, Note 1,7", 10.0, True),
    ("LANGUAGES", 13.0, True),
    "German (native), English (C1)",
    ("CERTIFICATIONS", 13.0, True),
    "Certified Kubernetes Administrator (CKA), 2021",
    ("SIDE PROJECTS", 13.0, True),
    ("Budget Tracker | github.com/jane/budget", 10.0, True),
    "Tracks shared household expenses.",
]


def _profile(data: bytes, today: dt.date) -> dict[str, Any]:
    pdf = read_pdf(data, max_pages=5, max_chars=100_000)
    return extract_profile(pdf.lines, pdf.uris, today=today)


def test_pdf_profile_sections() -> None:
    profile = _profile(make_pdf(RESUME), dt.date(2025, 1, 10))
    basics = profile["basics"]
    assert basics["name"] == "Jane Doe"
    assert basics["label"] == "Senior Backend Engineer"
    assert basics["location"] == {"city": "Berlin", "countryCode": "DE"}
    assert basics["summary"].startswith("Backend engineer with eight years")
    assert [
        (w["name"], w["position"], w["startDate"], w.get("endDate")) for w in profile["work"]
    ] == [
        ("Acme GmbH", "Senior Engineer", "2020-01", None),
        ("Beta Labs Ltd", "Engineer", "2016", "2019"),
    ]
    assert profile["work"][0]["highlights"] == [
        "Built the payment platform in Go and PostgreSQL.",
        "Led a team of four engineers.",
    ]
    assert profile["education"] == [
        {
            "institution": "Technische Universität Berlin",
            "area": "Informatik",
            "studyType": "Master",
            "startDate": "2014",
            "endDate": "2016",
        },
        {
            "institution": "Universität Potsdam",
            "area": "Computer Science",
            "studyType": "Bachelor",
            "startDate": "2011",
            "endDate": "2014",
            "score": "Note 1,7",
        },
    ]
    assert profile["languages"] == [
        {"language": "German", "fluency": "native"},
        {"language": "English", "fluency": "C1"},
    ]
    assert profile["certificates"] == [
        {"name": "Certified Kubernetes Administrator (CKA)", "date": "2021"}
    ]
    assert profile["projects"] == [
        {
            "name": "Budget Tracker",
            "description": "Tracks shared household expenses.",
            "url": "https://github.com/jane/budget",
        }
    ]
    # 2016-2019 (3 years) + Jan 2020 to Jan 2025 (5 years and a month), no overlap.
    assert profile["x_ats"]["years_of_experience"] == 8.1
    assert profile["x_ats"]["section_confidence"] == {
        "summary": 1.0,
        "work": 1.0,
        "education": 1.0,
        "languages": 1.0,
        "certificates": 1.0,
        "projects": 1.0,
    }


def test_plain_text_profile_through_parse_document() -> None:
    text = (
        "PRIYA SHARMA\n"
        "Data Scientist | Bengaluru, India\n"
        "priya@example.in\n\n"
        "EXPERIENCE\n"
        "Data Scientist at Proseware Analytics (2018 - 2021)\n"
        "- Built churn models in Python.\n\n"
        "EDUCATION\n"
        "B.E. Computer Science, Anna University, Chennai, 2012 - 2016\n"
    )
    result = parse_document(text.encode())
    assert result["basics"]["label"] == "Data Scientist"
    assert result["basics"]["location"] == {"city": "Bengaluru", "countryCode": "IN"}
    assert result["work"] == [
        {
            "name": "Proseware Analytics",
            "position": "Data Scientist",
            "startDate": "2018",
            "endDate": "2021",
            "highlights": ["Built churn models in Python."],
        }
    ]
    assert result["education"][0]["institution"] == "Anna University"
    assert result["x_ats"]["years_of_experience"] == 3.0
    assert json.loads(json.dumps(result)) == result


def test_list_sections_are_always_present() -> None:
    profile = extract_profile(lines_from_text("Some notes about a meeting\nnothing else"))
    assert profile["basics"] == {}
    for key in ("work", "education", "languages", "certificates", "projects"):
        assert profile[key] == []
    assert profile["x_ats"] == {"section_confidence": {}}


def test_summary_without_a_heading_is_the_prose_in_the_header() -> None:
    lines = lines_from_text(
        "Jane Doe\njane@example.com\n"
        "Platform engineer who likes boring systems and has run Kubernetes for six years.\n"
        "SKILLS\nGo, Python\n"
    )
    assert extract_profile(lines)["basics"]["summary"] == (
        "Platform engineer who likes boring systems and has run Kubernetes for six years."
    )


def test_label_on_the_name_line() -> None:
    lines = lines_from_text("Jane Doe | Site Reliability Engineer\njane@example.com\n")
    assert extract_profile(lines)["basics"]["label"] == "Site Reliability Engineer"


def test_qualifications_holding_degrees_are_education() -> None:
    lines = lines_from_text(
        "Jane Doe\n\nQUALIFICATIONS\nMSc Economics, University of Amsterdam, 2012 - 2013\n"
    )
    (item,) = extract_profile(lines)["education"]
    assert item["institution"] == "University of Amsterdam"


@pytest.mark.parametrize(
    "body",
    [
        "EXPERIENCE\n" + "2019 - " * 30_000,
        "EXPERIENCE\n" + "Senior Engineer, Acme GmbH | " * 8_000,
        "EDUCATION\n" + "BSc, University of X, " * 10_000,
        "EDUCATION\n" + "(M.Sc.) (" * 20_000,
        "LANGUAGES\n" + "English and " * 30_000,
        "CERTIFICATIONS\n" + "AWS by Google, 2019. " * 10_000,
        "PROJECTS\n" + "github.com/a | " * 20_000,
        "Berlin, " * 30_000,
        "EXPERIENCE\n" + "Engineer, Acme (2019 - 2020)\nBuilt things.\n" * 3_000,
        "EDUCATION\n" + "BSc Physics, University of Leeds, 2010 - 2013\n" * 3_000,
        "HEADING\nline\n" * 3_000,
    ],
)
def test_hostile_sections_parse_quickly(body: str) -> None:
    started = time.perf_counter()
    result = parse_document(f"Jane Doe\n{body}".encode())
    assert time.perf_counter() - started < 2.0
    assert result["basics"]["name"] == "Jane Doe"
