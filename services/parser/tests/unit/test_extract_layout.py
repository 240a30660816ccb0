"""Reading order from geometry (_layout): columns, sidebars, table rows, on bare fragments."""

from __future__ import annotations

import itertools
import math

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ats_backend.parser.extract._layout import Fragment, Row, arrange, row_text

LINE = 14.0  # line pitch in points


def frag(text: str, x: float, y: float, *, size: float = 10.0, width: float = 0.0) -> Fragment:
    """A fragment whose baseline is at ``y``; ``width`` defaults to a Helvetica-ish estimate."""
    width = width or 0.5 * size * len(text)
    return Fragment(text, x, y - 0.8 * size, x + width, y + 0.25 * size, base=y, size=size)


def column(texts: list[str], x: float, top: float, **kwargs: float) -> list[Fragment]:
    return [frag(text, x, top + LINE * index, **kwargs) for index, text in enumerate(texts)]


def texts(rows: list[Row]) -> list[str]:
    return [row_text(row.fragments) for row in rows]


LEFT = ["EXPERIENCE", "Acme Corp - Backend Engineer", "Built payment services in Go", "and Python"]
RIGHT = [
    "EDUCATION",
    "BSc Computer Science",
    "MIT 2010 - 2014",
    "SKILLS",
    "Python, Go, SQL",
    "Docker",
    "LANGUAGES",
    "English, German",
]


def test_two_columns_at_the_same_heights_are_not_interleaved() -> None:
    fragments = column(LEFT, 50, 200) + column(RIGHT, 320, 200)
    rows = arrange(fragments)
    assert texts(rows) == LEFT + RIGHT
    assert len({row.column for row in rows[: len(LEFT)]}) == 1
    assert rows[0].column != rows[-1].column


def test_banner_above_two_columns_comes_first_and_spans_the_page() -> None:
    banner = [
        frag("Jane Doe", 230, 60, size=22),
        frag("jane@example.com | +1 415 555 2671 | San Francisco", 120, 90, width=350),
    ]
    rows = arrange(banner + column(LEFT, 50, 200) + column(RIGHT, 320, 200), page=0)
    assert texts(rows)[:2] == ["Jane Doe", "jane@example.com | +1 415 555 2671 | San Francisco"]
    assert texts(rows)[2:] == LEFT + RIGHT
    assert rows[0].column == rows[1].column == 0


def test_a_narrow_sidebar_comes_after_the_name_and_before_the_main_column() -> None:
    side = ["CONTACT", "jane@example.com", "SKILLS", "Python", "SQL", "Go"]
    main = [
        "EXPERIENCE",
        "Acme Corp - Backend Engineer, 2019 - 2024",
        "Built payment services",
        "Led the migration to Kubernetes",
        "Globex - Developer, 2015 - 2019",
        "Wrote billing code in Java",
        "EDUCATION",
        "BSc Computer Science, MIT",
    ]
    name = [frag("Jane Doe", 210, 60, size=22), frag("Senior Backend Engineer", 210, 86)]
    rows = arrange(name + column(side, 40, 60) + column(main, 210, 120), page=0)
    assert texts(rows) == ["Jane Doe", "Senior Backend Engineer", *side, *main]


def test_on_later_pages_the_main_column_comes_before_the_sidebar() -> None:
    side = ["LANGUAGES", "English", "German", "Spanish"]
    main = [f"Bullet {n} of the work history continued from page one" for n in range(8)]
    rows = arrange(column(side, 40, 60) + column(main, 210, 60), page=1)
    assert texts(rows) == main + side


def test_a_right_sidebar_on_the_first_page_follows_the_header() -> None:
    main = ["Jane Doe", "Backend Engineer", "EXPERIENCE", "Acme Corp", "Built things", "More"]
    main += ["Globex", "Built more things"]
    fragments = column(main, 50, 60) + column(["SKILLS", "Python", "Go", "SQL"], 440, 88)
    fragments[0] = frag("Jane Doe", 50, 60, size=24)
    assert texts(arrange(fragments, page=0)) == [
        "Jane Doe",
        "Backend Engineer",
        "SKILLS",
        "Python",
        "Go",
        "SQL",
        "EXPERIENCE",
        "Acme Corp",
        "Built things",
        "More",
        "Globex",
        "Built more things",
    ]


