"""Work experience: entries of the work section -> JSON Resume ``work`` items.

Each entry's head rows are cut into segments at separators ("|", " - ", " @ ", " at ",
parentheses, commas); dates, places and employment types ("Full-time") are recognised and set
aside; of what is left, the segment that reads most like a job title is the ``position`` and
the one that reads most like an organisation the ``name`` (on a tie, one on a row of its own).
When the words do not tell (two unknown names), the order does, learned from this document's
other entries: resumes keep one layout throughout, title first or company first.

Several roles at one employer are often written under it: a company line with the whole
tenure, then each role with its dates. The company line is then no entry of its own; its name
goes to the roles under it ("Vice President, Supply Chain" stays one title there).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ._entries import Entry, split_entries
from ._location import parse_location
from ._roles import company_score, ends_with_legal_form, is_employment_type, title_score
from ._rows import Row, cap_ratio, strip_dates
from ._sections import is_column_header
from ._text import Line

__all__ = ["extract_work", "work_items"]

_SEPARATORS = re.compile(r"\s[|]\s|\s*[•·]\s*|\s-\s|\s@\s|\s*[()\[\]]\s*|\s{2,}|;\s|\t")
_AT = re.compile(r"\s(?:at|bei|chez|presso)\s")
# "Ingeniero en Telefónica", "Engenheiro na Petrobras": the same, but these words also join
# a title's own parts ("Ingeniero en Sistemas"), so they only split before an organisation.
_AT_MAYBE = re.compile(r"\s(?:en|em|na|no|bij)\s")
_COMMA = re.compile(r",\s+")
_STRIP = " ,;:|-\u2013\u2014()[]"
_MAX_BODY_COMPANY_WORDS = 8
_MAX_PLACE_WORDS = 3
_REMOTE = frozenset({"remote", "hybrid", "remote-first", "fully remote", "télétravail"})
# An entry's sub-heading over its bullets ("Highlights"): neither title, company nor place.
_SUBHEADINGS = frozenset(
    {
        "highlights",
        "key highlights",
        "achievements",
        "key achievements",
        "accomplishments",
        "responsibilities",
        "key responsibilities",
        "duties",
        "tasks",
        "aufgaben",
        "erfolge",
        "réalisations",
        "missions",
        "logros",
        "responsabilidades",
        "funciones",
        "realizações",
        "atividades",
        "taken",
        "verantwoordelijkheden",
        "responsabilità",
        "risultati",
    }
)
_LEGAL_TAIL = re.compile(
    r"^(?:inc|ltd|llc|llp|plc|gmbh|ag|s\.?a|s\.?l|b\.?v|n\.?v|co|corp|limited)\.?$", re.I
)


@dataclass(slots=True)
class _Head:
    """What an entry's head says, before title and company are told apart."""

    segments: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the head row each segment is on
    groups: list[int] = field(default_factory=list)  # segments cut from one by commas share
    location: str | None = None
    pair: tuple[str, str] | None = None  # ("Title", "Company") from "Title at Company"
    texts: list[str] = field(default_factory=list)  # each group's text before the commas


@dataclass(slots=True)
class _Reading:
    """One entry read: who, what, and whether the two came out of one comma-cut segment."""

    position: str | None
    company: str | None
    one_segment: bool = False  # "Vice President, Supply Chain": maybe one title after all
    whole: str | None = None  # that segment, uncut


def _comma_parts(segment: str) -> list[str]:
    """Comma-separated parts: "Senior Engineer, Acme" is two, "Acme, Inc." one."""
    parts: list[str] = []
    for part in _COMMA.split(segment):
        if parts and _LEGAL_TAIL.match(part.strip(" .")):
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
    return parts


def _peel_location(segment: str) -> tuple[str, str | None]:
    """``("Acme", "Berlin, Germany")`` from "Acme, Berlin, Germany"; after a legal form any
    short capitalised tail is the place ("Bodensee Hydraulik AG, Friedrichshafen")."""
    parts = _comma_parts(segment)
    for size in (3, 2, 1):
        if len(parts) > size:
            tail = ", ".join(parts[-size:])
            if parse_location(tail):
                return ", ".join(parts[:-size]), tail
    if len(parts) == 2 and ends_with_legal_form(parts[0]) and _place_like(parts[1]):
        return parts[0], parts[1].strip()
    return segment, None


