"""Education: the education section's rows -> JSON Resume ``education`` items.

Each row is read for the fields it holds: a degree (normalised ``studyType``: Associate,
Bachelor, Master, PhD, Diploma, High School; the ``area`` written after it), an institution
(a segment with "University", "Hochschule", "École"...), dates, and a score ("GPA 3.8/4.0",
"First-class honours", "Note 1,3"). Rows are grouped into entries by filling: a row that brings
an institution, a degree or dates the current entry already has starts the next entry, so
"degree / school / dates", "school, dates / degree" and "all on one line" layouts all work.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from ._dates import find_dates
from ._location import parse_location
from ._rows import Row, cap_ratio, make_rows, strip_dates
from ._sections import is_column_header
from ._text import CELL_SEPARATOR, Line

__all__ = ["extract_education", "is_institution", "read_degree"]

# studyType -> (words, matched in lowercased text; abbreviations, matched case-sensitively).
# Two patterns rather than inline (?i:) groups: case-insensitive matching of non-ASCII text is
# an order of magnitude slower in ``re``, and "MS"/"BA" must stay capitals to be degrees.
_DEGREES: tuple[tuple[str, str, str], ...] = (
    (
        "PhD",
        r"doctor of philosophy|doctorate|doktorat|promotion|doctorat|doctorado|doutorado|"
        r"dottorato(?: di ricerca)?",
        r"Ph\.?\s?D\.?|D\.?Phil\.?|Dr\.\s?(?:rer|phil|ing|med)\.",
    ),
    (
        "Master",
        r"master(?:'?s)?(?:\s(?:of|in)\s(?:science|arts|engineering|business administration|"
        r"technology|laws|fine arts|philosophy|public health|education|computer applications|"
        r"applied science))?(?:\sdegree)?|máster|mestrado|maestría|laurea magistrale|"
        r"laurea specialistica|magister",
        r"M\.\s?Sc\.?|MSc|M\.\s?S\.|(?<!,\s)MS|M\.\s?A\.|(?<!,\s)MA|M\.?B\.?A\.?|M\.\s?Eng\.?|MEng|"
        r"M\.\s?Tech\.?|MTech|M\.\s?E\.|MCA|LL\.?M\.?|M\.?Phil\.?",
    ),
    (
        "Bachelor",
        r"bachelor(?:'?s)?(?:\s(?:of|in)\s(?:science|arts|engineering|technology|"
        r"business administration|commerce|laws|fine arts|applied science|education|"
        r"computer applications))?(?:\sdegree)?|licenciatura|licence|grado|laurea triennale|"
        r"bacharelado|bakkalaureus",
        r"B\.\s?Sc\.?|BSc|B\.\s?S\.|(?<!,\s)BS|B\.\s?A\.|(?<!,\s)BA|B\.\s?Eng\.?|BEng|B\.\s?Tech\.?|"
        r"BTech|B\.\s?E\.|(?<!,\s)BE|BBA|B\.?Com\.?|BCA|LL\.?B\.?",
    ),
    (
        "Associate",
        r"associate(?:'?s)?\s(?:of|in|degree)(?:\s(?:science|arts|applied science))?",
        r"A\.\s?A\.\s?S\.|A\.\s?A\.|A\.\s?S\.|AAS",
    ),
    (
        "Diploma",
        r"diploma|diplom|diplôme|higher national diploma|staatsexamen",
        r"Dipl\.-?\s?\w{2,6}\.?|HND",
    ),
    (
        "High School",
        r"high school(?: diploma)?|abitur|allgemeine hochschulreife|baccalauréat|bachillerato|"
        r"maturità|matura|a[- ]levels?|gcses?|secondary school|higher secondary|"
        r"senior secondary|ensino médio|(?:senior )?school certificate|sixth form|o[- ]levels?|"
        r"matric|class (?:xii|x|12|10)|(?:12|10)th (?:standard|grade)|pre-university",
        r"HSC|SSC|VWO|HAVO",
    ),
)
# The part of "Bachelor of Science" that says nothing about the subject.
_GENERIC = frozenset(
    {"science", "arts", "engineering", "technology", "applied science", "fine arts", "philosophy"}
)
_INSTITUTION_WORDS = re.compile(
    r"univers(?!itari)|hochschule|college|institut|istituto|school|schule|polytechn|polit[eé]cni|"
    r"academy|akademie|academia|acad[ée]mie|[ée]cole|escuela|escola|scuola|lyc[ée]e|gymnasium|"
    r"conservato|faculty|fakult|facultad|faculdade|campus|seminary|col[eé]gio|colegio|"
    r"coll[eè]ge|liceo|funda[cç][aã]o|fundaci[oó]n|"
    r"lyceum|\biit\b|\biim\b|\bnit\b|\bbits\b"
)
_INSTITUTION_NAMES = re.compile(
    r"(?:ETH|EPFL|MIT|UCLA|TU|KTH|LMU|RWTH|UCL|LSE|NYU|CMU|KIT|IES|HEC|INSEAD)\b"
)
# Words after a school's name that are about the degree, not the school ("- Graduated 2014").
_NOT_NAME_PART_TEXT = (
    "graduated graduation class expected completed present since until gpa grade honours "
    "honors thesis major minor"
)
_NOT_NAME_PART = frozenset(_NOT_NAME_PART_TEXT.split())
_SCORE_WORDS = re.compile(  # on lowercased text
    r"\b(?:c?gpa|grade|note|abschlussnote|nota|media|final grade|mark|score)\b\s?[:=-]?"
    r"\s?\d{1,3}(?:[.,]\d{1,2})?(?:\s?/\s?\d{1,3}(?:[.,]\d{1,2})?)?"
    r"|\b(?:first|upper second|lower second|second|third)[- ]class(?: honou?rs)?"
    r"|\b(?:summa |magna )?cum laude|\bwith (?:high |highest )?(?:distinction|honou?rs)"
    r"|\bdistinction\b|\bmerit\b|\b2:[12]\b"
)
_SCORE_FRACTION = re.compile(r"\d(?:[.,]\d{1,2})?\s?/\s?(?:4|5|10)(?:[.,]0{1,2})?(?![\d/])")
_SEPARATORS = re.compile(r"\s[|•·]\s|\s-\s|[,;()\[\]]|\s{2,}|\t|\.\s")
# Chunks of a row: " - " is left in, because it can be inside a name ("Université Toulouse III -
# Paul Sabatier") as well as between fields.
_CHUNKS = re.compile(r"\s[|•·]\s|[,;()\[\]]|\s{2,}|\t|\.\s")
_DASH = re.compile(r"\s-\s")
_WRAPS = re.compile(r"(?:,|\s-|&|\b(?:of|de|der|für|and|und|di|do|da))$")
_MAX_NAME_PART_WORDS = 5
_WRAP_SHARE = 0.75  # a PDF row this wide (share of the widest) is probably cut by the column
_MIN_WRAP_LONGEST = 25
_MAX_FRAGMENT_WORDS = 4
_OPENERS = ("institution", "studyType", "dates")  # a row bringing one the entry has: next entry
_DEGREES_TO_TRUST = 2
_COURSE = re.compile(
    r"(?:curso|course|kurs|cours|certificate|certificat|certificado|workshop|seminar)\b", re.I
)
# What may sit between a degree and its subject: "in", "of", ":", "(Hons)", "(M.Sc.)".
_AREA_LEAD = re.compile(
    r"^(?:\s?(?:in|of|en|im|in der|der|de|di|em|:|,|-|\u2013|[Uu]niversitari[oa]|"
    r"\([Hh]ons?\.?\)|\([Hh]onou?rs\)"
    r"|[Hh]ons\.?|\([A-Za-z.]{1,10}\))\s?)+"
)
# "in", "em", "en" + a capitalised subject right after a degree that names its own subject.
_SUBJECT_AFTER = re.compile(r"\s(?:in|em|en)\s(?=[^\W\d_])")
_AREA_END = re.compile(r"\s[|•·-]\s|[,;(\[|]|\.\s|\s(?:at|from|an der|à|en la|at the)\s")
_STRIP = " ,;:|-\u2013()[]."
_MAX_AREA_WORDS = 8
_MAX_FIELD_ROW_WORDS = 16


@functools.cache
def _degree_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``(words, abbreviations)``; group ``g<n>`` is the n-th studyType of ``_DEGREES``."""
    edges = r"(?<![^\W\d_])(?:{})(?![^\W\d_])"
    words = "|".join(f"(?P<g{n}>{entry[1]})" for n, entry in enumerate(_DEGREES))
    abbreviations = "|".join(f"(?P<g{n}>{entry[2]})" for n, entry in enumerate(_DEGREES))
    return re.compile(edges.format(words)), re.compile(edges.format(abbreviations))


