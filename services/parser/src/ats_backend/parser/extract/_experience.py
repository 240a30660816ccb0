"""Years of experience: the work periods, overlaps merged, summed.

Periods are half-open month intervals. A start written as a bare year counts from its January;
an end written as a bare year counts *to* its January too ("2019 - 2021" is two years, as people
read it), while a month end includes that month ("Jan - Mar 2020" is three months). An open end
("Present") runs to the reference date: the document's own date when the caller knows it (a PDF
creation date, a "Stand: 03/2024" line), else ``today`` - a parameter, so the function stays
pure and tests stay stable. The reference is never before the latest date the periods mention.
Overlapping or adjacent periods (two jobs at once) are merged before summing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ._dates import month_number

__all__ = ["work_periods", "years_of_experience"]

Period = tuple[str, str | None]  # (start, end or None when ongoing)


def work_periods(items: Iterable[dict[str, Any]]) -> list[Period]:
    """``(startDate, endDate or None)`` of the work items that have a start."""
    return [(item["startDate"], item.get("endDate")) for item in items if item.get("startDate")]


def _end(value: str) -> int:
    # A month end includes its month; a bare-year end is read as "until that year".
    return month_number(value) + (1 if len(value) > 4 else 0)


def years_of_experience(
    periods: Iterable[Period], today: dt.date, document_date: str | None = None
) -> float | None:
    """Total years covered by ``periods`` (merged), rounded to one decimal; ``None`` if none."""
    periods = list(periods)
    if not periods:
        return None
    reference = (
        month_number(document_date) + 1 if document_date else today.year * 12 + today.month - 1 + 1
    )
    mentioned = [month_number(start) for start, _ in periods]
    mentioned += [_end(end) for _, end in periods if end]
    reference = max(reference, *mentioned)
    spans = sorted((month_number(start), _end(end) if end else reference) for start, end in periods)
    total = 0
    current_start, current_end = spans[0]
    for start, end in spans[1:]:
        if start <= current_end:
            current_end = max(current_end, end)
        else:
            total += max(0, current_end - current_start)
            current_start, current_end = start, end
    total += max(0, current_end - current_start)
    return round(total / 12, 1)
