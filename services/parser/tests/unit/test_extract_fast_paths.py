"""The cheap paths taken for lines that cannot hold a skill or a place give the full walk's
answers: same skills, in the same order."""

from __future__ import annotations

from ats_backend.parser.extract import _location, _skills

LINES = [
    "Senior Engineer, Company 3-1-7, 2019 - Present: built services and mentored engineers.",
    "Built it with Python3 and Go/Rust, deployed on k8s-based clusters",
    "Python/Django, C/C++, React-Native",
    "Skills: leadership, negotiation, Go, Rust",
    "I like to go hiking with friends",
    "Machine Learning and Forecasting",
]


def _full_walk(lines: list[str]) -> list[str]:
    """``find_skills`` with the per-line precheck disabled."""
    taxonomy = _skills._taxonomy()
    found: dict[str, None] = {}
    original = _skills._may_match_alias
    _skills._may_match_alias = lambda lowered, taxonomy: True  # type: ignore[assignment]
    try:
        for line in lines:
            _skills._match_line(line, taxonomy, found)
    finally:
        _skills._may_match_alias = original
    return list(found)


def test_skill_precheck_does_not_change_matches() -> None:
    for line in LINES:
        assert _skills.find_skills([line]) == _full_walk([line]), line
    assert _skills.find_skills(LINES) == _full_walk(LINES)


def test_precheck_skips_lines_without_a_key() -> None:
    taxonomy = _skills._taxonomy()
    assert not _skills._may_match_alias(["company", "3-1-7", "built"], taxonomy)
    assert _skills._may_match_alias(["python"], taxonomy)


def test_texts_are_the_token_texts() -> None:
    for line in [*LINES, "'quoted' words.. ..NET node.js's /path/ -dash- R&D"]:
        assert _skills._texts(line) == [token.text for token in _skills._tokens(line)]


def test_location_candidates_do_not_repeat_the_segment() -> None:
    assert list(_location._candidates("Berlin, Germany")) == ["Berlin, Germany"]
    assert list(_location._candidates("Cell: +49 89 1234567, Berlin, Germany")) == [
        "Cell: +49 89 1234567, Berlin, Germany",
        " Berlin, Germany",
    ]