def test_name_left_and_contacts_right_read_as_two_blocks() -> None:
    fragments = [
        frag("Amelia Clarke", 56, 60, size=22),
        frag("Senior Product Manager", 56, 80, size=12),
        *column(
            ["amelia@example.com", "020 7946 0958", "London, UK", "linkedin.com/in/a"],
            420,
            46,
            size=9,
        ),
        frag("SUMMARY", 56, 120, size=12),
        frag("Product manager with nine years of experience shipping products", 56, 140, width=480),
    ]
    assert texts(arrange(fragments, page=0)) == [
        "Amelia Clarke",
        "Senior Product Manager",
        "amelia@example.com",
        "020 7946 0958",
        "London, UK",
        "linkedin.com/in/a",
        "SUMMARY",
        "Product manager with nine years of experience shipping products",
    ]


def test_table_cells_on_one_baseline_stay_one_row() -> None:
    cells = [
        ("2019 - 2021", "Acme Corp", "Engineer"),
        ("2017 - 2019", "Globex", "Developer"),
        ("2015 - 2017", "Initech", "Intern"),
    ]
    fragments = [frag("Jane Doe", 56, 60, size=22), frag("EXPERIENCE", 56, 100, size=12)]
    for index, row in enumerate(cells):
        fragments += [
            frag(text, x, 120 + 16 * index) for x, text in zip((56, 200, 380), row, strict=True)
        ]
    fragments.append(frag("SKILLS", 56, 190, size=12))
    assert texts(arrange(fragments)) == [
        "Jane Doe",
        "EXPERIENCE",
        "2019 - 2021 | Acme Corp | Engineer",
        "2017 - 2019 | Globex | Developer",
        "2015 - 2017 | Initech | Intern",
        "SKILLS",
    ]


def test_a_date_column_beside_jobs_reads_row_by_row() -> None:
    fragments = []
    for index, (dates, title) in enumerate(
        [("2019 - 2024", "Acme Corp - Engineer"), ("2015 - 2019", "Globex - Developer")]
    ):
        top = 100 + 4 * LINE * index
        fragments.append(frag(dates, 50, top))
        fragments += column([title, "Built the payment service", "Ran the on-call rota"], 160, top)
    assert texts(arrange(fragments)) == [
        "2019 - 2024 | Acme Corp - Engineer",
        "Built the payment service",
        "Ran the on-call rota",
        "2015 - 2019 | Globex - Developer",
        "Built the payment service",
        "Ran the on-call rota",
    ]


def test_right_aligned_dates_stay_on_the_title_line() -> None:
    fragments = [
        frag("Senior Engineer, Acme", 56, 100),
        frag("Jan 2020 - Present", 450, 100),
        frag("Built and ran the payments platform for a million merchants", 68, 114, width=450),
        frag("Engineer, Globex", 56, 140),
        frag("Mar 2017 - Dec 2019", 445, 140),
    ]
    assert texts(arrange(fragments)) == [
        "Senior Engineer, Acme | Jan 2020 - Present",
        "Built and ran the payments platform for a million merchants",
        "Engineer, Globex | Mar 2017 - Dec 2019",
    ]


def test_row_text_joins_words_and_cells_and_drops_lone_bullets() -> None:
    bullet = frag("\u2022", 56, 100, width=4)
    item = frag("Led the team", 66, 100)
    assert row_text([bullet, item]) == "Led the team"
    assert row_text([frag("Email:", 56, 100, width=30), frag("jane@x.com", 120, 100)]) == (
        "Email: jane@x.com"
    )
    word = frag("Senior", 56, 100, width=30)
    assert row_text([word, frag("Engineer", 88, 100)]) == "Senior Engineer"
    assert row_text([word, frag("Engineer", 86, 100)]) == "SeniorEngineer"
    assert row_text([word, frag("Senior", 56.5, 100, width=30)]) == "Senior"  # drawn twice


