"""The matching rules, entry alignment and precision/recall/F1 of eval/score.py."""

from __future__ import annotations

from typing import Any

import pytest

from eval import score
from eval.score import Counts, align, score_document


@pytest.mark.parametrize(
    ("truth", "predicted", "expected"),
    [
        ("Jane.Doe@Example.com", " jane.doe@example.com ", True),
        ("jane.doe@example.com", "jane.doe@example.org", False),
        ("jane.doe@example.com", "janedoe@example.com", False),
    ],
)
def test_email_is_exact_ignoring_case(truth: str, predicted: str, expected: bool) -> None:
    assert score.match_email(truth, predicted) is expected


def test_phone_is_exact_e164() -> None:
    assert score.match_phone("+442079460958", "+442079460958")
    assert not score.match_phone("+442079460958", "+44 20 7946 0958")
    assert not score.match_phone("+442079460958", "02079460958")


@pytest.mark.parametrize(
    ("truth", "predicted", "expected"),
    [
        ("José Álvarez Núñez", "JOSÉ ÁLVAREZ NÚÑEZ", True),
        ("Jean-Luc Lemaître", "Jean Luc  Lemaître", True),
        ("Michael O'Connor", "Michael O\u2019Connor", True),
        ("Ay\u015fe Y\u0131ld\u0131z", "AY\u015eE YILDIZ", True),  # dotless i upper-cases to I
        ("Zoë Fischer", "Zoe Fischer", False),  # accents are kept
        ("Amelia J. Clarke", "Amelia Clarke", False),
        ("Amelia Clarke", "Amelia", False),
    ],
)
def test_name_normalisation(truth: str, predicted: str, expected: bool) -> None:
    assert score.match_name(truth, predicted) is expected


@pytest.mark.parametrize(
    ("truth", "predicted", "expected"),
    [
        ("Bergmann & Söhne GmbH & Co. KG", "Bergmann and Söhne", True),
        ("Sakura Denki Co., Ltd.", "SAKURA DENKI", True),
        ("Companhia Paulista de Dados S.A.", "Companhia Paulista de Dados SA", True),
        ("Contoso, Inc.", "Contoso", True),
        ("Blue Harbor Payments", "Blue Harbour Payments", True),  # one letter off: fuzzy
        ("Blue Harbor Payments", "Blue Harbor Capital", False),
        ("Contoso", "Fabrikam", False),
        ("University of Manchester", "Manchester", False),
    ],
)
def test_organisations_match_fuzzily_without_legal_suffixes(
    truth: str, predicted: str, expected: bool
) -> None:
    assert score.match_org(truth, predicted) is expected


def test_position_fuzzy() -> None:
    assert score.match_position("Senior Software Engineer", "senior software engineer")
    assert score.match_position("Staff Engineer", "Sta\ufb00 Engineer")  # ligature from a PDF
    assert not score.match_position("Senior Software Engineer", "Software Engineer Intern")
    assert not score.match_position("Data Analyst", "Data Scientist")


@pytest.mark.parametrize(
    ("truth", "predicted", "expected"),
    [
        ("2020-01", "2020-01", True),
        ("2020-01", "2020-01-15", True),
        ("2020-01", "2020", False),  # a month shown in the document must be found
        ("2020-01", "2020-02", False),
        ("2020", "2020", True),  # only the year shown: any month of it
        ("2020", "2020-06", True),
        ("2020", "2021", False),
    ],
)
def test_dates_compare_year_month(truth: str, predicted: str, expected: bool) -> None:
    assert score.match_date(truth, predicted) is expected


def test_study_type_exact_after_folding() -> None:
    assert score.match_study_type("PhD", "Ph.D.")
    assert score.match_study_type("High School", "high school")
    assert not score.match_study_type("Bachelor", "B.Sc.")  # the parser must normalise
    assert not score.match_study_type("Master", "Bachelor")


def test_url_normalisation() -> None:
    assert score.normalise_url("https://www.LinkedIn.com/in/jane/") == "linkedin.com/in/jane"
    assert score.normalise_url("github.com/jane") == "github.com/jane"


def test_counts_single_value_rules() -> None:
    assert score.count_value("a@x.com", "a@x.com", score.match_email) == Counts(tp=1)
    assert score.count_value("a@x.com", "b@x.com", score.match_email) == Counts(fp=1, fn=1)
    assert score.count_value("a@x.com", None, score.match_email) == Counts(fn=1)
    assert score.count_value("a@x.com", "  ", score.match_email) == Counts(fn=1)
    assert score.count_value(None, "b@x.com", score.match_email) == Counts(fp=1)
    assert score.count_value(None, None, score.match_email) == Counts()
    assert score.count_value("a@x.com", 42, score.match_email) == Counts(fn=1)


def test_precision_recall_f1() -> None:
    counts = Counts(tp=6, fp=2, fn=4)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 1.0  # nothing to find, nothing claimed
    assert Counts(fn=3).precision == 0.0
    assert Counts(fn=3).f1 == 0.0
    assert Counts(fp=2).recall == 0.0


def _job(company: str, position: str, start: str, end: str | None = None) -> dict[str, Any]:
    entry = {"name": company, "position": position, "startDate": start}
    if end:
        entry["endDate"] = end
    return entry


