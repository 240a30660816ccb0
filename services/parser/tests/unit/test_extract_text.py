"""Text normalisation, page counters, plain-text decoding, names and section headings."""

from __future__ import annotations

import pytest

from ats_backend.parser.extract._name import find_name, looks_like_name
from ats_backend.parser.extract._sections import header_end, is_section_heading
from ats_backend.parser.extract._text import (
    Line,
    decode_text,
    is_page_number,
    lines_from_text,
    normalise_line,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Jane\u00a0\u00a0Doe  ", "Jane Doe"),
        ("\ufb01nance and e\ufb03ciency", "finance and efficiency"),
        ("2019 \u2013 2021 \u2014 Acme", "2019 - 2021 - Acme"),
        ("\u2022 Python", "Python"),
        ("\u25aa\u25aa Go", "Go"),
        ("- Led a team", "Led a team"),
        ("Python \u25cf Go \u27a4 Rust", "Python \u2022 Go \u2022 Rust"),
        ("\uf0e0 jane@example.com", "jane@example.com"),  # icon-font envelope
        ("\u201cquoted\u201d \u2018text\u2019", "\"quoted\" 'text'"),
        ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
        ("Jose\u0301", "Jos\u00e9"),
        ("jane\uff20example\uff0ecom", "jane@example.com"),
        ("\t\x07  ", ""),
    ],
)
def test_normalise_line(raw: str, expected: str) -> None:
    assert normalise_line(raw) == expected


@pytest.mark.parametrize("text", ["3", "- 3 -", "Page 3", "Page 3 of 4", "3/4", "p. 2", "Seite 2"])
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2019", "Page Two", "Python 3", "2019 - 2021", "+44 20"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def test_lines_from_text() -> None:
    text = "Jane Doe\r\n\r\n  \u2022 Python  \nPage 1 of 2\f2019\nPage 2 of 2\n"
    assert lines_from_text(text) == [
        Line("Jane Doe"),
        Line("Python"),
        Line("2019", page=1),
    ]


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Zoë".encode(), "Zoë", "utf-8"),
        ("\ufeffZoë".encode(), "Zoë", "utf-8"),
        ("Zoë".encode("utf-16"), "Zoë", "utf-16"),
        ("Zoë".encode("utf-16-be").join([b"\xfe\xff", b""]), "Zoë", "utf-16"),
        ("Zoë".encode("cp1252"), "Zoë", "windows-1252"),
    ],
)
def test_decode_text(data: bytes, text: str, encoding: str) -> None:
    assert decode_text(data) == (text, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe",
        "JANE DOE",
        "José Álvarez-Núñez",
        "Siobhán O'Connor",
        "Ludwig van Beethoven",
        "Nguyễn Văn An",
        "Jane A. Doe",
        "J. R. R. Tolkien",
        "王小明",
        "山田 太郎",
    ],
)
def test_names(text: str) -> None:
    assert looks_like_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "Madonna",
        "Senior Software Engineer",
        "Work Experience",
        "CURRICULUM VITAE",
        "jane doe",
        "Jane Doe 2",
        "jane@example.com",
        "Acme Technologies GmbH",
        "123 Main Street",
        "Van",
        "A B",
        "Available Upon Request",
    ],
)
def test_not_names(text: str) -> None:
    assert not looks_like_name(text)


def test_find_name_prefers_the_largest_font() -> None:
    lines = [
        Line("Senior Engineer", size=11),
        Line("RESUME", size=24),
        Line("MARÍA JOSÉ O'NEIL-GARCÍA", size=20, bold=True),
        Line("Anna Smith", size=10),
    ]
    assert find_name(lines, len(lines)) == ("María José O'Neil-García", 2)


def test_find_name_takes_the_first_segment_and_drops_labels() -> None:
    assert find_name([Line("Jane Doe | Data Engineer | Berlin")], 1) == ("Jane Doe", 0)
    assert find_name([Line("Jane Doe, PhD")], 1) == ("Jane Doe", 0)
    assert find_name([Line("Name: Lars van der Berg")], 1) == ("Lars van der Berg", 0)


def test_find_name_stops_at_the_first_heading_and_page() -> None:
    lines = [Line("Summary"), Line("Jane Doe"), Line("Experience"), Line("John Roe", page=1)]
    assert header_end(lines) == 0
    assert find_name(lines, 0) == ("Jane Doe", 1)
    assert find_name([Line("Experience"), Line("John Roe", page=1)], 0) is None


@pytest.mark.parametrize(
    "text", ["EXPERIENCE", "Work Experience:", "Skills & Tools", "Berufserfahrung", "  Education "]
)
def test_section_headings(text: str) -> None:
    assert is_section_heading(text)


def test_header_end_is_capped() -> None:
    assert header_end([Line(f"line {n}") for n in range(40)]) == 15
    assert header_end([Line("Jane Doe"), Line("jane@example.com"), Line("SKILLS")]) == 2
