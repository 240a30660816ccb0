"""From text lines to the JSON Resume ``basics`` and ``skills`` sections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._contacts import find_email, find_phone
from ._links import find_links
from ._name import find_name
from ._regions import region_hints
from ._sections import HEADER_MAX_LINES, header_end
from ._skills import find_skills
from ._text import Line

__all__ = ["extract_profile"]

_HEADER_SLACK = 0.02  # a link annotation a little below the last header line is still header


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


def extract_profile(lines: Sequence[Line], uris: Sequence[Line] = ()) -> dict[str, Any]:
    """The JSON Resume sections found in ``lines``: ``basics``, ``work``, ``education``,
    ``skills``, ``languages``, ``certificates``, ``projects``, plus ``x_ats`` (this step's part of
    the extension object: ``years_of_experience``, ``section_confidence``). Keys of ``basics``
    that were not found are left out; list sections are always present (maybe empty).

    ``uris`` are link-annotation targets (PDF only), placed like lines (page and top) so that
    links in the header count as the candidate's own.
    """
    texts = [line.text for line in lines]
    end = header_end(lines) or min(len(lines), HEADER_MAX_LINES)
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

    skills = find_skills(text for index, text in enumerate(texts) if index != name_index)
    return {
        "basics": basics,
        "work": [],
        "education": [],
        "skills": [{"name": skill, "keywords": []} for skill in skills],
        "languages": [],
        "certificates": [],
        "projects": [],
        "x_ats": {},
    }