def test_alignment_prefers_company_then_other_fields() -> None:
    truth = [
        _job("Contoso", "Lead Engineer", "2021-01"),
        _job("Contoso", "Engineer", "2018-01", "2020-12"),
        _job("Fabrikam", "Intern", "2017-06", "2017-09"),
    ]
    predicted = [
        _job("Contoso Ltd", "Engineer", "2018-01", "2020-12"),
        _job("Fabrikam", "Intern", "2017-06", "2017-09"),
        _job("Contoso", "Lead Engineer", "2021-01"),
    ]
    assert align(truth, predicted, score._WORK) == [(0, 2), (1, 0), (2, 1)]


def test_alignment_needs_one_matching_field() -> None:
    truth = [_job("Contoso", "Engineer", "2018-01", "2020-12")]
    assert align(truth, [_job("Fabrikam", "Designer", "2011-01")], score._WORK) == []
    assert align(truth, [_job("Fabrikam", "Engineer", "2011-01")], score._WORK) == [(0, 0)]


def _truth() -> dict[str, Any]:
    return {
        "basics": {
            "name": "Jane Doe",
            "email": "jane@example.com",
            "phone": "+442079460958",
            "location": {"city": "London", "countryCode": "GB"},
            "profiles": [{"network": "LinkedIn", "url": "https://www.linkedin.com/in/jane"}],
        },
        "work": [
            _job("Contoso", "Engineer", "2021-01"),
            _job("Fabrikam", "Analyst", "2018", "2020"),
        ],
        "education": [
            {
                "institution": "University of Leeds",
                "studyType": "Bachelor",
                "startDate": "2014",
                "endDate": "2017",
            }
        ],
        "skills": [{"name": "Python"}, {"name": "SQL"}, {"name": "Go"}],
        "languages": [{"language": "English"}],
    }


def test_perfect_parse_scores_only_true_positives() -> None:
    counts = score_document(_truth(), _truth())
    assert all(value.fp == 0 and value.fn == 0 for value in counts.values())
    assert counts["work company"] == Counts(tp=2)
    assert counts["work endDate"] == Counts(tp=1)  # the current job has no end date
    assert counts["education dates"] == Counts(tp=2)
    assert counts["skills"] == Counts(tp=3)


def test_failed_parse_misses_everything() -> None:
    counts = score_document(_truth(), {})
    assert counts["name"] == Counts(fn=1)
    assert counts["work position"] == Counts(fn=2)
    assert counts["work endDate"] == Counts(fn=1)
    assert counts["skills"] == Counts(fn=3)
    assert counts["links"] == Counts(fn=1)
    assert all(value.tp == 0 and value.fp == 0 for value in counts.values())


def test_partial_parse_counts_per_field() -> None:
    predicted: dict[str, Any] = {
        "basics": {
            "name": "JANE DOE",
            "email": "jane@example.org",
            "phone": "+442079460958",
            "url": "https://linkedin.com/in/jane/",
        },
        "work": [
            _job("Contoso Inc.", "Engineer", "2021-01", "2023-05"),  # wrongly ended
            _job("Fabrikam", "Senior Analyst", "2018-03", "2020"),
            _job("Litware", "Tester", "2012-01"),  # not in the truth
        ],
        "education": [
            {"institution": "Leeds University", "studyType": "Bachelor", "endDate": "2017"}
        ],
        "skills": [{"name": "python"}, {"name": "Java"}],
    }
    counts = score_document(_truth(), predicted)
    assert counts["name"] == Counts(tp=1)
    assert counts["email"] == Counts(fp=1, fn=1)
    assert counts["phone"] == Counts(tp=1)
    assert counts["location city"] == Counts(fn=1)
    assert counts["links"] == Counts(tp=1)
    assert counts["work company"] == Counts(tp=2, fp=1)
    assert counts["work position"] == Counts(tp=1, fp=2, fn=1)
    # "2018-03" for a year-only truth "2018" matches; the Litware start is a false positive.
    assert counts["work startDate"] == Counts(tp=2, fp=1)
    assert counts["work endDate"] == Counts(tp=1, fp=1)
    # "Leeds University" vs "University of Leeds" is not a fuzzy match: the entry still aligns
    # on the degree, so institution is FP + FN and the missing start date a FN.
    assert counts["education institution"] == Counts(fp=1, fn=1)
    assert counts["education degree"] == Counts(tp=1)
    assert counts["education dates"] == Counts(tp=1, fn=1)
    assert counts["skills"] == Counts(tp=1, fp=1, fn=2)
    assert counts["languages"] == Counts(fn=1)


def test_total_and_goals() -> None:
    perfect = score_document(_truth(), _truth())
    empty = score_document(_truth(), {})
    totals = score.total([perfect, empty])
    assert totals["name"] == Counts(tp=1, fn=1)
    assert "name" in score.goals_missed(totals)
    assert score.goals_missed(score.total([perfect])) == []


def test_garbage_predictions_do_not_crash() -> None:
    predicted: dict[str, Any] = {
        "basics": "oops",
        "work": [None, 3, {"name": None}],
        "skills": "Python",
        "education": {"x": 1},
    }
    counts = score_document(_truth(), predicted)
    assert counts["name"] == Counts(fn=1)
    assert counts["work company"] == Counts(fn=2)