def test_lines_of_one_baseline_with_mixed_sizes_are_one_row() -> None:
    rows = arrange([frag("PROFILE", 56, 100, size=14), frag("(short)", 107, 100, size=9)])
    assert texts(rows) == ["PROFILE (short)"]


def test_empty_and_degenerate_input() -> None:
    assert arrange([]) == []
    assert arrange([Fragment("", 0, 0, 10, 10)]) == []
    point = Fragment("x", 5, 5, 5, 5)
    assert texts(arrange([point, point])) == ["x"]
    far = [Fragment("a", 0, 0, 1e9, 10), Fragment("b", -1e9, 20, 5, 30), frag("c", 1, 50)]
    assert sorted(texts(arrange(far))) == ["a", "b", "c"]
    broken = [Fragment("nan", math.nan, 0, 10, 10), Fragment("inf", 0, math.inf, 10, 10)]
    assert texts(arrange([*broken, frag("ok", 50, 50)])) == ["ok"]


# Properties ---------------------------------------------------------------------------------

_coordinate = st.floats(min_value=-50, max_value=900, allow_nan=False)
_fragment = st.builds(
    lambda text, x, y, width, height, size, drop: Fragment(
        text, x, y, x + width, y + height, base=y + height - drop * height, size=size
    ),
    st.sampled_from(["Python", "2019 - 2021", "EXPERIENCE", "Jane Doe", "\u2022", "x", "|"]),
    _coordinate,
    _coordinate,
    st.floats(min_value=0, max_value=400),
    st.floats(min_value=0, max_value=40),
    st.floats(min_value=0.5, max_value=40),
    st.floats(min_value=0, max_value=1),
)


def _grid(columns: int, rows: int, x_step: float, y_step: float) -> list[Fragment]:
    return [
        frag(f"cell {c} {r}", 40 + c * x_step, 60 + r * y_step)
        for c in range(columns)
        for r in range(rows)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(_fragment, max_size=60), st.integers(min_value=0, max_value=2))
def test_random_layouts_place_every_fragment_exactly_once(
    fragments: list[Fragment], page: int
) -> None:
    rows = arrange(fragments, page=page)
    placed = [id(f) for row in rows for f in row.fragments]
    assert sorted(placed) == sorted(id(f) for f in fragments if f.text)
    for row in rows:
        assert row.column >= 0
        # Cells that stand apart read left to right. Overlapping or zero-width boxes (text
        # drawn over text) have no defined order, so they are only required to be placed.
        by_x = sorted(row.fragments, key=lambda f: f.x0)
        apart = all(f.x1 > f.x0 for f in by_x) and all(
            a.x1 < b.x0 for a, b in itertools.pairwise(by_x)
        )
        if apart:
            assert list(row.fragments) == by_x
        row_text(row.fragments)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=1, max_value=30),
    st.floats(min_value=5, max_value=300),
    st.floats(min_value=1, max_value=40),
)
def test_random_grids_place_every_fragment_exactly_once(
    columns: int, rows: int, x_step: float, y_step: float
) -> None:
    fragments = _grid(columns, rows, x_step, y_step)
    placed = [f for row in arrange(fragments) for f in row.fragments]
    assert sorted(map(id, placed)) == sorted(map(id, fragments))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=3, max_value=25),
    st.integers(min_value=3, max_value=25),
    st.floats(min_value=0, max_value=7),
)
def test_two_columns_are_never_interleaved(left: int, right: int, shift: float) -> None:
    """Columns of any lengths, on the same grid or shifted, come out one after the other.

    (Two columns of equal length on one grid are a table: their rows are read across.)
    """
    assume(abs(left - right) >= 2 or shift > 2.5)
    fragments = column([f"left line {n} of the first column" for n in range(left)], 50, 100)
    fragments += column([f"right {n} of the other column" for n in range(right)], 320, 100 + shift)
    order = [row_text(row.fragments).split()[0] for row in arrange(fragments, page=1)]
    assert order == ["left"] * left + ["right"] * right
