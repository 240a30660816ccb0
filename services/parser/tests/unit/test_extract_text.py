"""Text normalisation, page counters, plain-text decoding, names and section headings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ats_backend.parser.extract._name import find_name, looks_like_name
from ats_backend.parser.extract._sections import header_end, is_section_heading
from ats_backend.parser.extract._text import (
    Line,
    decode_text,
    is_page_number,
    join_wrapped,
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
        ("co\ufb00ee \ufb02ow \ufb04uent \ufb06yle", "coffee flow ffluent style"),
        ("2019\u20122021 \u2015 x \u2212 y \uff0d z", "2019-2021 - x - y - z"),
        ("\u25b8 Shipped \u2794 fast", "Shipped \u2022 fast"),
        ("\u2043 Led", "Led"),
        ("Senior Engineer\tJan 2020 - Present", "Senior Engineer | Jan 2020 - Present"),
        ("Senior Engineer      Jan 2020", "Senior Engineer | Jan 2020"),
        ("Senior Engineer ........ Jan 2020", "Senior Engineer | Jan 2020"),
        ("Senior Engineer . . . . . Jan 2020", "Senior Engineer | Jan 2020"),
        ("Email:\tjane@example.com", "Email: jane@example.com"),
        ("Python...  and more", "Python... and more"),
        ("develop\u00ad", "develop-"),
        ("line\u2028break\u0085", "line break"),
    ],
)
def test_normalise_line(raw: str, expected: str) -> None:
    assert normalise_line(raw) == expected


def test_normalise_line_can_keep_leading_markers() -> None:
    assert normalise_line("- 2019", strip_bullets=False) == "- 2019"
    assert normalise_line("- 2019") == "2019"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["Led the develop-", "ment of the platform"], ["Led the development", "of the platform"]),
        (["a full-", "stack team"], ["a full-stack", "team"]),
        (["state-of-the-", "art tools"], ["state-of-the-art", "tools"]),
        (["cross-", "functional"], ["cross-functional"]),
        (["scal-", "able, fast"], ["scalable,", "fast"]),
        (["Jan 2020 -", "Present"], ["Jan 2020 - Present"]),
        (
            ["Engineer (Jul 2015-Nov", "2018) in Berlin"],
            ["Engineer (Jul 2015-Nov 2018)", "in Berlin"],
        ),
        (["Dev, 2024-01 to", "2025-05"], ["Dev, 2024-01 to 2025-05"]),
        (["Acme (March 2019 -", "Dec 2021)"], ["Acme (March 2019 - Dec 2021)"]),
        (["COVID-", "related work"], ["COVID-", "related work"]),
        (["Python -", "ment"], ["Python -", "ment"]),
        (["In 2019 to", "deliver more"], ["In 2019 to", "deliver more"]),
        (["Marketing 2015 -", "Sales team"], ["Marketing 2015 -", "Sales team"]),
        (["re-", "Designed"], ["re-", "Designed"]),
        (["linkedin.com/in/jane-", "doe-42 | Berlin"], ["linkedin.com/in/jane-doe-42", "| Berlin"]),
        (["https://github.com/", "janedoe"], ["https://github.com/janedoe"]),
        (["jane_", "doe@example.com"], ["jane_", "doe@example.com"]),
        (["github.com/jane-", "https://x.dev"], ["github.com/jane-", "https://x.dev"]),
        (
            ["linkedin.com/in/jane/", "github.com/jane"],
            ["linkedin.com/in/jane/", "github.com/jane"],
        ),
    ],
)
def test_join_wrapped(raw: list[str], expected: list[str]) -> None:
    assert [line.text for line in join_wrapped([Line(text) for text in raw])] == expected


def test_join_wrapped_uses_the_document_as_a_dictionary() -> None:
    lines = [Line("real-"), Line("time data"), Line("We ship realtime systems")]
    assert join_wrapped(lines)[0].text == "realtime"
    lines = [Line("multi-"), Line("tenant"), Line("multi-tenant")]
    assert join_wrapped(lines)[0].text == "multi-tenant"
    lines = [Line("data-"), Line("driven"), Line("Introduced datadriven reviews")]
    assert join_wrapped(lines)[0].text == "datadriven"


def test_join_wrapped_stays_within_a_column_and_page() -> None:
    lines = [
        Line("develop-", column=1),
        Line("ment", column=2),
        Line("Jan 2020 -", page=0),
        Line("Present", page=1),
    ]
    assert join_wrapped(lines) == lines
    joined = join_wrapped(
        [Line("develop-", size=10, top=0.5, x0=0.1, x1=0.4, column=2), Line("ment", column=2)]
    )
    assert joined == [Line("development", size=10, top=0.5, x0=0.1, x1=0.4, column=2)]


@given(st.lists(st.text(alphabet="ab- 2019\u00adPresent|.\t", max_size=30), max_size=8))
def test_normalising_and_joining_random_lines_never_fails(raw: list[str]) -> None:
    lines = [Line(normalise_line(text)) for text in raw]
    joined = join_wrapped([line for line in lines if line.text])
    assert all(line.text for line in joined)
    assert all(normalise_line(line.text) == line.text for line in lines)


@pytest.mark.parametrize("text", ["3", "- 3 -", "Page 3", "Page 3 of 4", "3/4", "p. 2", "Seite 2"])
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2019", "Page Two", "Python 3", "2019 - 2021", "+44 20"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def test_lines_from_text_joins_hyphenated_words() -> None:
    assert [line.text for line in lines_from_text("Led the develop-\nment of it\n")] == [
        "Led the development",
        "of it",
    ]


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


@pytest.mark.parametrize("text", ["+ Led a team", "\u2013 Led a team", "* Led a team"])
def test_plus_dash_and_star_list_markers_are_bullets(text: str) -> None:
    assert normalise_line(text) == "Led a team"
    assert normalise_line("+49 171 5550123") == "+49 171 5550123"
