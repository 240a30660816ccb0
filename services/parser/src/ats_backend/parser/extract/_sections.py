"""Section headings of a resume ("Experience", "Education", "Skills"...).

The field extractors use them to find where the header (name and contact block) ends and to tell
a heading from a person's name. English, German, French, Spanish, Portuguese and Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._text import Line

__all__ = ["HEADER_MAX_LINES", "header_end", "is_section_heading"]

HEADER_MAX_LINES = 15
"""The header (name, title, contacts) is at most this many lines, even without any heading."""

_HEADINGS_TEXT = (
    "summary|professional summary|profile|professional profile|about|about me|objective|"
    "career objective|experience|work experience|professional experience|employment|"
    "employment history|work history|career history|relevant experience|experience summary|"
    "education|education and training|academic background|qualifications|skills|"
    "technical skills|key skills|core skills|core competencies|competencies|expertise|"
    "areas of expertise|technologies|tools|tech stack|projects|personal projects|"
    "selected projects|certifications|certificates|licenses|courses|training|languages|"
    "interests|hobbies|publications|awards|honors|honours|achievements|accomplishments|"
    "volunteering|volunteer experience|references|contact|contact information|contact details|"
    "personal details|personal information|leadership|activities|berufserfahrung|ausbildung|"
    "kenntnisse|fähigkeiten|sprachen|projekte|persönliche daten|profil|expérience|"
    "expérience professionnelle|formation|compétences|langues|experiencia|"
    "experiencia profesional|educación|formación|habilidades|idiomas|experiência|educação|"
    "competências|werkervaring|opleiding|vaardigheden|talen"
)
_HEADINGS = frozenset(_HEADINGS_TEXT.split("|"))
_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")


def is_section_heading(text: str) -> bool:
    """Whether a line is a section heading, in any case, with or without a trailing colon."""
    if len(text) > 40:
        return False
    key = _SPACES.sub(" ", _TRIM.sub("", text.lower())).replace(" & ", " and ").strip()
    # "Skills and Tools", "Education & Certifications": headings joined by "and".
    return key in _HEADINGS or all(part in _HEADINGS for part in key.split(" and "))


def header_end(lines: Sequence[Line]) -> int:
    """Index of the first line after the header: the first heading, capped at HEADER_MAX_LINES."""
    for index, line in enumerate(lines[:HEADER_MAX_LINES]):
        if line.page > 0 or is_section_heading(line.text):
            return index
    return min(len(lines), HEADER_MAX_LINES)
