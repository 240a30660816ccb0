"""Work entries in the shapes resumes use: company/title told apart, dates, places, bullets."""

from __future__ import annotations

from typing import Any

import pytest

from ats_backend.parser.extract._entries import split_entries
from ats_backend.parser.extract._roles import company_score, is_employment_type, title_score
from ats_backend.parser.extract._text import Line, lines_from_text
from ats_backend.parser.extract._work import extract_work


def _work(text: str) -> list[dict[str, Any]]:
    return extract_work(lines_from_text(text))


def _brief(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (item.get("name"), item.get("position"), item.get("startDate"), item.get("endDate"))
        for item in items
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Senior Engineer, Acme Corp \u2014 Jan 2020 \u2013 Present\nBuilt the API.",
            [("Acme Corp", "Senior Engineer", "2020-01", None)],
        ),
        (
            "Acme Corp | Berlin, Germany\nSenior Engineer  2019 - 2021\nBuilt the API.",
            [("Acme Corp", "Senior Engineer", "2019", "2021")],
        ),
        (
            "Senior Engineer at Acme GmbH\n03.2019 - heute\nBuilt the API.",
            [("Acme GmbH", "Senior Engineer", "2019-03", None)],
        ),
        (
            "2019 \u2013 2021 | Acme Corp | Engineer\n2017 \u2013 2019 | Beta Ltd | Intern",
            [("Acme Corp", "Engineer", "2019", "2021"), ("Beta Ltd", "Intern", "2017", "2019")],
        ),
        (
            "Data Analyst - Northwind Traders (Jun 2018 - Aug 2020)\nBuilt dashboards.",
            [("Northwind Traders", "Data Analyst", "2018-06", "2020-08")],
        ),
        (
            # Company first, title second, dates on their own line.
            "Contoso Ltd\nProduct Manager\nJanuary 2015 - March 2017\nLaunched the app.",
            [("Contoso Ltd", "Product Manager", "2015-01", "2017-03")],
        ),
        (
            # Dates first, then title and company, no bullets between entries.
            "2021 - present\nLead Developer\nFabrikam Inc.\n2018 - 2021\nDeveloper\nTailspin LLC",
            [
                ("Fabrikam Inc.", "Lead Developer", "2021", None),
                ("Tailspin LLC", "Developer", "2018", "2021"),
            ],
        ),
        (
            # German: title words as compounds, legal form, "bis heute".
            "Softwareentwicklerin, Schwabenwerk GmbH\n04/2019 bis heute\nBaute Dienste.",
            [("Schwabenwerk GmbH", "Softwareentwicklerin", "2019-04", None)],
        ),
        (
            "Ingeniero de Software en Telefónica S.A.\nenero 2018 - actualidad",
            [("Telefónica S.A.", "Ingeniero de Software", "2018-01", None)],
        ),
        (
            "Engenheiro de Dados na Petrobras S.A. | mar\u00e7o 2016 - atual",
            [("Petrobras S.A.", "Engenheiro de Dados", "2016-03", None)],
        ),
    ],
)
def test_entry_shapes(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _brief(_work(text)) == expected


def test_highlights_and_location() -> None:
    items = _work(
        "Senior Engineer, Acme Corp, Berlin, Germany (2019 - 2021)\n"
        "Built the payment platform in Go.\n"
        "Led a team of four engineers.\n"
        "Engineer, Beta Labs, Austin, TX (2016 - 2019)\n"
        "Maintained the billing system.\n"
    )
    assert items == [
        {
            "name": "Acme Corp",
            "position": "Senior Engineer",
            "location": "Berlin, Germany",
            "startDate": "2019",
            "endDate": "2021",
            "highlights": ["Built the payment platform in Go.", "Led a team of four engineers."],
        },
        {
            "name": "Beta Labs",
            "position": "Engineer",
            "location": "Austin, TX",
            "startDate": "2016",
            "endDate": "2019",
            "highlights": ["Maintained the billing system."],
        },
    ]


def test_title_case_bullets_are_not_entries() -> None:
    items = _work(
        "Engineer, Acme Corp (2019 - 2021)\n"
        "Led Kubernetes Migration\n"
        "Built the payment platform in Go.\n"
    )
    assert len(items) == 1
    assert items[0]["highlights"] == [
        "Led Kubernetes Migration",
        "Built the payment platform in Go.",
    ]


def test_a_sentence_about_a_year_is_a_bullet() -> None:
    items = _work("Engineer, Acme Corp (2019 - 2023)\nPromoted to team lead in 2021.\n")
    assert len(items) == 1 and items[0]["highlights"] == ["Promoted to team lead in 2021."]


def test_second_role_at_the_same_company() -> None:
    items = _work(
        "Acme Corp\nSenior Engineer  2021 - Present\nLed the team.\nEngineer  2018 - 2021\n"
        "Built the API.\n"
    )
    assert _brief(items) == [
        ("Acme Corp", "Senior Engineer", "2021", None),
        ("Acme Corp", "Engineer", "2018", "2021"),
    ]


def test_layout_order_decides_when_words_do_not() -> None:
    # "Northwind" and "Contoso" say nothing; the first entry shows titles come first.
    items = _work(
        "Data Engineer | Fabrikam Inc | 2020 - 2022\nWrote pipelines.\n"
        "Platform Lead | Northwind | 2018 - 2020\nRan the platform.\n"
    )
    assert _brief(items)[1] == ("Northwind", "Platform Lead", "2018", "2020")


def test_pdf_wrapped_bullets_are_joined() -> None:
    lines = [
        Line("Senior Engineer, Acme Corp | 2019 - 2021", size=10, bold=True, top=0.20),
        Line("Built the payment platform in Go and Python, handling", size=10, top=0.22),
        Line("twenty million events a day.", size=10, top=0.24),
        Line("Mentored four engineers and ran the design reviews.", size=10, top=0.26),
    ]
    (item,) = extract_work(lines)
    assert item["highlights"] == [
        "Built the payment platform in Go and Python, handling twenty million events a day.",
        "Mentored four engineers and ran the design reviews.",
    ]


def test_date_cell_wrapped_in_a_table() -> None:
    lines = [
        Line("2022 - | Mobile Engineer", size=10, bold=True, top=0.25),
        Line("2025 | Southridge Video Inc. - Seattle", size=10, top=0.27),
        Line("Shipped the offline mode.", size=10, top=0.29),
    ]
    assert _brief(extract_work(lines)) == [
        ("Southridge Video Inc.", "Mobile Engineer", "2022", "2025")
    ]


def test_title_line_wrapped_before_its_end_date() -> None:
    lines = [
        Line("Operations Manager, Meridian Mobility - Hyderabad (Jul 2015-Nov", 9.5, True, 0, 0.6),
        Line("2018)", 9.5, False, 0, 0.62),
        Line("Cut processing time by 48% after rebuilding the close.", 9.5, False, 0, 0.64),
    ]
    assert _brief(extract_work(lines)) == [
        ("Meridian Mobility", "Operations Manager", "2015-07", "2018-11")
    ]


def test_europass_employer_after_the_activities() -> None:
    lines = lines_from_text(
        "Dates\t01/03/2019 - present\n"
        "Occupation or position held\tSenior Process Engineer\n"
        "Main activities and responsibilities\tProcess design for feed lines\n"
        "Name and address of employer\tNordkapp Aqua AS, Bergen (Norway)\n"
        "Dates\t15/08/2014 - 28/02/2019\n"
        "Occupation or position held\tProcess Engineer\n"
        "Main activities and responsibilities\tCommissioning of a new plant\n"
        "Name and address of employer\tHafslund Kjemi ASA, Sarpsborg (Norway)\n"
    )
    assert _brief(extract_work(lines)) == [
        ("Nordkapp Aqua AS", "Senior Process Engineer", "2019-03", None),
        ("Hafslund Kjemi ASA", "Process Engineer", "2014-08", "2019-02"),
    ]


def test_employment_type_and_remote_are_not_names() -> None:
    (item,) = _work("Backend Engineer | Acme Corp | Full-time | Remote | 2020 - 2022")
    assert (item["name"], item["position"], item["location"]) == (
        "Acme Corp",
        "Backend Engineer",
        "Remote",
    )


def test_nothing_named_is_no_entry() -> None:
    assert _work("Built things.\nMore things.") == []
    assert extract_work([]) == []


def test_entries_keep_their_head_and_body() -> None:
    entries = split_entries(lines_from_text("Engineer, Acme (2019 - 2020)\nDid work.\n"))
    assert [row.text for row in entries[0].head] == ["Engineer, Acme (2019 - 2020)"]
    assert entries[0].body == ["Did work."]


@pytest.mark.parametrize(
    ("text", "title", "company"),
    [
        ("Senior Software Engineer", 2, 0),
        ("Contoso Software Ltd", 0, 3),
        ("Softwareentwicklerin", 1, 0),
        ("Head of Data", 2, 0),
        ("Acme GmbH", 0, 3),
        ("Acme, Inc.", 0, 3),
        ("Nordkapp Aqua AS", 0, 3),
        ("Fabrikam Bank", 0, 1),
        ("Universidad Politécnica de Madrid", 0, 1),
    ],
)
def test_role_scores(text: str, title: int, company: int) -> None:
    assert title_score(text) == title
    assert company_score(text) == company


def test_employment_types() -> None:
    assert is_employment_type("Full-time")
    assert is_employment_type("(Freelance)")
    assert not is_employment_type("Freelance Designer")


def test_roles_listed_under_their_employer() -> None:
    lines = [
        Line("SOUTHERN CROSS FOODS LIMITED, Melbourne VIC | 2015 - Present", 10, True, 0, 0.10),
        Line("Listed manufacturer of dairy and bakery products.", 10, False, 0, 0.12),
        Line("Chief Operating Officer | 2021 - Present", 10, True, 0, 0.14),
        Line("Report to the CEO; accountable for manufacturing.", 10, False, 0, 0.16),
        Line("Vice President, Supply Chain | 2018 - 2021", 10, True, 0, 0.18),
        Line("Built the national planning function.", 10, False, 0, 0.20),
        Line("Bayside Packaging Ltd, Auckland | 1998 - 2001", 10, True, 0, 0.22),
        Line("Graduate Process Engineer", 10, True, 0, 0.24),
        Line("Ran the night shift.", 10, False, 0, 0.26),
    ]
    assert _brief(extract_work(lines)) == [
        ("SOUTHERN CROSS FOODS LIMITED", "Chief Operating Officer", "2021", None),
        ("SOUTHERN CROSS FOODS LIMITED", "Vice President, Supply Chain", "2018", "2021"),
        ("Bayside Packaging Ltd", "Graduate Process Engineer", "1998", "2001"),
    ]


def test_date_gutter_with_the_title_beside_it() -> None:
    lines = [
        Line("September 2020 to", 10, False, 0, 0.20),
        Line("Supply Chain Planning Manager", 10, True, 0, 0.20),
        Line("present", 10, False, 0, 0.215),
        Line("Glasnevin Medical Devices Ltd, Dublin", 10, False, 0, 0.23),
        Line("Lead a team of six planners across two plants.", 10, False, 0, 0.25),
    ]
    assert _brief(extract_work(lines)) == [
        ("Glasnevin Medical Devices Ltd", "Supply Chain Planning Manager", "2020-09", None)
    ]


def test_french_dates_on_their_own_line_and_asides_in_parentheses() -> None:
    lines = [
        Line("janv. 2020 - aujourd'hui", 10, False, 0, 0.20),
        Line("Responsable marketing digital - Maison Berthier SAS, Lyon", 10, True, 0, 0.22),
        Line(
            "Pilotage de la stratégie d'acquisition sur Google Ads et les réseaux",
            10,
            False,
            0,
            0.24,
        ),
        Line("sept. 2016 - déc. 2019", 10, False, 0, 0.26),
        Line("Chargée de communication (stage) - Groupe Rhône Mutuelle", 10, True, 0, 0.28),
        Line("Création des supports print et web", 10, False, 0, 0.30),
    ]
    assert _brief(extract_work(lines)) == [
        ("Maison Berthier SAS", "Responsable marketing digital", "2020-01", None),
        ("Groupe Rhône Mutuelle", "Chargée de communication", "2016-09", "2019-12"),
    ]
