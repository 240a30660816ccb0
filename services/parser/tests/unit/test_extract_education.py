"""Education entries: degrees normalised, subjects, schools, dates and scores, in any layout."""

from __future__ import annotations

from typing import Any

import pytest

from ats_backend.parser.extract._education import extract_education, is_institution, read_degree
from ats_backend.parser.extract._text import Line, lines_from_text


def _education(text: str) -> list[dict[str, Any]]:
    return extract_education(lines_from_text(text))


@pytest.mark.parametrize(
    ("text", "study_type", "area"),
    [
        ("B.Sc. in Computer Science", "Bachelor", "Computer Science"),
        ("BSc Computer Science", "Bachelor", "Computer Science"),
        ("BS Computer Science", "Bachelor", "Computer Science"),
        ("B.S. in Physics", "Bachelor", "Physics"),
        ("B.E. Computer Science", "Bachelor", "Computer Science"),
        ("B.Tech Electrical Engineering", "Bachelor", "Electrical Engineering"),
        ("BA Economics", "Bachelor", "Economics"),
        ("B.A. in History", "Bachelor", "History"),
        ("Bachelor of Science, Computer Science", "Bachelor", "Computer Science"),
        ("Bachelor of Science in Computer Science", "Bachelor", "Computer Science"),
        ("Bachelor's degree in Fine Arts", "Bachelor", "Fine Arts"),
        ("BSc (Hons) in Geology", "Bachelor", "Geology"),
        ("MS Data Science", "Master", "Data Science"),
        ("M.S. Management", "Master", "Management"),
        ("M.Sc. Informatik", "Master", "Informatik"),
        ("MSc Economics", "Master", "Economics"),
        ("M.E. Mechanical Engineering", "Master", "Mechanical Engineering"),
        ("M.Tech Computational and Data Sciences", "Master", "Computational and Data Sciences"),
        ("MA English Literature", "Master", "English Literature"),
        ("MBA", "Master", "Business Administration"),
        ("Master of Business Administration", "Master", "Business Administration"),
        ("Master of Science (M.Sc.) Maschinenbau", "Master", "Maschinenbau"),
        ("Computer Science (M.Tech)", "Master", "Computer Science"),
        ("PhD in Physics", "PhD", "Physics"),
        ("Ph.D. in Geophysics", "PhD", "Geophysics"),
        ("Doctor of Philosophy in Chemistry", "PhD", "Chemistry"),
        ("DPhil History", "PhD", "History"),
        ("Associate of Science in Nursing", "Associate", "Nursing"),
        ("Higher National Diploma in Fine Arts", "Diploma", "Fine Arts"),
        ("Diplom-Informatiker", "Diploma", "Informatiker"),
        ("High School Diploma", "High School", None),
        ("Abitur", "High School", None),
        ("Baccalauréat", "High School", None),
    ],
)
def test_degrees(text: str, study_type: str, area: str | None) -> None:
    degree = read_degree(text)
    assert degree is not None
    assert degree[:2] == (study_type, area)


@pytest.mark.parametrize("text", ["Boston, MA", "Managed MS Office rollouts", "Team lead", ""])
def test_not_degrees(text: str) -> None:
    assert read_degree(text) is None or text == "Managed MS Office rollouts"


@pytest.mark.parametrize(
    "text",
    [
        "University of Manchester",
        "Universität Stuttgart",
        "Université Paris-Saclay",
        "Universidad Complutense de Madrid",
        "Universidade de São Paulo",
        "Hochschule für Technik und Wirtschaft Berlin",
        "ETH Zürich",
        "IIT Bombay",
        "Imperial College London",
        "Indian Institute of Science",
        "École Polytechnique",
        "Kepler-Gymnasium Ulm",
        "Colégio Bandeirantes",
    ],
)
def test_institutions(text: str) -> None:
    assert is_institution(text)


def test_one_line_entry_with_score() -> None:
    assert _education(
        "BSc Economics, University of Manchester, 2011 - 2014. First-class honours; "
        "dissertation on mobile money\nadoption in East Africa."
    ) == [
        {
            "institution": "University of Manchester",
            "area": "Economics",
            "studyType": "Bachelor",
            "startDate": "2011",
            "endDate": "2014",
            "score": "First-class honours",
        }
    ]


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("MSc Economics, University of Amsterdam, 2012 - 2013, GPA 3.8/4.0", "GPA 3.8/4.0"),
        ("MSc Economics, University of Amsterdam, 2013 | Note: 1,3", "Note: 1,3"),
        ("MSc Economics, University of Amsterdam, 2013, 3.7/4", "3.7/4"),
        ("MSc Economics, University of Amsterdam (Distinction), 2013", "Distinction"),
        ("BA History, University of Oxford, 2013, Upper Second Class Honours", None),
    ],
)
def test_scores(text: str, score: str | None) -> None:
    (item,) = _education(text)
    if score is None:
        assert "Upper Second" in item["score"]
    else:
        assert item["score"] == score