def _place_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= _MAX_PLACE_WORDS
        and cap_ratio(text) == 1.0
        and title_score(text) == 0
        and company_score(text) == 0
        and not any(ch.isdigit() for ch in text)
    )


def _clean(text: str) -> str:
    """Trimmed of separators, and of a final full stop unless it ends "Inc." or "S.A."."""
    text = text.strip(_STRIP)
    if text.endswith(".") and not ends_with_legal_form(text):
        text = text.rstrip(".").rstrip(_STRIP)
    return text


def _title_at(segment: str) -> tuple[str, str] | None:
    """``(title, company)`` of "Title at Company" ("Ingeniero en Telefónica S.A.")."""
    at = _AT.search(segment)
    if at is None:
        maybe = _AT_MAYBE.search(segment)
        right = segment[maybe.end() :].split(",", 1)[0] if maybe else ""
        if maybe is None or not (company_score(right) > 0 or ends_with_legal_form(right)):
            return None
        at = maybe
    title, company = _clean(segment[: at.start()]), _clean(segment[at.end() :])
    return (title, company) if title and company and title_score(title) > 0 else None


def _read_head(entry: Entry) -> _Head:
    head = _Head()
    for number, row in enumerate(entry.head):
        for raw in _SEPARATORS.split(strip_dates(row)):
            segment = _clean(raw)
            if not segment or not any(ch.isalpha() for ch in segment):
                continue
            if segment[0].islower():
                continue  # "(stage de fin d'études)", "(bijbaan)", "to": no name, no title
            if segment.lower() in _SUBHEADINGS:
                continue
            if segment.lower() in _REMOTE:
                head.location = head.location or segment
                continue
            if is_employment_type(segment):
                continue
            if parse_location(segment):
                head.location = head.location or segment
                continue
            pair = _title_at(segment) if head.pair is None else None
            if pair is not None:
                company, place = _peel_location(pair[1])
                if company:
                    head.pair = (pair[0], _clean(company))
                    head.location = head.location or place
                    continue
            segment, place = _peel_location(segment)
            head.location = head.location or place
            # "Senior Engineer, Acme Corp": commas separate fields too ("Acme, Inc." stays).
            group = len(head.texts)
            head.texts.append(segment)
            for part in map(_clean, _comma_parts(segment)):
                if part and not part[0].islower():
                    head.segments.append(part)
                    head.rows.append(number)
                    head.groups.append(group)
    return head


def _lean(segment: str) -> int:
    """> 0 if ``segment`` reads as a job title, < 0 if as an organisation."""
    return title_score(segment) - company_score(segment)


def _resolve(head: _Head, title_first: bool) -> _Reading:
    """Position and company of one entry; a place-like segment left over becomes the entry's
    location when it has none ("Title, Company • Fukuoka")."""
    if head.pair is not None:
        return _Reading(*head.pair)
    segments = head.segments
    if not segments:
        return _Reading(None, None)
    if len(segments) == 1:
        lean = _lean(segments[0])
        return _Reading(segments[0], None) if lean > 0 else _Reading(None, segments[0])
    leans = [_lean(segment) for segment in segments]
    position = max(range(len(segments)), key=lambda index: (leans[index], -index))
    row = head.rows[position]
    company = min(
        (index for index in range(len(segments)) if index != position),
        # An organisation word first; then one on a row of its own ("Registered Nurse, Cardiac
        # Unit" over "Bayou City Medical Center"); then the first.
        key=lambda index: (leans[index], head.rows[index] == row, index),
    )
    if leans[position] == leans[company]:  # the words do not tell: the layout does
        first, second = sorted((position, company))
        position, company = (first, second) if title_first else (second, first)
    if head.location is None:
        head.location = next(
            (
                segment
                for index, segment in enumerate(segments)
                if index not in {position, company} and _place_like(segment)
            ),
            None,
        )
    group = head.groups[position]
    one = group == head.groups[company] and company_score(segments[company]) == 0
    return _Reading(segments[position], segments[company], one, head.texts[group])


