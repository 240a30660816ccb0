"""Skills: taxonomy aliases, whole words, and case rules for ambiguous short names."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from ats_backend.parser.extract._skills import find_skills, taxonomy_size


def skills(*lines: str) -> list[str]:
    return find_skills(lines)


def test_taxonomy_is_large_and_well_formed() -> None:
    raw = json.loads(
        resources.files("ats_backend.parser.extract").joinpath("skills.json").read_text("utf-8")
    )
    names = [entry["name"] for entry in raw["skills"]]
    assert len(names) == len(set(names)) >= 300
    assert taxonomy_size() == len(names)
    for entry in raw["skills"]:
        assert set(entry) <= {"name", "aliases", "exact", "ambiguous", "generic", "category"}
        assert not entry.get("ambiguous") or entry.get("exact"), entry["name"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JS", "JavaScript"),
        ("Postgres", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("golang", "Go"),
        ("Golang", "Go"),
        ("ReactJS", "React"),
        ("node.js", "Node.js"),
        ("sklearn", "scikit-learn"),
        ("C sharp", "C#"),
        ("Amazon Web Services", "AWS"),
        ("GCP", "Google Cloud"),
        ("Search Engine Optimisation", "Search Engine Optimization"),
        ("test driven development", "Test-Driven Development"),
        ("ASP.NET Core", "ASP.NET"),
        ("MS Excel", "Microsoft Excel"),
    ],
)
def test_aliases(text: str, expected: str) -> None:
    assert skills(f"Skills: {text}") == [expected]


def test_canonical_names_in_order_of_first_mention_without_repeats() -> None:
    assert skills("Python, Docker", "python and docker and JS") == [
        "Python",
        "Docker",
        "JavaScript",
    ]


def test_whole_words_only() -> None:
    assert skills("Javanese cuisine, scalable systems, reactive people") == []
    assert skills("Typescripting") == []


def test_go_in_prose_is_not_go() -> None:
    assert skills("I like to go hiking") == []
    assert skills("Let's Go Hiking") == []
    assert skills("Go to the gym") == []
    assert skills("Always on the go-to list") == []


@pytest.mark.parametrize(
    "line",
    [
        "Go, Rust",
        "Languages: Python, Go",
        "Built services in Go.",
        "Go developer",
        "Rust and Go",
        "Go/Rust",
        "Go (gin, gRPC)",
        "• Go",
        "Python Go",
    ],
)
def test_go_in_a_list(line: str) -> None:
    assert "Go" in skills(line)


def test_single_letter_languages() -> None:
    assert skills("C, C++ and R") == ["C", "C++", "R"]
    assert skills("Experience with C and Python") == ["C", "Python"]
    assert skills("C/C++") == ["C", "C++"]
    assert skills("Plan C", "R&D budget", "C-suite reporting", "Vitamin C") == []
    assert skills("John C. Smith") == []


def test_ambiguous_words_need_their_case() -> None:
    assert skills("swift delivery, rust removal, spring cleaning, chef's table") == []
    assert skills("Swift, Rust, Spring") == ["Swift", "Rust", "Spring"]
    assert skills("Spring Boot") == ["Spring Boot"]
    assert skills("Julia Roberts was my manager") == []
    assert skills("Languages: Julia, R") == ["Julia", "R"]


def test_longer_phrases_win_over_ambiguous_words() -> None:
    assert skills("Go-to-market planning", "go to market") == ["Go-to-Market Strategy"]


def test_generic_words_count_only_in_lists() -> None:
    assert skills("Presented results to leadership", "Litware Logistics, Austin") == []
    assert skills("increased sales by 20%", "merchant onboarding journey") == []
    assert skills("Skills: leadership, negotiation", "Sales/Marketing") == [
        "Leadership",
        "Negotiation",
        "Sales",
        "Marketing",
    ]
    assert skills("Team Leadership") == ["Leadership"]  # multi-word forms are specific enough


def test_exact_acronyms() -> None:
    assert skills("ML and AI") == ["Machine Learning", "Artificial Intelligence"]
    assert skills("the rest of the team", "a day at the spa") == []
    assert skills("REST APIs", "REST") == ["REST APIs"]


def test_multi_word_skills_do_not_cross_separators() -> None:
    assert skills("Machine Learning") == ["Machine Learning"]
    assert skills("machine, learning") == []


def test_versions_and_slashes() -> None:
    assert skills("Python3, HTML5/CSS3, Python-based tooling") == ["Python", "HTML", "CSS"]
    assert skills("CI/CD", "A/B testing", "TCP/IP") == ["CI/CD", "A/B Testing", "TCP/IP"]


def test_symbols_in_names() -> None:
    assert skills("C#, F#, .NET, C++17") == ["C#", "F#", ".NET", "C++"]