def _lower(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text  # keep spans aligned


def is_institution(text: str) -> bool:
    """Whether ``text`` names a school ("University of X", "Hochschule", "ETH Zürich")."""
    return bool(_INSTITUTION_WORDS.search(_lower(text)) or _INSTITUTION_NAMES.search(text))


def _find_score(text: str) -> tuple[int, int] | None:
    match = _SCORE_WORDS.search(_lower(text))
    if match is None and "/" in text:
        match = _SCORE_FRACTION.search(text)
    return match.span() if match else None


def read_degree(text: str) -> tuple[str, str | None, int, int] | None:
    """``(studyType, area, begin, end)`` of the first degree named in ``text``; ``begin``/``end``
    span the degree and its area."""
    words, abbreviations = _degree_patterns()
    found = [
        match
        for match in (words.search(_lower(text)), abbreviations.search(text))
        if match is not None
    ]
    if not found:
        return None
    match = min(found, key=lambda m: (m.start(), -m.end()))
    number = int(match.lastgroup[1:]) if match.lastgroup else 0
    study_type = _DEGREES[number][0]
    written = text[match.start() : match.end()]
    before = text[: match.start()].rstrip()
    if before.endswith("(") and text[match.end() :].lstrip().startswith(")"):
        # "Computer Science (M.Tech)": the subject comes first, the degree in parentheses.
        subject = _CHUNKS.split(before[:-1])[-1].strip(_STRIP)
        if subject and _plausible_area(subject):
            begin = match.start() - (len(before) - before.rindex(subject))
            return study_type, subject, begin, text.index(")", match.end()) + 1
    rest = text[match.end() :]
    implied = _qualifier(written)
    if implied is not None:  # "MBA", "Master of Business Administration": the subject is said
        # ... unless a subject follows ("MBA em Gestão de Projetos", "MBA in Finance").
        subject = _SUBJECT_AFTER.match(rest)
        if subject is None:
            return study_type, implied, match.start(), match.end()
        stop_match = _AREA_END.search(rest, subject.end())
        stop = stop_match.start() if stop_match else len(rest)
        said = rest[subject.end() : stop].strip(_STRIP)
        if not said or not _plausible_area(said):
            return study_type, implied, match.start(), match.end()
        return study_type, said, match.start(), match.end() + stop
    lead = _AREA_LEAD.match(rest)
    start = lead.end() if lead else 0
    stop_match = _AREA_END.search(rest, start)
    stop = stop_match.start() if stop_match else len(rest)
    area: str | None = rest[start:stop].strip(_STRIP)
    if area and not _plausible_area(area):
        area, stop = None, 0
    if not area:
        area, stop = None, 0
    return study_type, area, match.start(), match.end() + stop


def _plausible_area(area: str) -> bool:
    return not (
        is_institution(area)
        or len(area.split()) > _MAX_AREA_WORDS
        or not area[0].isupper()
        or any(ch.isdigit() for ch in area)
        or parse_location(area)
    )


def _name_part(text: str) -> bool:
    """Whether a " - "-separated piece after a school's name continues it ("Paul Sabatier")."""
    return (
        bool(text)
        and text.split()[0].lower() not in _NOT_NAME_PART
        and len(text.split()) <= _MAX_NAME_PART_WORDS
        and cap_ratio(text) == 1.0
        and not any(ch.isdigit() for ch in text)
        and parse_location(text) is None
        and read_degree(text) is None
    )


def _institution_in(text: str) -> str | None:
    for chunk in _CHUNKS.split(text):
        pieces = [piece.strip(_STRIP) for piece in _DASH.split(chunk)]
        for index, piece in enumerate(pieces):
            if piece and is_institution(piece) and parse_location(piece) is None:
                name = piece
                for extra in pieces[index + 1 :]:
                    if not _name_part(extra):
                        break
                    name = f"{name} - {extra}"
                return name
    return None


def _qualifier(written: str) -> str | None:
    """The subject a degree's name holds: "Master of Business Administration" and "MBA" ->
    "Business Administration"; "Bachelor of Science" holds none."""
    if written.replace(".", "").upper() == "MBA":
        return "Business Administration"
    lowered = written.lower()
    for joiner in (" of ", " in "):
        if joiner in lowered:
            subject = written[lowered.index(joiner) + len(joiner) :].removesuffix(" degree")
            return None if subject.lower() in _GENERIC else subject
    return None


def _fields(row: Row) -> dict[str, Any]:
    """The education fields one row holds."""
    text = strip_dates(row)
    found: dict[str, Any] = {}
    if row.dates:
        found["dates"] = next((d for d in row.dates if not d.single), row.dates[0])
    degree = read_degree(text)
    if degree is not None:
        found["studyType"], area, begin, end = degree
        school = _named_school(text, begin, end) if found["studyType"] == "High School" else None
        if school is not None:
            found["institution"], begin = school
            found["_named"] = True  # "High School" named the school; it need not open an entry
        elif area:
            found["area"] = area
        text = f"{text[:begin]} | {text[end:]}"
    score = _find_score(text)
    if score is not None:
        found["score"] = text[score[0] : score[1]].strip(_STRIP)
        text = f"{text[: score[0]]} | {text[score[1] :]}"
    if len(row.text.split()) <= _MAX_FIELD_ROW_WORDS or degree is not None:
        institution = None if "institution" in found else _institution_in(text)
        if institution is not None:
            found["institution"] = institution
        elif degree is not None:
            found["_rest"] = [s.strip(_STRIP) for s in _SEPARATORS.split(text)]
    return found


def _named_school(text: str, begin: int, end: int) -> tuple[str, int] | None:
    """``(name, its start)`` when "High School" ends a school's name ("Lincoln High School")."""
    if not text[begin:end].lower().startswith("high school"):
        return None
    before = _CHUNKS.split(text[:begin])[-1]
    name = before.strip()
    if not name or cap_ratio(name) < 1.0 or parse_location(name) or read_degree(name):
        return None
    start = begin - len(before) + before.index(name)
    return f"{name} {text[begin : begin + len('high school')]}", start


def _fallback_institution(rest: Sequence[str]) -> str | None:
    """A school without a cue word ("Stanford"), next to a degree: a capitalised segment that
    is not a place."""
    for segment in rest:
        if (
            segment
            and not segment[0].islower()  # "em Gestão de Projetos": a subject, not a school
            and len(segment.split()) <= _MAX_AREA_WORDS
            and cap_ratio(segment) >= 0.6
            and not parse_location(segment)
            and not any(ch.isdigit() for ch in segment)
        ):
            return segment
    return None


def _item(fields: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    institution = fields.get("institution") or _fallback_institution(fields.get("_rest", ()))
    if institution:
        item["institution"] = institution
    for key in ("area", "studyType"):
        if key in fields:
            item[key] = fields[key]
    dates = fields.get("dates")
    if dates is not None and dates.start:
        if dates.single:
            item["endDate"] = dates.start  # a lone year is when the degree was completed
        else:
            item["startDate"] = dates.start
            if dates.end:
                item["endDate"] = dates.end
    if "score" in fields:
        item["score"] = fields["score"]
    return item


def _wraps_into(previous: Row, row: Row, longest: int, pdf: bool) -> bool:
    """Whether ``row`` is the rest of ``previous``, cut by a line break in a narrow column."""
    if _WRAPS.search(previous.text) or row.text[:1].islower():
        return True  # "..., Universidade Federal de Minas" + "Gerais, 2015 - 2016"
    if not pdf or CELL_SEPARATOR in previous.text or longest < _MIN_WRAP_LONGEST:
        return False
    if len(previous.text) < _WRAP_SHARE * longest or (row.bold and not previous.bold):
        return False
    if row.dates and row.dates[0].begin == 0:
        return False  # a row that opens with its dates is a field of its own
    # A name cut by the break is a short capitalised fragment after the row's last comma:
    # "Mechanical Engineering, National" + "University of Singapore".
    _, comma, fragment = previous.text.rpartition(", ")
    if not comma or not 1 <= len(fragment.split()) <= _MAX_FRAGMENT_WORDS:
        return False
    if cap_ratio(fragment) < 1.0:
        return False
    degree = read_degree(previous.text)
    if degree is not None and degree[1] == fragment.strip(_STRIP):
        return False  # "Bachelor's degree, Software Engineering": the subject, complete
    # Two complete rows of one entry are not one wrapped row.
    both_dated = bool(previous.dates and row.dates)
    return not both_dated and not (read_degree(previous.text) and read_degree(row.text))


def _unwrap(rows: list[Row], longest: int) -> list[Row]:
    """Rows with wrapped ones joined back: a row ending with a comma or a joining word goes
    on, and in a PDF so does a row as wide as the column ("Mechanical Engineering, National"
    + "University of Singapore, Graduated"); ``longest`` is the width of the widest line."""
    pdf = any(row.size > 0 for row in rows)
    joined: list[Row] = []
    for index, row in enumerate(rows):
        if joined and _wraps_into(rows[index - 1], row, longest, pdf):
            last = joined[-1]
            text = f"{last.text} {row.text}"
            joined[-1] = Row(text, last.bold, last.size, find_dates(text))
        else:
            joined.append(row)
    return joined


def extract_education(lines: Sequence[Line]) -> list[dict[str, Any]]:
    """JSON Resume ``education`` items from the body lines of an education section."""
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    longest = max((len(line.text) for line in lines), default=0)
    for row in _unwrap(make_rows(lines), longest):
        if _COURSE.match(row.text) or is_column_header(row.text):
            continue  # "Curso de SQL (40 h), Escuela ...": a course; "Period | Institution"
        fields = _fields(row)
        if _opens_entry(current, fields):
            entries.append(current)
            current = {}
        for key, value in fields.items():
            current.setdefault(key, value)
    entries.append(current)
    items = [_item(fields) for fields in entries]
    items = [item for item in items if "institution" in item or "studyType" in item]
    if sum("studyType" in item for item in items) >= _DEGREES_TO_TRUST:
        # Most entries name a degree: one that names none is a course or a membership
        # ("Graduate, Australian Institute of Company Directors, 2017").
        items = [item for item in items if "studyType" in item]
    return items


def _opens_entry(current: dict[str, Any], fields: dict[str, Any]) -> bool:
    """Whether a row's fields start the next entry: it brings a school, a degree or dates the
    current entry already has. More qualifications of the same level ("A-levels: ..." under
    "Whitchurch High School") and a school's "High School" name do not."""
    if "_named" in fields:
        keys: tuple[str, ...] = ("institution", "dates")
    elif fields.keys() & {"institution", "dates"} or fields.get("studyType") != current.get(
        "studyType"
    ):
        keys = _OPENERS
    else:
        keys = ("institution", "dates")
    return any(key in current for key in keys if key in fields)
