"""From text lines to the JSON Resume sections: ``basics``, ``work``, ``education``,
``skills``, ``languages``, ``certificates``, ``projects``, and this step's ``x_ats`` keys.

    lines -> header end (known headings) -> name -> sections (known + typographic headings)
          -> basics (contacts, links, location, label, summary) from the header and summary
          -> work / education / languages / certificates / projects from their sections
          -> skills from the whole text; years of experience; section confidence
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from ._certificates import find_certificates
from ._confidence import section_confidence
from ._contacts import find_email, find_phone
from ._dates import parse_date
from ._education import extract_education, read_degree
from ._entries import paragraphs
from ._experience import work_periods, years_of_experience
from ._languages import find_languages, inline_languages
from ._links import find_links
from ._location import find_location, is_location_label
from ._name import find_name
from ._projects import extract_projects
from ._regions import region_hints
from ._sections import (
    HEADER_MAX_LINES,
    Section,
    header_end,
    is_contact_heading,
    split_sections,
)
from ._skills import find_skills
from ._summary import find_label, find_summary
from ._text import Line
from ._work import extract_work

__all__ = ["extract_profile"]

_HEADER_SLACK = 0.02  # a link annotation a little below the last header line is still header
_SETTLE_LINES = 12  # lines of an ambiguous section read to tell what it holds
_LABELLED_LINES = 3  # lines after a "LOCATION" label that may hold the (wrapped) place
_HEADER_SCAN_LINES = 40  # far more than any real header; bounds the headingless case


def _split_uris(
    uris: Sequence[Line], header: Sequence[Line]
) -> tuple[list[str], list[str], list[str], list[str]]:
    """``(header web links, body web links, mailto targets, tel targets)``."""
    bottom = max((line.top for line in header if line.page == 0), default=0.0) + _HEADER_SLACK
    head_web: list[str] = []
    body_web: list[str] = []
    mail: list[str] = []
    tel: list[str] = []
    for uri in uris:
        scheme = uri.text.split(":", 1)[0].lower()
        if scheme == "mailto":
            mail.append(uri.text)
        elif scheme == "tel":
            tel.append(uri.text)
        elif scheme in {"http", "https"}:
            in_header = uri.page == 0 and uri.top <= bottom
            (head_web if in_header else body_web).append(uri.text)
    return head_web, body_web, mail, tel


def _settle(section: Section) -> Section:
    """An ambiguous section ("Qualifications") holding degrees is the education section."""
    if not section.ambiguous or section.kind == "education":
        return section
    degrees = sum(read_degree(line.text) is not None for line in section.lines[:_SETTLE_LINES])
    if degrees and degrees * 4 >= min(len(section.lines), _SETTLE_LINES):
        return dataclasses.replace(section, kind="education")
    return section


def _body_of(sections: Sequence[Section], kind: str) -> list[Line]:
    """The body lines of every section of one kind, in order."""
    return [line for section in sections if section.kind == kind for line in section.lines]


def _basics(
    lines: Sequence[Line], uris: Sequence[Line], end: int
) -> tuple[dict[str, Any], int, list[str]]:
    """Name, email, phone, links: ``(basics, name line index or -1, line texts)``."""
    texts = [line.text for line in lines]
    header, body = texts[:end], texts[end:]
    head_web, body_web, mail, tel = _split_uris(uris, lines[:end])
    basics: dict[str, Any] = {}
    found_name = find_name(lines, end)
    name_index = -1
    if found_name is not None:
        basics["name"], name_index = found_name
    email = find_email([*texts, *mail])
    if email is not None:
        basics["email"] = email
    website, profiles = find_links([*header, *head_web], [*body, *body_web])
    domains = [email.rsplit("@", 1)[-1]] if email else []
    if website:
        domains.append(website.split("/")[2])
    phone = find_phone([*texts, *tel], region_hints(header, body, domains))
    if phone is not None:
        basics["phone"] = phone
    if website is not None:
        basics["url"] = website
    if profiles:
        basics["profiles"] = profiles
    return basics, name_index, texts


def extract_profile(
    lines: Sequence[Line],
    uris: Sequence[Line] = (),
    *,
    today: dt.date | None = None,
    document_date: str | None = None,
) -> dict[str, Any]:
    """The JSON Resume sections found in ``lines``: ``basics``, ``work``, ``education``,
    ``skills``, ``languages``, ``certificates``, ``projects``, plus ``x_ats`` (this step's part of
    the extension object: ``years_of_experience``, ``section_confidence``). Keys of ``basics``
    and of list items that were not found are left out; list sections are always present.

    ``uris`` are link-annotation targets (PDF only), placed like lines (page and top) so that
    links in the header count as the candidate's own. ``document_date`` (``"YYYY-MM"``, e.g. a
    PDF's creation date) is "now" for ongoing jobs; without it, ``today`` is (the current date
    unless given: the only impure default, kept at this edge so the extractors stay pure).
    """
    end = header_end(lines) or min(len(lines), HEADER_MAX_LINES)
    basics, name_index, texts = _basics(lines, uris, end)
    sections = [_settle(section) for section in split_sections(lines, name_index)]
    # A document without section headings is all "header": the contact block is still at
    # its top, and scanning every line of a long document for places and titles costs more
    # than the rest of the parse (and finds job locations, not the candidate's).
    header = list(sections[0].lines[:_HEADER_SCAN_LINES])

    contact = [
        line
        for section in sections
        if section.heading is not None and is_contact_heading(section.heading.text)
        for line in section.lines
    ]
    # A "LOCATION" / "Based in" label anywhere on page 1 (a sidebar) says where to look too.
    labelled = [
        following
        for index, line in enumerate(lines)
        if line.page == 0 and is_location_label(line.text)
        for following in lines[index + 1 : index + 1 + _LABELLED_LINES]
    ]
    # The name's line is skipped by identity: name_index counts in ``lines``, not in this list.
    name_line = lines[name_index] if 0 <= name_index < len(lines) else None
    location = find_location(
        line.text for line in [*header, *contact, *labelled] if line is not name_line
    )
    if location is not None:
        basics["location"] = location
    label = find_label(header, name_index, basics.get("name"))
    if label is not None:
        basics["label"] = label
    summary = find_summary(_body_of(sections, "summary"), header[name_index + 1 :])
    if summary is not None:
        basics["summary"] = summary

    work = extract_work(_body_of(sections, "work"))
    education = extract_education(_body_of(sections, "education"))
    languages = find_languages(paragraphs(_body_of(sections, "languages"), wraps=False))
    if not languages:
        languages = inline_languages(texts)
    certificates = find_certificates(paragraphs(_body_of(sections, "certificates")))
    projects = extract_projects(_body_of(sections, "projects"))

    skills = find_skills(text for index, text in enumerate(texts) if index != name_index)
    reference = parse_date(document_date) if document_date else None
    years = years_of_experience(work_periods(work), today or dt.date.today(), reference)
    confidence = section_confidence(
        (section.kind for section in sections),
        {
            "work": work,
            "education": education,
            "languages": languages,
            "certificates": certificates,
            "projects": projects,
        },
        summary is not None,
    )
    x_ats: dict[str, Any] = {"section_confidence": confidence}
    if years is not None:
        x_ats["years_of_experience"] = years
    return {
        "basics": basics,
        "work": work,
        "education": education,
        "skills": [{"name": skill, "keywords": []} for skill in skills],
        "languages": languages,
        "certificates": certificates,
        "projects": projects,
        "x_ats": x_ats,
    }
