"""Dates as resumes write them, and as the truth records them.

A resume uses one style throughout (the generator picks one per document): ``Jan 2020``,
``January 2020``, ``01/2020``, ``2020-01``, ``2020``, ``Jan '20``, AP style ``Sept. 2018``;
ranges joined by ``-``, en or em dashes or "to", open ranges ending in Present, now, Current...
The truth is "YYYY-MM", or "YYYY" when the style shows only the year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

EN_DASH = "\u2013"
EM_DASH = "\u2014"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Associated Press abbreviations: short months spelled out, and "Sept." with four letters.
_AP = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
STYLES = ("mon", "month", "mm/yyyy", "yyyy-mm", "yyyy", "mon_yy", "ap")
_SEPARATORS = (" - ", f" {EN_DASH} ", f" {EM_DASH} ", EN_DASH, " to ")
_PRESENT = ("Present", "present", "Current", "Now", "Today")


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    year: int
    month: int

    def plus(self, months: int) -> YearMonth:
        index = self.year * 12 + self.month - 1 + months
        return YearMonth(index // 12, index % 12 + 1)

    def months_until(self, other: YearMonth) -> int:
        return (other.year - self.year) * 12 + other.month - self.month


@dataclass(frozen=True, slots=True)
class DateStyle:
    style: str
    separator: str
    present: str

    @property
    def year_only(self) -> bool:
        return self.style == "yyyy"

    def truth(self, date: YearMonth) -> str:
        return str(date.year) if self.year_only else f"{date.year}-{date.month:02d}"

    def one(self, date: YearMonth) -> str:
        return written(date, self.style)

    def range(self, start: YearMonth, end: YearMonth | None) -> str:
        return self.one(start) + self.separator + (self.one(end) if end else self.present)


def written(date: YearMonth, style: str) -> str:
    month = MONTHS[date.month - 1]
    if style == "mon":
        return f"{month[:3]} {date.year}"
    if style == "month":
        return f"{month} {date.year}"
    if style == "mm/yyyy":
        return f"{date.month:02d}/{date.year}"
    if style == "yyyy-mm":
        return f"{date.year}-{date.month:02d}"
    if style == "mon_yy":
        return f"{month[:3]} '{date.year % 100:02d}"
    if style == "ap":
        return f"{_AP[date.month - 1]} {date.year}"
    return str(date.year)


def choose(rng: random.Random) -> DateStyle:
    separator = rng.choice(_SEPARATORS)
    present = rng.choice(("now", "present")) if separator == " to " else rng.choice(_PRESENT)
    return DateStyle(rng.choice(STYLES), separator, present)


def years_only(rng: random.Random, like: DateStyle) -> DateStyle:
    """The style for school years: many resumes give only years there."""
    return DateStyle("yyyy", like.separator, like.present) if rng.random() < 0.6 else like
