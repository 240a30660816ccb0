"""The printed report: per-field precision/recall/F1 against the goals, F1 per layout,
the slowest documents and parse-time percentiles; and the same numbers as JSON."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from .evaluate import Result
from .score import FIELDS, Counts, goals_missed, total

_SHORT = {
    "name": "name",
    "email": "email",
    "phone": "phone",
    "work company": "company",
    "work position": "position",
    "work startDate": "start",
    "work endDate": "end",
    "education institution": "school",
    "education degree": "degree",
    "skills": "skills",
}


def field_table(results: Sequence[Result]) -> list[str]:
    totals = total(result.counts for result in results)
    lines = [
        f"{'field':<24}{'precision':>10}{'recall':>8}{'F1':>8}{'goal':>7}  {'status':<7}"
        f"{'TP':>6}{'FP':>6}{'FN':>6}"
    ]
    for field in FIELDS:
        counts = totals[field.name]
        goal = f"{field.goal:.2f}" if field.goal is not None else "-"
        status = "-" if field.goal is None else ("PASS" if counts.f1 >= field.goal else "FAIL")
        lines.append(
            f"{field.name:<24}{counts.precision:>10.3f}{counts.recall:>8.3f}{counts.f1:>8.3f}"
            f"{goal:>7}  {status:<7}{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}"
        )
    missed = goals_missed(totals)
    goals = sum(field.goal is not None for field in FIELDS)
    lines.append(
        f"goals met: {goals - len(missed)} of {goals}"
        + (f" (missed: {', '.join(missed)})" if missed else "")
    )
    return lines


def layout_table(results: Sequence[Result]) -> list[str]:
    main = [field.name for field in FIELDS if field.main]
    layouts = list(dict.fromkeys(result.layout for result in results))
    lines = [f"{'layout':<15}{'docs':>5}" + "".join(f"{_SHORT[name]:>9}" for name in main)]
    for layout in layouts:
        subset = [result for result in results if result.layout == layout]
        totals = total(result.counts for result in subset)
        lines.append(
            f"{layout:<15}{len(subset):>5}" + "".join(f"{totals[name].f1:>9.3f}" for name in main)
        )
    return lines


def errors(results: Sequence[Result]) -> list[str]:
    failed = [result for result in results if result.error]
    if not failed:
        return ["parse errors: none"]
    kinds = Counter((result.layout, (result.error or "").split(":", 1)[0]) for result in failed)
    return [f"parse errors: {len(failed)} of {len(results)} documents (scored as empty)"] + [
        f"  {count:>4} x {kind} ({layout})" for (layout, kind), count in sorted(kinds.items())
    ]


def timing(results: Sequence[Result], slowest: int = 10) -> list[str]:
    if not results:
        return []
    ordered = sorted(results, key=lambda result: result.ms, reverse=True)
    lines = [f"{slowest} slowest documents:"] + [
        f"  {result.ms:>9.1f} ms  {result.layout:<14} {result.id}  {result.filename}"
        for result in ordered[:slowest]
    ]
    times = sorted(result.ms for result in results)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    lines.append(
        f"parse time: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
        f"max {times[-1]:.1f} ms over {len(times)} documents"
    )
    return lines


def as_json(results: Sequence[Result]) -> dict[str, Any]:
    def fields(totals: dict[str, Counts]) -> dict[str, Any]:
        return {
            field.name: {
                "precision": round(totals[field.name].precision, 4),
                "recall": round(totals[field.name].recall, 4),
                "f1": round(totals[field.name].f1, 4),
                "tp": totals[field.name].tp,
                "fp": totals[field.name].fp,
                "fn": totals[field.name].fn,
                "goal": field.goal,
                "met": None if field.goal is None else totals[field.name].f1 >= field.goal,
            }
            for field in FIELDS
        }

    layouts = dict.fromkeys(result.layout for result in results)
    return {
        "documents": len(results),
        "fields": fields(total(result.counts for result in results)),
        "layouts": {
            layout: fields(total(r.counts for r in results if r.layout == layout))
            for layout in layouts
        },
        "errors": {result.id: result.error for result in results if result.error},
        "parse_ms": {result.id: round(result.ms, 2) for result in results},
    }
