"""Name shapes beyond "the biggest line at the top": labels, greetings, letters, spacing."""

from __future__ import annotations

import pytest

from ats_backend.parser.extract._name import find_name
from ats_backend.parser.extract._sections import header_end
from ats_backend.parser.extract._text import Line


def _find(lines: list[Line]) -> tuple[str, int] | None:
    return find_name(lines, header_end(lines))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Name | Johanna Brenner", "Johanna Brenner"),
        ("Name: Johanna Brenner", "Johanna Brenner"),
        ("Nombre: Lucía Fernández", "Lucía Fernández"),
        ("Nom : Élodie Marchand", "Élodie Marchand"),
        ("Full name | JOHANNA BRENNER | Stuttgart", "Johanna Brenner"),
    ],
)
def test_a_labelled_name_after_a_personal_data_heading(text: str, name: str) -> None:
    lines = [
        Line("Lebenslauf", size=22),
        Line("Persönliche Daten", size=12, bold=True),
        Line(text, size=10),
        Line("Telefon | 0711 2589 3471", size=10),
        Line("Berufserfahrung", size=12, bold=True),
        Line("Name | Schwabenwerk GmbH", size=10),
    ]
    assert _find(lines) == (name, 2)


def test_first_and_last_name_rows_are_joined() -> None:
    lines = [
        Line("Persönliche Daten"),
        Line("Nachname | Brenner"),
        Line("Vorname | Johanna"),
        Line("Geburtsdatum | 14.03.1990"),
    ]
    assert _find(lines) == ("Johanna Brenner", 1)
    german = [Line("Persönliche Daten"), Line("Name | Brenner"), Line("Vorname | Johanna")]
    assert _find(german) == ("Johanna Brenner", 1)


def test_a_name_line_in_a_personal_information_section() -> None:
    lines = [
        Line("Curriculum Vitae", size=10, bold=True),
        Line("PERSONAL INFORMATION", size=10, bold=True),
        Line("Katrine Aasen", size=16),
        Line("Address | Storgata 14, 0155 Oslo (Norway)", size=9),
    ]
    assert _find(lines) == ("Katrine Aasen", 2)


def test_a_referee_after_a_later_heading_is_not_the_name() -> None:
    lines = [Line("CV"), Line("Experience"), Line("References"), Line("Name: Ann Lee")]
    assert _find(lines) is None


def test_a_greeting_heading_with_an_emoji() -> None:
    lines = [
        Line("Home About Work Blog Contact", size=12),
        Line("Hi, I\u2019m Mei-Lin Chua \U0001f44b", size=24, bold=True),
        Line("Frontend engineer • design systems", size=12, bold=True),
        Line("About", size=18, bold=True),
    ]
    assert _find(lines) == ("Mei-Lin Chua", 1)
    assert _find([Line("Mei-Lin Chua \U0001f44b")]) == ("Mei-Lin Chua", 0)


def test_a_greeting_to_the_reader_is_not_the_name() -> None:
    assert _find([Line("Hi Sam,"), Line("I would like to apply for the role.")]) is None
    assert _find([Line("Dear Hiring Manager,")]) is None


def test_an_email_style_resume_names_its_writer() -> None:
    lines = [
        Line("Subject: Application - Warehouse Shift Supervisor"),
        Line("Hi Sam,"),
        Line("My name is Tomasz Wrona and I'd like to apply for the opening in Gdynia."),
        Line("You can reach me on +48 601 234 567."),
    ]
    assert _find(lines) == ("Tomasz Wrona", 2)


def test_a_signature_names_the_writer() -> None:
    lines = [
        Line("Hi Sam,"),
        Line("I'd like to apply for the shift supervisor opening."),
        Line("You can reach me at tomasz.wrona@example.net."),
        Line("Best regards,"),
        Line("Tomasz"),
    ]
    assert _find(lines) == ("Tomasz Wrona", 4)
    signed = [Line("Hello team,"), Line("Kind regards,"), Line("Anna Kowalska")]
    assert _find(signed) == ("Anna Kowalska", 2)


def test_letter_spaced_names_collapse() -> None:
    assert _find([Line("J O H N | D O E", size=20)]) == ("John Doe", 0)
    assert _find([Line("J O H N", size=20), Line("D O E", size=20)]) == ("John Doe", 0)


def test_a_name_split_over_two_lines() -> None:
    lines = [
        Line("MARIA", size=28, bold=True),
        Line("OLSEN", size=28, bold=True),
        Line("Product Designer", size=12),
    ]
    assert _find(lines) == ("Maria Olsen", 0)
    # Two single words in different styles are not one name.
    assert _find([Line("MARIA", size=28), Line("Olsen", size=10)]) is None


def test_a_name_found_after_the_header_does_not_cost_the_header_its_location() -> None:
    from ats_backend.parser.extract._profile import extract_profile
    from ats_backend.parser.extract._text import lines_from_text

    # The name's index in the document's lines (7) is the address's index in the list the
    # location is looked for in (header + personal details): skipping by position lost it.
    text = (
        "CURRICULUM VITAE\n"
        "Software Engineer\n"
        "johanna.brenner@example.de\n"
        "+49 711 1234567\n"
        "linkedin.com/in/jbrenner\n"
        "github.com/jbrenner\n"
        "Personal information\n"
        "Name | Johanna Brenner\n"
        "Address | Königstraße 12, 70173 Stuttgart, Germany\n"
        "Work experience\n"
        "Bosch GmbH | Software Engineer | 03.2019 - heute\n"
    )
    basics = extract_profile(lines_from_text(text))["basics"]
    assert basics["name"] == "Johanna Brenner"
    assert basics["location"]["city"] == "Stuttgart"


def test_a_name_inside_a_sentence_has_no_job_title_after_it() -> None:
    from ats_backend.parser.extract._profile import extract_profile
    from ats_backend.parser.extract._text import lines_from_text

    text = (
        "Subject: Application - Warehouse Shift Supervisor\n"
        "Hi Sam,\n"
        "My name is Tomasz Wrona and I'd like to apply for the shift supervisor opening.\n"
        "Since March 2021 I've been Shift Supervisor at Baltic Cold Storage in Gdansk.\n"
        "Best regards,\n"
        "Tomasz Wrona\n"
        "tomasz.wrona@example.pl\n"
    )
    basics = extract_profile(lines_from_text(text))["basics"]
    assert basics["name"] == "Tomasz Wrona"
    assert "label" not in basics, basics.get("label")