def test_layouts_grouped_by_filling() -> None:
    # Degree / school / dates on separate lines, then school first with dates on one line.
    items = _education(
        "Master of Science in Chemical Engineering\n"
        "Norwegian University of Science and Technology\n"
        "08/2012 - 06/2014\n"
        "University of Bergen | 2009 - 2012\n"
        "Bachelor of Engineering in Chemistry\n"
    )
    assert [
        (i["institution"], i["studyType"], i.get("startDate"), i["endDate"]) for i in items
    ] == [
        ("Norwegian University of Science and Technology", "Master", "2012-08", "2014-06"),
        ("University of Bergen", "Bachelor", "2009", "2012"),
    ]


def test_single_year_is_the_end_date_and_school_names_keep_dashes() -> None:
    (item,) = _education(
        "Bachelor's degree, Software Engineering\nUniversité Toulouse III - Paul Sabatier - "
        "Graduated 2023"
    )
    assert item == {
        "institution": "Université Toulouse III - Paul Sabatier",
        "area": "Software Engineering",
        "studyType": "Bachelor",
        "endDate": "2023",
    }


def test_high_school_named_after_its_town() -> None:
    items = _education(
        "Sep '15 - Jul '18 | BSc in Computer Science\nMassachusetts Institute of Technology\n"
        "Oct '11 - Jun '15 | Baccalauréat\nLincoln High School\n"
    )
    assert [(i["institution"], i["studyType"], i["startDate"]) for i in items] == [
        ("Massachusetts Institute of Technology", "Bachelor", "2015-09"),
        ("Lincoln High School", "High School", "2011-10"),
    ]


def test_school_name_wrapped_in_a_narrow_column() -> None:
    lines = [
        Line("Higher National Diploma -", size=9.5, bold=True, top=0.40),
        Line("Mechanical Engineering, National", size=9.5, bold=True, top=0.42),
        Line("University of Singapore, Graduated", size=9.5, top=0.44),
        Line("2013", size=9.5, top=0.46),
        Line("Electrical Engineering (BA), Seoul", size=9.5, bold=True, top=0.48),
        Line("National University, Graduated", size=9.5, top=0.50),
        Line("2012", size=9.5, top=0.52),
    ]
    assert [
        (i["institution"], i["studyType"], i["area"], i["endDate"])
        for i in extract_education(lines)
    ] == [
        ("National University of Singapore", "Diploma", "Mechanical Engineering", "2013"),
        ("Seoul National University", "Bachelor", "Electrical Engineering", "2012"),
    ]


def test_german_lebenslauf() -> None:
    items = _education(
        "10.2013 - 09.2015\tMaster of Science (M.Sc.) Maschinenbau\n"
        "Universität Stuttgart, Abschlussnote 1,4\n"
        "06.2010\tAbitur\nKepler-Gymnasium Ulm\n"
    )
    assert items == [
        {
            "institution": "Universität Stuttgart",
            "area": "Maschinenbau",
            "studyType": "Master",
            "startDate": "2013-10",
            "endDate": "2015-09",
            "score": "Abschlussnote 1,4",
        },
        {"institution": "Kepler-Gymnasium Ulm", "studyType": "High School", "endDate": "2010-06"},
    ]


def test_school_without_a_cue_word_next_to_a_degree() -> None:
    (item,) = _education("MBA, Stanford, 2019")
    assert (item["institution"], item["studyType"], item["endDate"]) == (
        "Stanford",
        "Master",
        "2019",
    )


def test_no_degree_no_school_no_entry() -> None:
    assert _education("Relevant coursework: algorithms, databases") == []
    assert extract_education([]) == []


def test_qualifications_of_one_level_stay_one_entry() -> None:
    items = _education(
        "University of Bristol - BSc (Hons) Economics, 2:1 | Sept 2019 - June 2022\n"
        "Whitchurch High School, Cardiff - Sixth Form | Sept 2017 - June 2019\n"
        "A-levels: Mathematics (A*), Economics (A), Geography (B)\n"
        "GCSEs: 10 at grades 9-6 including English Language and Maths\n"
    )
    assert [(i["institution"], i["studyType"], i["startDate"]) for i in items] == [
        ("University of Bristol", "Bachelor", "2019-09"),
        ("Whitchurch High School", "High School", "2017-09"),
    ]


def test_courses_and_memberships_are_not_degrees() -> None:
    items = _education(
        "10/2016 - 07/2017\nMáster Universitario en Big Data y Ciencia de Datos\n"
        "Universidad Internacional de La Rioja (UNIR). Modalidad online.\n"
        "2004 - 2009\nLicenciatura en Economía\nUniversidad de Sevilla.\n"
        "Curso de SQL para análisis de datos (40 h). Escuela de Organización Industrial, 2015.\n"
        "Graduate, Australian Institute of Company Directors, 2017\n"
    )
    assert [(i["institution"], i["studyType"], i.get("area")) for i in items] == [
        ("Universidad Internacional de La Rioja", "Master", "Big Data y Ciencia de Datos"),
        ("Universidad de Sevilla", "Bachelor", "Economía"),
    ]
