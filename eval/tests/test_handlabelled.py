"""The hand-labelled resumes as regression tests: the parser must keep meeting the issue's goals
on them, and keep every contact field of every one of them right.

These resumes were labelled by people reading them, in layouts the generator does not make.
A change that costs a goal here fails `make test`, not only `make eval`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from ats_backend.parser.extract import parse_document
from eval.handlabelled import load
from eval.score import goals_missed, match_email, match_name, match_phone, score_document, total

Sample = Any


@cache
def _parsed() -> list[tuple[Sample, dict[str, Any]]]:
    return [(sample, parse_document(sample.content, filename=sample.filename)) for sample in load()]


def test_the_parser_meets_every_goal_on_the_hand_labelled_resumes() -> None:
    totals = total(score_document(sample.truth, profile) for sample, profile in _parsed())
    assert goals_missed(totals) == [], {name: round(c.f1, 3) for name, c in totals.items()}


@pytest.mark.parametrize(
    ("field", "matches"),
    [
        ("email", match_email),
        ("phone", match_phone),
        ("name", match_name),
    ],
)
def test_contact_fields_of_every_hand_labelled_resume(field: str, matches: Any) -> None:
    wrong = [
        (sample.id, sample.truth["basics"].get(field), profile["basics"].get(field))
        for sample, profile in _parsed()
        if sample.truth["basics"].get(field)
        and not matches(sample.truth["basics"][field], profile["basics"].get(field) or "")
    ]
    assert wrong == []
