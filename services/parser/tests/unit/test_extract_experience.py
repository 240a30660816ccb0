"""Years of experience (overlaps merged, open ends to a reference date) and confidence."""

from __future__ import annotations

import datetime as dt

import pytest

from ats_backend.parser.extract._confidence import section_confidence
from ats_backend.parser.extract._experience import work_periods, years_of_experience

TODAY = dt.date(2025, 6, 15)


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        ([("2019", "2021")], 2.0),  # bare years: "2019 - 2021" is two years
        ([("2020-01", "2020-03")], 0.2),  # months are inclusive: three months
        ([("2020-01", "2020-12")], 1.0),
        ([("2015", "2017"), ("2017", "2021")], 6.0),  # adjacent
        ([("2015", "2020"), ("2018", "2021")], 6.0),  # overlapping: merged, not summed
        ([("2010", "2012"), ("2015", "2016")], 3.0),  # a gap is not experience
        ([("2024-06", None)], 1.1),  # ongoing: to today, inclusive of this month
        ([("2021", "2019")], 0.0),  # backwards: nothing
    ],
)
def test_years(periods: list[tuple[str, str | None]], expected: float) -> None:
    assert years_of_experience(periods, TODAY) == expected


def test_no_periods() -> None:
    assert years_of_experience([], TODAY) is None


def test_document_date_is_now_for_ongoing_jobs() -> None:
    assert years_of_experience([("2020-01", None)], TODAY, document_date="2021-12") == 2.0


def test_reference_is_never_before_the_dates_mentioned() -> None:
    # An old "today" (or document date) cannot cut a job the resume itself dates later.
    assert years_of_experience([("2018", "2022"), ("2022-01", None)], dt.date(2020, 1, 1)) == 4.0


def test_work_periods() -> None:
    items = [
        {"name": "Acme", "startDate": "2020-01"},
        {"name": "Beta", "startDate": "2018", "endDate": "2020"},
        {"name": "Undated"},
    ]
    assert work_periods(items) == [("2020-01", None), ("2018", "2020")]


def test_section_confidence() -> None:
    scores = section_confidence(
        ["header", "summary", "work", "education", "skills", "projects"],
        {
            "work": [
                {"name": "Acme", "position": "Engineer", "startDate": "2020"},
                {"name": "Beta", "startDate": "2018"},  # no position: 2 of 3 key fields
            ],
            "education": [{"institution": "MIT", "studyType": "Bachelor", "endDate": "2015"}],
            "languages": [{"language": "German"}],  # no section heading, still scored
            "projects": [],
        },
        summary=True,
    )
    assert scores == {
        "summary": 1.0,
        "work": 0.83,
        "education": 1.0,
        "languages": 0.5,
        "projects": 0.0,  # a heading that yielded nothing
    }