def _company_in_body(entry: Entry) -> str | None:
    """An employer named on a line of its own among the bullets: an organisation (legal form
    or org word) in a short capitalised line, maybe with its place ("Acme AS, Bergen")."""
    for text in entry.body:
        if len(text.split()) > _MAX_BODY_COMPANY_WORDS or text.endswith("."):
            continue
        name, _ = _peel_location(_clean(text))
        if name and company_score(name) > 0 and title_score(name) == 0 and cap_ratio(name) >= 0.6:
            return name
    return None


def _orientation(heads: Sequence[_Head]) -> bool:
    """Whether this document writes the title before the company (the default)."""
    votes = 0
    for head in heads:
        if len(head.segments) >= 2:
            first, second = _lean(head.segments[0]), _lean(head.segments[1])
            votes += (first > second) - (first < second)
    return votes >= 0


def _item(position: str | None, company: str | None, head: _Head, entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if company:
        item["name"] = company
    if position:
        item["position"] = position
    if head.location:
        item["location"] = head.location
    dates = entry.dates
    if dates is not None and dates.start:
        item["startDate"] = dates.start
        if dates.end:
            item["endDate"] = dates.end
        elif dates.single:
            item["endDate"] = dates.start
    if entry.body:
        item["highlights"] = list(entry.body)
    return item


def _is_full_row(row: Row) -> bool:
    """A dated row that also names two things ("Mar 2020 - Present | Acme Ltd | Engineer"):
    a whole job on one row, as in a table or a tab-separated plain-text resume."""
    if not row.dates:
        return False
    cells = [cell for cell in _SEPARATORS.split(strip_dates(row)) if any(c.isalpha() for c in cell)]
    return len(cells) >= 2


def _split_rows(entries: Sequence[Entry]) -> list[Entry]:
    """Entries without a table's header row ("Period | Company | Title"), and with an entry
    whose head holds several whole dated rows (one job each) cut into one entry per row."""
    split: list[Entry] = []
    for entry in entries:
        head = [row for row in entry.head if not is_column_header(row.text)]
        if not head:
            continue
        starts = [index for index, row in enumerate(head) if _is_full_row(row)]
        if len(starts) < 2:
            split.append(Entry(head, entry.body) if len(head) < len(entry.head) else entry)
            continue
        starts[0] = 0  # rows before the first whole row belong to it
        bounds = [*starts, len(head)]
        for number, (begin, stop) in enumerate(itertools.pairwise(bounds)):
            last = number == len(starts) - 1
            split.append(Entry(head[begin:stop], list(entry.body) if last else []))
    return split


def work_items(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """JSON Resume ``work`` items of some entries (entries naming nothing are dropped)."""
    entries = _split_rows(entries)
    heads = [_read_head(entry) for entry in entries]
    title_first = _orientation(heads)
    items: list[dict[str, Any]] = []
    employer: dict[str, Any] | None = None  # a company line the roles below belong to
    roles_under = 0
    previous_company: str | None = None
    for entry, head in zip(entries, heads, strict=True):
        reading = _resolve(head, title_first)
        position, company = reading.position, reading.company
        if employer is not None and position and (company is None or reading.one_segment):
            # A role under the employer's line: "Vice President, Supply Chain" is one title.
            position = reading.whole if company else position
            company = employer["name"]
            roles_under += 1
        elif company is None and position:
            company = _company_in_body(entry)  # Europass: the employer after the activities
            if company is None and previous_company and len(head.segments) == 1:
                company = previous_company  # a second role at the same company
        if position is None and company is None:
            continue
        item = _item(position, company, head, entry)
        if employer is not None and roles_under and "startDate" not in item:
            for key in ("startDate", "endDate"):  # a role without dates: the employer's
                if key in employer:
                    item[key] = employer[key]
        if position is None:
            if employer is not None and roles_under:
                items.remove(employer)  # its roles stand for it
            employer, roles_under = item, 0
        elif company != (employer or {}).get("name"):
            if employer is not None and roles_under:
                items.remove(employer)
            employer, roles_under = None, 0
        items.append(item)
        previous_company = company
    if employer is not None and roles_under:
        items.remove(employer)
    # Neither dated nor whole (a stray heading, a "Specialty" list): no entry.
    return [
        item for item in items if "startDate" in item or ("name" in item and "position" in item)
    ]


def extract_work(lines: Sequence[Line]) -> list[dict[str, Any]]:
    """JSON Resume ``work`` items from the body lines of a work section."""
    return work_items(split_entries(lines))
