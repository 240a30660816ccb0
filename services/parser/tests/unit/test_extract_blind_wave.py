"""Shapes the blind hand-labelled wave found: Portuguese "jan/2019" dates, quarter ranges, a
document title on the name's line, tab-separated work tables with a header row, and Portuguese
institutions after an "MBA em ..." subject."""

from __future__ import annotations

import time
from typing import Any

import pytest

from ats_backend.parser.extract._dates import find_dates, parse_date
from ats_backend.parser.extract._education import extract_education, is_institution, read_degree
from ats_backend.parser.extract._name import find_name
from ats_backend.parser.extract._sections import header_end, is_column_header
from ats_backend.parser.extract._text import Line, lines_from_text
from ats_backend.parser.extract._work import extract_work


def _ranges(text: str) -> list[tuple[str | None, str | None, bool]]:
    return [(found.start, found.end, found.current) for found in find_dates(text)]


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jan/2019", "2019-01"),
        ("dez/2018", "2018-12"),
        ("fev/2014", "2014-02"),
        ("mar/2015", "2015-03"),
        ("set/2020", "2020-09"),
        ("out/2021", "2021-10"),
        ("ene/2020", "2020-01"),
        ("Jan./2019", "2019-01"),
        ("dez./2018", "2018-12"),
        ("Q1 2019", "2019"),
        ("Q3-2022", "2022"),
        ("H2 2020", "2020"),
    ],
)
def test_slashed_month_names_and_quarters(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fev/2014 - fev/2015", [("2014-02", "2015-02", False)]),
        ("mar/2015 - dez/2018", [("2015-03", "2018-12", False)]),
        ("set/2020 \u2013 out/2021", [("2020-09", "2021-10", False)]),
        ("jan/2019 - atual", [("2019-01", None, True)]),
        ("jan/2019 até atualmente", [("2019-01", None, True)]),
        # A quarter names no month: the years only.
        ("Q1 2019 \u2013 Q3 2022", [("2019", "2022", False)]),
        ("Q4 2022 \u2013 Present", [("2022", None, True)]),
        ("dal 2018 al 2021", [("2018", "2021", False)]),
        ("10.2017 \u2013 05.2020", [("2017-10", "2020-05", False)]),
    ],
)
def test_portuguese_quarter_italian_and_polish_ranges(
    text: str, expected: list[tuple[str | None, str | None, bool]]
) -> None:
    assert _ranges(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Java/2020", [("2020", None, False)]),  # not a month
        ("AWS/2019", [("2019", None, False)]),
        ("Mar 12/2019", [("2019-12", None, False)]),  # "12/2019", not "March 2019"
        ("FAQ1 2019", [("2019", None, False)]),  # no quarter inside a word
    ],
)
def test_slashes_and_q_letters_that_are_not_months_or_quarters(
    text: str, expected: list[tuple[str | None, str | None, bool]]
) -> None:
    assert _ranges(text) == expected


@pytest.mark.parametrize("unit", ["jan/", "Q1 ", "Q1/", "dez./", "Q"])
def test_hostile_slashed_and_quarter_text_stays_linear(unit: str) -> None:
    text = (unit + "2019 ") * 2_000
    started = time.perf_counter()
    find_dates.cache_clear()
    find_dates(text)
    assert time.perf_counter() - started < 0.5


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Currículo Larissa Fernandes de Souza", "Larissa Fernandes de Souza"),
        ("Curriculum Vitae Jane Doe", "Jane Doe"),
        ("CURRICULUM VITAE JANE DOE", "Jane Doe"),
        ("Curriculum Vitae of Jane Doe", "Jane Doe"),
        ("CV: Jan Novák", "Jan Novák"),
        ("CV Jan Novák", "Jan Novák"),
        ("Résumé \u2013 Marie Curie", "Marie Curie"),
        ("Resume: John Smith", "John Smith"),
        ("Lebenslauf Johanna Brenner", "Johanna Brenner"),
        ("Hoja de vida Juan Pérez", "Juan Pérez"),
        ("Curriculum Giulia Marchetti", "Giulia Marchetti"),
        ("Cvetan Petrov", "Cvetan Petrov"),  # a name starting "Cv" keeps it
    ],
)
def test_a_document_title_before_the_name_is_dropped(text: str, name: str) -> None:
    lines = [
        Line(text, size=18, bold=True),
        Line("jane@example.com | +44 20 7946 0958", size=10),
        Line("Experience", size=12, bold=True),
        Line("Engineer, Acme Ltd, 2019 - 2021", size=10),
    ]
    assert find_name(lines, header_end(lines)) == (name, 0)


def test_a_title_alone_is_still_not_a_name() -> None:
    lines = [
        Line("Curriculum Vitae", size=22, bold=True),
        Line("Larissa Souza", size=16, bold=True),
        Line("Experience", size=12, bold=True),
    ]
    assert find_name(lines, header_end(lines)) == ("Larissa Souza", 1)


# --- work --------------------------------------------------------------------------------


def _brief(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (item.get("name"), item.get("position"), item.get("startDate"), item.get("endDate"))
        for item in items
    ]


