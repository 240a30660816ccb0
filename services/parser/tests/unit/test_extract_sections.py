"""Section segmentation: headings by vocabulary (seven languages) and by typography."""

from __future__ import annotations

import pytest

from ats_backend.parser.extract._sections import (
    Section,
    heading_kind,
    is_contact_heading,
    is_section_heading,
    split_sections,
)
from ats_backend.parser.extract._text import Line, lines_from_text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Experience", "work"),
        ("WORK EXPERIENCE", "work"),
        ("Professional Experience:", "work"),
        ("Berufserfahrung", "work"),
        ("Beruflicher Werdegang", "work"),
        ("Expérience professionnelle", "work"),
        ("Experiencia laboral", "work"),
        ("Experiência profissional", "work"),
        ("Werkervaring", "work"),
        ("Esperienze lavorative", "work"),
        ("Education", "education"),
        ("Ausbildung", "education"),
        ("Formation", "education"),
        ("Educación", "education"),
        ("Formação acadêmica", "education"),
        ("Opleiding", "education"),
        ("Istruzione", "education"),
        ("Education & Training", "education"),
        ("Skills", "skills"),
        ("Kenntnisse", "skills"),
        ("Compétences", "skills"),
        ("Languages", "languages"),
        ("Sprachkenntnisse", "languages"),
        ("Idiomas", "languages"),
        ("Certifications", "certificates"),
        ("Licenses & Certifications", "certificates"),
        ("Projects", "projects"),
        ("Projekte", "projects"),
        ("Summary", "summary"),
        ("Profil", "summary"),
        ("About Me", "summary"),
        ("## Qualifications", "skills"),
        ("Publications", "other"),
        ("Contact", "other"),
    ],
)
def test_known_headings(text: str, kind: str) -> None:
    assert heading_kind(text) == kind
    assert is_section_heading(text)


@pytest.mark.parametrize(
    "text",
    [
        "tools.",  # the wrapped end of a sentence, not the "Tools" heading
        "Tools.",
        "Experience with Kubernetes and Go in production",
        "Jane Doe",
        "Senior Engineer",
        "",
    ],
)
def test_not_headings(text: str) -> None:
    assert heading_kind(text) is None


def test_contact_headings() -> None:
    assert is_contact_heading("GET IN TOUCH")
    assert is_contact_heading("Kontaktdaten")
    assert not is_contact_heading("Experience")


def _kinds(sections: list[Section]) -> list[tuple[str, str | None, int]]:
    return [
        (section.kind, section.heading.text if section.heading else None, len(section.lines))
        for section in sections
    ]


def test_plain_text_sections() -> None:
    lines = lines_from_text(
        "Jane Doe\njane@example.com\n\nSUMMARY\nBackend engineer.\n\nEXPERIENCE\n"
        "Acme Corp - Engineer (2019 - 2024)\nBuilt things.\n\nEDUCATION\n"
        "BSc Computer Science, MIT, 2015\n"
    )
    assert _kinds(split_sections(lines)) == [
        ("header", None, 2),
        ("summary", "SUMMARY", 1),
        ("work", "EXPERIENCE", 2),
        ("education", "EDUCATION", 1),
    ]


def _pdf(*rows: tuple[str, float, bool]) -> list[Line]:
    return [
        Line(text, size=size, bold=bold, top=0.05 + index * 0.02)
        for index, (text, size, bold) in enumerate(rows)
    ]


def test_typographic_heading_in_the_known_headings_style() -> None:
    lines = _pdf(
        ("Jane Doe", 22, True),
        ("EXPERIENCE", 12, True),
        ("Acme Corp - Engineer 2019 - 2024", 10, True),
        ("Built the payment platform in Go.", 10, False),
        ("FUN FACTS", 12, True),  # unknown words, but styled like EXPERIENCE
        ("Taught maths in Ghana.", 10, False),
    )
    kinds = _kinds(split_sections(lines, name_index=0))
    assert kinds == [
        ("header", None, 1),
        ("work", "EXPERIENCE", 2),
        ("other", "FUN FACTS", 1),
    ]
    assert split_sections(lines, name_index=0)[2].ambiguous


