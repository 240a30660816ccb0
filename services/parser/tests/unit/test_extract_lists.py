"""Languages, certificates and projects: simple lists from their sections."""

from __future__ import annotations

import pytest

from ats_backend.parser.extract._certificates import find_certificates
from ats_backend.parser.extract._languages import find_languages, inline_languages
from ats_backend.parser.extract._projects import extract_projects
from ats_backend.parser.extract._text import lines_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Spanish (native), English (C1), Portuguese (B1)",
            [("Spanish", "native"), ("English", "C1"), ("Portuguese", "B1")],
        ),
        ("German: fluent | French: basic", [("German", "fluent"), ("French", "basic")]),
        ("English - C2", [("English", "C2")]),
        ("+ Japanese: Native", [("Japanese", "Native")]),
        ("Italian B2", [("Italian", "B2")]),
        (
            "Deutsch (Muttersprache), Englisch (verhandlungssicher)",
            [
                ("Deutsch", "Muttersprache"),
                ("Englisch", "verhandlungssicher"),
            ],
        ),
        ("English and French (both fluent)", [("English", "fluent"), ("French", "fluent")]),
        ("Klingon (native)", [("Klingon", "native")]),  # unknown name, but a known level
        ("Esperanto", []),  # unknown name, no level: not enough to call it a language
        ("Slack, Ableton Live", []),
        ("Business Analyst: Mar 2018 to Feb 2019", []),
    ],
)
def test_languages(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_languages([text])
    assert [(item["language"], item.get("fluency")) for item in found] == expected


def test_languages_one_per_line_without_repeats() -> None:
    found = find_languages(["Hindi (Native)", "English (Fluent)", "English (Fluent)"])
    assert found == [
        {"language": "Hindi", "fluency": "Native"},
        {"language": "English", "fluency": "Fluent"},
    ]


def test_inline_languages_need_a_label_and_known_names() -> None:
    texts = [
        "Skills: Python, Go",
        "Languages: Spanish (native), English (C1)",
        "Mother tongue(s) | Norwegian",
        "Other language(s) | English (C1), German (B1)",
    ]
    assert inline_languages(texts) == [
        {"language": "Spanish", "fluency": "native"},
        {"language": "English", "fluency": "C1"},
        {"language": "Norwegian", "fluency": "Mother tongue"},
        {"language": "German", "fluency": "B1"},
    ]


def test_certificates() -> None:
    found = find_certificates(
        [
            "Certified Kubernetes Administrator (CKA), 2021. AWS Certified Solutions Architect "
            "- Professional, 2020.",
            "Professional Scrum Master I - Scrum.org - 2019",
            "Project Management Professional (PMP), Project Management Institute, 2018",
            "Deep Learning Specialization by DeepLearning.AI (Coursera)",
        ]
    )
    assert found == [
        {"name": "Certified Kubernetes Administrator (CKA)", "date": "2021"},
        {"name": "AWS Certified Solutions Architect - Professional", "date": "2020"},
        {"name": "Professional Scrum Master I", "issuer": "Scrum.org", "date": "2019"},
        {
            "name": "Project Management Professional (PMP)",
            "issuer": "Project Management Institute",
            "date": "2018",
        },
        {"name": "Deep Learning Specialization", "issuer": "DeepLearning.AI (Coursera)"},
    ]


def test_projects_with_heads_and_bullets() -> None:
    lines = lines_from_text(
        "Budget Tracker | Python, Flask | github.com/jane/budget\n"
        "Tracks shared expenses for households.\n"
        "Used by 300 families.\n"
        "Open Data Portal (2021 - 2022)\n"
        "Publishes the city budget for residents.\n"
    )
    assert extract_projects(lines) == [
        {
            "name": "Budget Tracker",
            "description": "Python, Flask",
            "highlights": ["Tracks shared expenses for households.", "Used by 300 families."],
            "url": "https://github.com/jane/budget",
        },
        {
            "name": "Open Data Portal",
            "description": "Publishes the city budget for residents.",
            "startDate": "2021",
            "endDate": "2022",
        },
    ]


def test_projects_written_as_name_colon_description() -> None:
    lines = lines_from_text(
        "Hackathon winner: first prize at a regional hackathon with a team of four.\n"
        "Thesis prototype: the working prototype built for a final-year thesis.\n"
    )
    assert [item["name"] for item in extract_projects(lines)] == [
        "Hackathon winner",
        "Thesis prototype",
    ]
    assert extract_projects([]) == []


def test_languages_known_label() -> None:
    assert [
        item["language"]
        for item in inline_languages(["Languages Known : English, Hindi, Kannada, Tamil"])
    ] == ["English", "Hindi", "Kannada", "Tamil"]
