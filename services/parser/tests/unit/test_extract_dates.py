"""Dates and ranges: every shape resumes use, normalised; hostile text stays fast and safe."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ats_backend.parser.extract._dates import (
    DateRange,
    find_dates,
    first_range,
    latest,
    month_number,
    parse_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2020", "2020-01"),
        ("January 2020", "2020-01"),
        ("JANUARY 2020", "2020-01"),
        ("01/2020", "2020-01"),
        ("1/2020", "2020-01"),
        ("2020-01", "2020-01"),
        ("2020/1", "2020-01"),
        ("2020", "2020"),
        ("Jan '20", "2020-01"),
        ("Jan \u201920", "2020-01"),
        ("Sept. 2018", "2018-09"),
        ("Sep 2018", "2018-09"),
        ("Jan. 2020", "2020-01"),
        ("Jan-2020", "2020-01"),
        ("March, 2020", "2020-03"),
        ("15 March 2020", "2020-03"),
        ("March 15, 2020", "2020-03"),
        ("03.2019", "2019-03"),
        ("15.03.2019", "2019-03"),
        ("01/03/2019", "2019-03"),  # day first, as most of the world writes it
        ("03/15/2019", "2019-03"),  # can only be American
        ("2020-01-15", "2020-01"),
        # German, French, Spanish, Portuguese, Dutch, Italian month names
        ("Januar 2020", "2020-01"),
        ("März 2019", "2019-03"),
        ("Mär 2019", "2019-03"),
        ("Okt. 2017", "2017-10"),
        ("Dezember 2021", "2021-12"),
        ("janvier 2020", "2020-01"),
        ("févr. 2020", "2020-02"),
        ("fevr 2020", "2020-02"),
        ("août 2016", "2016-08"),
        ("décembre 2015", "2015-12"),
        ("enero 2020", "2020-01"),
        ("enero de 2020", "2020-01"),
        ("septiembre 2012", "2012-09"),
        ("março 2019", "2019-03"),
        ("setembro de 2018", "2018-09"),
        ("mei 2019", "2019-05"),
        ("mrt 2019", "2019-03"),
        ("oktober 2010", "2010-10"),
        ("gennaio 2020", "2020-01"),
        ("giugno 2014", "2014-06"),
        ("dicembre 2013", "2013-12"),
    ],
)
def test_single_dates(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "hello", "2020 2021", "Jan", "13/2020", "00/2020", "1850", "2099", "Janus 2020 x"],
)
def test_not_a_single_date(text: str) -> None:
    assert parse_date(text) is None


def _range(text: str) -> tuple[str | None, str | None, bool]:
    found = first_range(text)
    assert found is not None, text
    return found.start, found.end, found.current


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019 - 2021", ("2019", "2021", False)),
        ("2019-2021", ("2019", "2021", False)),
        ("2019 \u2013 2021", ("2019", "2021", False)),
        ("2019 \u2014 2021", ("2019", "2021", False)),
        ("2019/2020", ("2019", "2020", False)),
        ("Jan 2019 \u2013 Mar 2021", ("2019-01", "2021-03", False)),
        ("01/2019 - 03/2020", ("2019-01", "2020-03", False)),
        ("2020-01 - 2021-03", ("2020-01", "2021-03", False)),
        ("2022-12-2024-12", ("2022-12", "2024-12", False)),
        ("03.2019-05.2020", ("2019-03", "2020-05", False)),
        ("Sept 2017 until June 2019", ("2017-09", "2019-06", False)),
        ("Sept 2017 to June 2019", ("2017-09", "2019-06", False)),
        ("2010 bis 2012", ("2010", "2012", False)),
        ("de 2019 à 2021", ("2019", "2021", False)),
        ("2015 hasta 2018", ("2015", "2018", False)),
        ("2015 até 2018", ("2015", "2018", False)),
        ("2015 tot 2018", ("2015", "2018", False)),
        ("September 2016 January 2019", ("2016-09", "2019-01", False)),
        # Open ends, in every language
        ("Jan 2020 - Present", ("2020-01", None, True)),
        ("2020 - present", ("2020", None, True)),
        ("Jun 2019 \u2013 Current", ("2019-06", None, True)),
        ("2019 - Now", ("2019", None, True)),
        ("2019 - Today", ("2019", None, True)),
        ("2019 to date", ("2019", None, True)),
        ("Jan 2020 to the present", ("2020-01", None, True)),
        ("03.2019 - heute", ("2019-03", None, True)),
        ("2018 à aujourd'hui", ("2018", None, True)),
        ("enero 2018 - actualidad", ("2018-01", None, True)),
        ("2015 - atual", ("2015", None, True)),
        ("2016 - heden", ("2016", None, True)),
        ("2016 - oggi", ("2016", None, True)),
        ("2019 -", ("2019", None, True)),
        ("since 2019", ("2019", None, True)),
        ("Since Jan 2020", ("2020-01", None, True)),
        ("seit 03/2019", ("2019-03", None, True)),
        ("depuis 2018", ("2018", None, True)),
        ("desde 2017", ("2017", None, True)),
    ],
)
def test_ranges(text: str, expected: tuple[str | None, str | None, bool]) -> None:
    assert _range(text) == expected


def test_range_inside_a_line_has_its_span() -> None:
    text = "Senior Engineer, Acme Corp - Jan 2020 - Present"
    (found,) = find_dates(text)
    assert found == DateRange("2020-01", None, True, 29, len(text))
    assert text[found.begin : found.stop] == "Jan 2020 - Present"


def test_a_single_date_is_single() -> None:
    (found,) = find_dates("Certified Kubernetes Administrator, 2021")
    assert found.single and found.start == "2021" and found.end is None


def test_backwards_range_is_two_dates() -> None:
    assert [d.start for d in find_dates("2021 - 2019")] == ["2021", "2019"]


@pytest.mark.parametrize(
    "text",
    [
        "phone 0151 2345 6789",
        "Built 4,000 requests per second",
        "120195",
        "2019.5",
        "v2.2019x",
        "Python 3.11 and 3.12",
        "Present",
    ],
)
def test_no_dates(text: str) -> None:
    assert find_dates(text) == ()


def test_month_word_in_a_place_name_is_no_month() -> None:
    (found,) = find_dates("Universidade Federal do Rio de Janeiro, 2017 - 2020")
    assert (found.start, found.end) == ("2017", "2020")


def test_latest_and_month_number() -> None:
    assert latest(["2019", "2019-06", None, "2018-12"]) == "2019"  # a bare year ends in December
    assert latest([]) is None
    assert month_number("2020-03") - month_number("2019-03") == 12
    assert month_number("2020") == month_number("2020-01")


# Hostile input: long lines, repeated separators, many digits and dashes. Every pattern is
# bounded, so parsing stays linear and never raises.
_HOSTILE_ALPHABET = st.sampled_from(
    [*"0123456789-\u2013/.,' ()|:", "19", "20", "2019", "Jan", "to", " - ", "present"]
)
_hostile = st.lists(_HOSTILE_ALPHABET, max_size=400).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(text: str) -> None:
    for found in find_dates(text):
        assert found.start is not None
        assert 0 <= found.begin < found.stop <= len(text)
    parse_date(text)
    first_range(text)


@settings(max_examples=300, deadline=None)
@given(_hostile)
def test_hostile_text_parses_and_spans_are_ordered(text: str) -> None:
    found = find_dates(text)
    stops = [d.stop for d in found]
    assert stops == sorted(stops)
    for date in found:
        assert len(date.start or "") in {4, 7}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["2019-", "- ", "2020 - 2021 ", "19", "'20 ", "Jan ", "1/", "0" * 7]))
def test_long_hostile_lines_are_fast(unit: str) -> None:
    line = unit * (200_000 // len(unit))
    started = time.perf_counter()
    find_dates(line)
    assert time.perf_counter() - started < 0.5