@pytest.mark.parametrize(
    "text",
    ["Period | Company | Title", "Dates\tEmployer\tPosition", "Zeitraum  Firma  Position"],
)
def test_column_header_rows(text: str) -> None:
    assert is_column_header(text)


@pytest.mark.parametrize(
    "text", ["Period", "Acme Ltd | Engineer", "Company | Acme Ltd", "Title: Senior Engineer"]
)
def test_rows_that_are_not_column_headers(text: str) -> None:
    assert not is_column_header(text)


def test_tab_separated_work_table_with_a_header_row() -> None:
    text = (
        "Period\tCompany\tTitle\n"
        "Mar 2020 - Present\tStraits Marine Engineering Pte Ltd\tSenior Mechanical Engineer\n"
        "Jul 2016 - Feb 2020\tJurong Precision Works Pte Ltd\tMechanical Engineer\n"
        "Jan 2015 - Jun 2016\tLion City Building Services\tGraduate Engineer\n"
        "\n"
        "Highlights\n"
        "- Led the machinery-space design for four offshore support vessels.\n"
    )
    items = extract_work(lines_from_text(text))
    assert _brief(items) == [
        ("Straits Marine Engineering Pte Ltd", "Senior Mechanical Engineer", "2020-03", None),
        ("Jurong Precision Works Pte Ltd", "Mechanical Engineer", "2016-07", "2020-02"),
        ("Lion City Building Services", "Graduate Engineer", "2015-01", "2016-06"),
    ]
    assert all("location" not in item for item in items)  # "Highlights" is no place


def test_every_dated_table_row_is_an_entry() -> None:
    text = (
        "2021 - 2023 | Acme Ltd | Data Engineer\n"
        "2019 - 2021 | Globex GmbH | Data Analyst\n"
        "2017 - 2019 | Initech Inc | Junior Analyst\n"
    )
    assert _brief(extract_work(lines_from_text(text))) == [
        ("Acme Ltd", "Data Engineer", "2021", "2023"),
        ("Globex GmbH", "Data Analyst", "2019", "2021"),
        ("Initech Inc", "Junior Analyst", "2017", "2019"),
    ]


def test_portuguese_jobs_with_slashed_dates() -> None:
    text = (
        "Banco Paulista de Investimentos S.A. - Analista de Sistemas Sênior\n"
        "jan/2019 - atual\n"
        "- Responsável pelos serviços de conciliação de pagamentos.\n"
        "Tecnoponto Soluções em Software Ltda. - Desenvolvedora Java\n"
        "mar/2015 - dez/2018\n"
        "- Desenvolvimento de módulos de faturamento.\n"
    )
    assert [item[2:] for item in _brief(extract_work(lines_from_text(text)))] == [
        ("2019-01", None),
        ("2015-03", "2018-12"),
    ]


# --- education ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Fundação Getulio Vargas",
        "Fundación Universitaria del Norte",
        "Faculdade de Tecnologia de São Paulo",
        "Universidade Estadual de Campinas",
        "Universidad de Chile",
        "Instituto Tecnológico de Aeronáutica",
        "Escola Politécnica",
    ],
)
def test_portuguese_and_spanish_institution_cues(text: str) -> None:
    assert is_institution(text)


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("MBA em Gestão de Projetos", "Gestão de Projetos"),
        ("MBA in Finance", "Finance"),
        ("MBA en Dirección de Empresas", "Dirección de Empresas"),
        ("MBA", "Business Administration"),
        ("MBA, INSEAD", "Business Administration"),
    ],
)
def test_a_subject_after_an_mba(text: str, area: str) -> None:
    degree = read_degree(text)
    assert degree is not None
    assert degree[:2] == ("Master", area)


def test_em_subject_is_an_area_and_fundacao_the_institution() -> None:
    items = extract_education(
        lines_from_text(
            "MBA em Gestão de Projetos - Fundação Getulio Vargas (FGV), 2017 - 2018\n"
            "Bacharelado em Ciência da Computação - Universidade Estadual de Campinas, "
            "2011 - 2014\n"
        )
    )
    assert [(item["institution"], item.get("area"), item["studyType"]) for item in items] == [
        ("Fundação Getulio Vargas", "Gestão de Projetos", "Master"),
        ("Universidade Estadual de Campinas", "Ciência da Computação", "Bachelor"),
    ]


def test_a_lowercase_subject_phrase_is_never_the_fallback_institution() -> None:
    items = extract_education(lines_from_text("MBA - em Gestão de Projetos, 2017 - 2018"))
    assert all(item.get("institution") != "em Gestão de Projetos" for item in items)


def test_an_education_table_header_row_is_no_institution() -> None:
    items = extract_education(
        lines_from_text(
            "Period\tInstitution\tDegree\n"
            "2011 - 2015\tNational University of Singapore\tBachelor of Engineering\n"
            "2009 - 2010\tTemasek Polytechnic\tDiploma in Mechatronics\n"
        )
    )
    assert [(item["institution"], item["studyType"]) for item in items] == [
        ("National University of Singapore", "Bachelor"),
        ("Temasek Polytechnic", "Diploma"),
    ]
