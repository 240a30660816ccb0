"""Layout-aware PDF reading (_pdf + _layout): PDFs drawn in memory with PyMuPDF, read back in
reading order, furniture dropped, lines normalised."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ats_backend.parser.extract import parse_document
from ats_backend.parser.extract._pdf import PdfText, _page_text, read_pdf
from ats_backend.parser.extract._text import Line

pymupdf: Any = importlib.import_module("pymupdf")  # untyped: keep mypy --strict out of it

WIDTH, HEIGHT = 595.0, 842.0  # A4
LINE = 14.0
Text = tuple[float, float, str]  # (x, baseline y, text), 10 pt Helvetica
Styled = tuple[float, float, str, float, bool]  # (x, y, text, size, bold)


def pdf(*pages: Sequence[Text | Styled]) -> bytes:
    doc = pymupdf.open()
    for items in pages:
        page = doc.new_page(width=WIDTH, height=HEIGHT)
        for item in items:
            x, y, text, size, bold = item if len(item) == 5 else (*item, 10.0, False)
            page.insert_text((x, y), text, fontsize=size, fontname="hebo" if bold else "helv")
    data: bytes = doc.tobytes()
    doc.close()
    return data


def stack(x: float, top: float, texts: Sequence[str]) -> list[Text]:
    return [(x, top + LINE * index, text) for index, text in enumerate(texts)]


def right_aligned(right: float, y: float, text: str, size: float = 10.0) -> Text:
    return (right - float(pymupdf.get_text_length(text, fontsize=size)), y, text)


def lines(data: bytes) -> list[Line]:
    return read_pdf(data, max_pages=10, max_chars=100_000).lines


def texts(data: bytes) -> list[str]:
    return [line.text for line in lines(data)]


NAME: list[Styled] = [(56, 70, "Jane Doe", 22, True)]
LEFT = [
    "EXPERIENCE",
    "Acme Corp - Backend Engineer",
    "Built payment services in Go",
    "and Python for merchants.",
    "Globex - Developer",
    "Wrote billing code in Java.",
]
RIGHT = [
    "EDUCATION",
    "BSc Computer Science",
    "MIT, 2010 - 2014",
    "SKILLS",
    "Python, Go, SQL",
    "Docker, Kubernetes",
    "LANGUAGES",
    "English, German",
    "INTERESTS",
    "Chess, climbing",
    "AWARDS",
    "Hackathon winner",
]


def test_two_columns_at_the_same_heights_are_read_one_after_the_other() -> None:
    result = lines(pdf([*NAME, *stack(56, 130, LEFT), *stack(320, 130, RIGHT)]))
    assert [line.text for line in result] == ["Jane Doe", *LEFT, *RIGHT]
    left = {line.column for line in result[1 : 1 + len(LEFT)]}
    right = {line.column for line in result[1 + len(LEFT) :]}
    assert len(left) == len(right) == 1
    assert left != right
    assert all(line.x0 < 0.5 for line in result[1 : 1 + len(LEFT)])
    assert all(line.x0 > 0.5 for line in result[1 + len(LEFT) :])


def test_full_width_banner_comes_before_two_columns() -> None:
    contact = "jane@example.com | +1 415 555 2671 | San Francisco, CA | github.com/janedoe"
    banner: list[Text | Styled] = [(220, 60, "Jane Doe", 24, True), (90, 86, contact)]
    result = lines(pdf([*banner, *stack(56, 130, LEFT), *stack(320, 130, RIGHT)]))
    assert [line.text for line in result] == ["Jane Doe", contact, *LEFT, *RIGHT]
    assert result[1].column == 0
    assert result[1].x0 < 0.2 < 0.7 < result[1].x1


SIDEBAR = ["CONTACT", "jane@example.com", "+1 415 555 2671", "SKILLS", "Python", "SQL", "Go"]
MAIN = [
    "EXPERIENCE",
    "Acme Corp - Backend Engineer, 2019 - 2024",
    "Built payment services handling a million transactions a day.",
    "Led the migration of the monolith to services.",
    "Globex - Developer, 2015 - 2019",
    "Wrote billing code in Java and Kotlin.",
    "Mentored three junior engineers.",
    "EDUCATION",
    "BSc Computer Science, MIT",
]


def test_narrow_sidebar_follows_the_name_and_never_interleaves_with_the_main_column() -> None:
    name: list[Styled] = [(210, 70, "Jane Doe", 22, True), (210, 92, "Backend Engineer", 12, False)]
    data = pdf([*name, *stack(40, 70, SIDEBAR), *stack(210, 126, MAIN)])
    assert texts(data) == ["Jane Doe", "Backend Engineer", *SIDEBAR, *MAIN]
    result = parse_document(data)
    assert result["basics"]["name"] == "Jane Doe"
    assert result["basics"]["email"] == "jane@example.com"
    assert {"Python", "SQL", "Go"} <= {skill["name"] for skill in result["skills"]}


def test_sidebar_on_a_later_page_comes_after_the_main_column() -> None:
    main = [f"Bullet {n} carried over from the first page of the work history" for n in range(9)]
    side = ["LANGUAGES", "English", "German"]
    data = pdf(
        [*NAME, (56, 100, "Summary of a long career in software")],
        [*stack(40, 60, side), *stack(210, 60, main)],
    )
    assert texts(data)[2:] == main + side


def test_table_cells_on_one_row_are_one_line() -> None:
    rows = [
        ("2019 - 2021", "Acme Corp", "Engineer"),
        ("2017 - 2019", "Globex Inc", "Developer"),
        ("2015 - 2017", "Initech", "Intern"),
    ]
    cells: list[Text | Styled] = [*NAME, (56, 100, "EXPERIENCE", 12, True)]
    for index, row in enumerate(rows):
        cells += [(x, 120 + 16 * index, text) for x, text in zip((56, 200, 380), row, strict=True)]
    cells += [(56, 190, "SKILLS", 12, True), (56, 206, "Python, Go, SQL and PostgreSQL")]
    assert texts(pdf(cells)) == [
        "Jane Doe",
        "EXPERIENCE",
        "2019 - 2021 | Acme Corp | Engineer",
        "2017 - 2019 | Globex Inc | Developer",
        "2015 - 2017 | Initech | Intern",
        "SKILLS",
        "Python, Go, SQL and PostgreSQL",
    ]


def test_date_column_beside_entries_joins_each_date_to_its_title() -> None:
    items: list[Text | Styled] = [*NAME, (56, 100, "EXPERIENCE", 12, True)]
    for index, (dates, title) in enumerate(
        [("2019 -", "Acme Corp - Engineer"), ("2015 -", "Globex - Developer")]
    ):
        top = 120 + 5 * LINE * index
        ends = "Present" if index == 0 else "2019"
        items += [(56, top, dates), (56, top + LINE, ends)]
        items += stack(
            150,
            top,
            [
                title,
                "Built the payments platform for merchants",
                "Ran the on-call rota for the team",
                "Hired four engineers",
            ],
        )
    assert texts(pdf(items))[2:] == [
        "2019 - Present | Acme Corp - Engineer",
        "Built the payments platform for merchants",
        "Ran the on-call rota for the team",
        "Hired four engineers",
        "2015 - 2019 | Globex - Developer",
        "Built the payments platform for merchants",
        "Ran the on-call rota for the team",
        "Hired four engineers",
    ]


def test_right_aligned_dates_stay_on_the_title_line() -> None:
    items: list[Text | Styled] = [*NAME]
    for index, (title, dates) in enumerate(
        [
            ("Senior Engineer, Acme", "Jan 2020 - Present"),
            ("Engineer, Globex", "Mar 2017 - Dec 2019"),
        ]
    ):
        top = 110 + 60 * index
        items += [(56, top, title, 10, True), right_aligned(539, top, dates)]
        items += stack(68, top + LINE, ["Built and ran the payments platform.", "Hired a team."])
    assert texts(pdf(items)) == [
        "Jane Doe",
        "Senior Engineer, Acme | Jan 2020 - Present",
        "Built and ran the payments platform.",
        "Hired a team.",
        "Engineer, Globex | Mar 2017 - Dec 2019",
        "Built and ran the payments platform.",
        "Hired a team.",
    ]
    assert lines(pdf(items))[1].bold


def test_name_beside_a_block_of_contacts_reads_name_then_contacts() -> None:
    contacts = ["jane@example.com", "+44 20 7946 0958", "London, UK", "linkedin.com/in/jane"]
    items: list[Text | Styled] = [
        (56, 70, "Jane Doe", 22, True),
        (56, 92, "Product Manager", 12, False),
    ]
    items += [right_aligned(539, 56 + 12 * index, text) for index, text in enumerate(contacts)]
    items += [(56, 130, "SUMMARY", 12, True)]
    items += [(56, 150, "Product manager with nine years of experience shipping fintech products.")]
    assert texts(pdf(items)) == [
        "Jane Doe",
        "Product Manager",
        *contacts,
        "SUMMARY",
        "Product manager with nine years of experience shipping fintech products.",
    ]


def test_running_headers_footers_and_page_numbers_are_dropped() -> None:
    pages = []
    for number, counter in enumerate(["Page 1 of 3", "2/3", "- 3 -"], start=1):
        items: list[Text | Styled] = [
            (56, 30, "Jane Doe - Curriculum Vitae", 8, False),
            (480, 30, "Confidential", 8, False),
            (56, 130, f"Body text on page {number}"),
            (56, 815, "jane@example.com | +1 415 555 2671", 8, False),
            (500, 815, counter, 8, False),
        ]
        if number == 1:
            items += [(56, 80, "Jane Doe", 22, True), (56, 100, "jane@example.com")]
        pages.append(items)
    assert texts(pdf(*pages)) == [
        "Jane Doe - Curriculum Vitae | Confidential",  # the first page keeps its header
        "Jane Doe",
        "jane@example.com",
        "Body text on page 1",
        "Body text on page 2",
        "Body text on page 3",
    ]


def test_a_header_on_the_first_page_only_is_kept() -> None:
    first: list[Text | Styled] = [
        (56, 40, "Jane Doe", 20, True),
        (56, 60, "jane@example.com"),
        (56, 130, "Experience"),
    ]
    data = pdf(first, [(56, 130, "More experience"), (280, 815, "2")])
    assert texts(data) == ["Jane Doe", "jane@example.com", "Experience", "More experience"]


def test_hyphenation_across_lines_and_compounds_within_them() -> None:
    body = [
        "Led the develop-",
        "ment of a full-",
        "stack platform from Jan 2020 -",
        "Present with",
        "state-of-the-art tooling and the",
        "cross-",
        "functional team of",
        "Kuber-",
        "netes experts.",
    ]
    assert texts(pdf([*NAME, *stack(56, 110, body)]))[1:] == [
        "Led the development",
        "of a full-stack",
        "platform from Jan 2020 - Present",
        "with",
        "state-of-the-art tooling and the",
        "cross-functional",
        "team of",
        "Kubernetes",
        "experts.",
    ]


def test_words_are_not_joined_across_columns() -> None:
    left = ["Led the develop-", "Something else", "More text here", "Another line"]
    right = ["ment-free text", "on the right", "column here", "and more", "and more", "more"]
    result = texts(pdf([*NAME, *stack(56, 130, left), *stack(320, 130, right)]))
    assert result[1:] == left + right


def test_bullets_drawn_apart_from_their_text_are_dropped() -> None:
    items: list[Text | Styled] = [*NAME, (56, 110, "\u2022"), (66, 110, "Led the platform team")]
    items += [(56, 124, "-"), (66, 124, "Hired four engineers")]
    assert texts(pdf(items)) == ["Jane Doe", "Led the platform team", "Hired four engineers"]


def test_lines_carry_font_size_weight_and_position() -> None:
    result = lines(pdf([*NAME, (300, 120, "Body text")]))
    name, body = result
    assert (name.size, name.bold, name.page, name.column) == (22.0, True, 0, 0)
    assert (body.size, body.bold) == (10.0, False)
    assert 0.09 < name.x0 < 0.1 < name.x1 < 0.3
    assert 0.5 < body.x0 < body.x1 < 0.7
    assert 0.12 < body.top < 0.14


def test_vertical_text_is_read_after_the_page() -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=WIDTH, height=HEIGHT)
    page.insert_text((56, 70), "Jane Doe", fontsize=22)
    for index, text in enumerate(LEFT):
        page.insert_text((56, 130 + LINE * index), text, fontsize=10)
    page.insert_text((20, 700), "CURRICULUM VITAE", fontsize=10, rotate=90)
    assert texts(doc.tobytes()) == ["Jane Doe", *LEFT, "CURRICULUM VITAE"]


_item = st.tuples(
    st.floats(min_value=0, max_value=560),
    st.floats(min_value=20, max_value=830),
    st.sampled_from(["Python", "2019 - 2021", "EXPERIENCE", "Jane Doe", "\u2022", "develop-"]),
    st.floats(min_value=4, max_value=30),
    st.booleans(),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_item, max_size=40), st.lists(_item, max_size=10))
def test_random_pages_never_crash(first: list[Styled], second: list[Styled]) -> None:
    result = read_pdf(pdf(first, second), max_pages=5, max_chars=100_000)
    for line in result.lines:
        assert line.text
        assert line.page in (0, 1)
        assert line.column >= 0


def _span(text: str, x0: float, x1: float, *, font: str = "Helvetica") -> dict[str, Any]:
    return {"text": text, "bbox": (x0, 100, x1, 112), "size": 10.0, "flags": 0, "font": font,
            "origin": (x0, 110)}  # fmt: skip


def test_a_line_is_cut_where_a_wide_gap_separates_its_spans() -> None:
    spans = [
        _span("Senior", 56, 86, font="Helvetica-Bold"),
        _span("Engineer", 88, 128),  # a word gap: same fragment, with a space
        _span("   ", 128, 200),  # a wide run of blank space: a cut
        _span("Jan 2020", 200, 240),
        _span("Present", 400, 440),  # a wide gap: a cut
    ]
    blocks = [{"type": 0, "lines": [{"dir": (1.0, 0.0), "spans": spans}]}, {"type": 1}]
    result = PdfText()
    page = _page_text(blocks, 0, WIDTH, HEIGHT, result)
    assert [f.text for f in page.fragments] == ["Senior Engineer", "Jan 2020", "Present"]
    assert [f.bold for f in page.fragments] == [True, False, False]
    assert result.chars == sum(len(span["text"]) for span in spans)