def test_typographic_heading_names_its_kind() -> None:
    lines = _pdf(
        ("Jane Doe", 22, True),
        ("Experience", 13, True),
        ("Engineer, Acme 2019 - 2024", 10, False),
        ("Academic Appointments", 13, True),
        ("2022 - Lecturer, University of Bristol", 10, False),
    )
    assert [section.kind for section in split_sections(lines, name_index=0)] == [
        "header",
        "work",
        "work",
    ]


def test_larger_line_without_known_headings() -> None:
    lines = _pdf(
        ("Jane Doe", 22, True),
        ("Engineer with ten years of experience.", 10, False),
        ("Employment", 16, False),
        ("Acme, Engineer, 2019 - 2024", 10, False),
    )
    assert [section.kind for section in split_sections(lines, name_index=0)] == [
        "header",
        "work",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "GOOGLE",  # a company in capitals: its dates follow
        "SENIOR ENGINEER",  # a job title
        "ACME GMBH",  # a legal form
        "PHONE: 555 0100",  # digits
        "A VERY LONG LINE IN CAPITALS THAT IS NO HEADING AT ALL",
    ],
)
def test_styled_lines_that_are_not_headings(text: str) -> None:
    lines = lines_from_text(f"Jane Doe\nSKILLS\nPython\n{text}\n2019 - 2021\nWork done there.\n")
    assert [section.heading.text for section in split_sections(lines)[1:] if section.heading] == [
        "SKILLS"
    ]


def test_the_name_is_never_a_heading() -> None:
    lines = _pdf(("JANE DOE", 22, True), ("EXPERIENCE", 12, True), ("Acme 2019", 10, False))
    sections = split_sections(lines, name_index=0)
    assert sections[0].lines == (lines[0],)


def test_contact_column_above_the_first_heading_is_header() -> None:
    # Two columns read one after the other: the right-hand contacts come after "About Me".
    lines = [
        Line("Jane Doe", size=22, bold=True, top=0.05),
        Line("About Me", size=12, bold=True, top=0.16),
        Line("Engineer who likes boring systems.", size=10, top=0.18),
        Line("Berlin, Germany", size=9, top=0.06),
        Line("jane@example.com", size=9, top=0.08),
    ]
    header, about = split_sections(lines, name_index=0)
    assert [line.text for line in header.lines] == [
        "Jane Doe",
        "Berlin, Germany",
        "jane@example.com",
    ]
    assert [line.text for line in about.lines] == ["Engineer who likes boring systems."]


def test_label_column_entries_join_their_heading() -> None:
    # Headings and dates in a narrow left column, the entries in the right one.
    lines = [
        Line("Jane Doe", size=20, bold=True, top=0.05),
        Line("EXPERIENCE", size=8, top=0.20),
        Line("2021 - now", size=9.5, top=0.23),
        Line("2017 - 2021", size=9.5, top=0.30),
        Line("EDUCATION", size=8, top=0.41),
        Line("2011 - 2015", size=9.5, top=0.44),
        Line("Art Director, Estudio Pampa", size=9.5, bold=True, top=0.23),
        Line("Designer, Tinta Roja", size=9.5, bold=True, top=0.30),
        Line("BA Graphic Design, Universidad de Córdoba", size=9.5, bold=True, top=0.44),
    ]
    _, work, education = split_sections(lines, name_index=0)
    assert [line.text for line in work.lines] == [
        "2021 - now",
        "Art Director, Estudio Pampa",
        "2017 - 2021",
        "Designer, Tinta Roja",
    ]
    assert [line.text for line in education.lines] == [
        "2011 - 2015",
        "BA Graphic Design, Universidad de Córdoba",
    ]


def test_no_headings_at_all_is_all_header() -> None:
    lines = lines_from_text("Jane Doe\nSome notes\nnothing else")
    assert _kinds(split_sections(lines)) == [("header", None, 3)]


def test_letter_spaced_headings() -> None:
    assert heading_kind("E X P E R I E N C E") == "work"
    assert heading_kind("W O R K E X P E R I E N C E") == "work"
    assert heading_kind("J A N E") is None


def test_heading_in_the_first_cell_of_a_row() -> None:
    lines = lines_from_text("Jane Doe\nSKILLS\tPython, Go\nLANGUAGES\tSpanish (native)\n")
    assert _kinds(split_sections(lines, name_index=0)) == [
        ("header", None, 1),
        ("skills", "SKILLS", 1),
        ("languages", "LANGUAGES", 1),
    ]
