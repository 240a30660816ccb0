"""Rows: the lines of a section as the extractors read them.

A PDF may split what a reader sees as one line: a right-aligned date or place on the same
baseline as a title comes as its own line, a narrow table cell or a long title wraps its date
onto the next line ("2022 - | Engineer" over "2025 | Acme", "Manager (Jul 2015-Nov" over
"2018)"). Form-like CVs (Europass) label every value ("Dates | 01/03/2019 - present"). Rows put
each back together, drop the labels and remember each row's dates, so that entry splitting and
field reading never see these artefacts. ``cap_ratio`` - how much a text reads like a name or
a title - lives here too: every reader of rows needs it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ._dates import DateRange, find_dates, is_month_name
from ._location import parse_location
from ._text import CELL_SEPARATOR, Line

__all__ = ["Row", "cap_ratio", "dates_only", "make_rows", "strip_dates"]

_SAME_ROW = 0.004  # fraction of the page height: lines this close share a baseline
_WORD = re.compile(r"[^\W\d_][\w'\u2019.&-]*")
_MINOR_TEXT = (
    "of and at for the in to on with a an de del la los las y und für et des du le à e di da "
    "van der den von zu im am bei chez en em do dos das &"
)
_MINOR = frozenset(_MINOR_TEXT.split())
_JOIN_WORDS = frozenset(
    {"to", "until", "till", "through", "bis", "à", "a", "al", "hasta", "até", "tot"}
)
_MAX_WRAPPED_DATE = 20  # the wrapped rest of a date: "2025", "Dec 2024)", "to March 2020"
# How such a rest starts: a digit, an apostrophe year, a dash, a join word or a month name.
_WRAP_START = re.compile(
    r"[\d'(\u2013\u2014-]|(?:to|until|till|through|bis|à|au|a|al|hasta|até|tot)\s"
    r"|[^\W\d_]{3,9}\.?\s?[\d'(]|[Pp]resent|[Cc]urrent|[Nn]ow|[Tt]oday|[Hh]eute"
)
_ALNUM = re.compile(r"[^\W_]")
# A row that ends in the middle of a range: "September 2020 to", "2019 -".
_DANGLING = re.compile(r"\d\s?(?:-|\u2013|\u2014|to|until|bis|à|a|hasta|até|tot)\s?$")
_LAST_WORD = re.compile(r"([^\W\d_]{1,12})\.?$")
_LINKISH = re.compile(r"\S*(?:/|@|www\.)\S*")
# The labels of a form-like CV (Europass): they name the field next to them, they are no content.
_FORM_LABELS_TEXT = (
    "dates|date|occupation or position held|main activities and responsibilities|"
    "name and address of employer|type of business or sector|title of qualification awarded|"
    "principal subjects/occupational skills covered|name and type of organisation|"
    "level in national or international classification|mother tongue(s)|other language(s)|"
    "digital skills|organisational skills|communication skills|job-related skills|"
    "driving licence|address|telephone|e-mail|nationality|date of birth|website"
)
_FORM_LABELS = frozenset(_FORM_LABELS_TEXT.split("|"))
_LEFTOVER = re.compile(r"[\s()\[\]|,;:./-]+")


@dataclass(slots=True)
class Row:
    """One visual row of text (PDF lines on the same baseline joined with " | ")."""

    text: str
    bold: bool
    size: float
    dates: tuple[DateRange, ...]


_GONE = Row("", False, 0.0, ())  # a row merged into an earlier one


def strip_dates(row: Row) -> str:
    """The row's text with its dates cut out (each replaced by a " | " separator)."""
    if not row.dates:
        return row.text
    parts: list[str] = []
    cursor = 0
    for found in row.dates:
        parts.append(row.text[cursor : found.begin])
        cursor = found.stop
    parts.append(row.text[cursor:])
    return " | ".join(part for part in parts if part.strip(" ()[],;:-|"))


def dates_only(row: Row) -> bool:
    return bool(row.dates) and not _LEFTOVER.sub("", strip_dates(row))


def _cells(text: str) -> list[str]:
    return text.split(CELL_SEPARATOR)


def _join_wrapped_dates(rows: list[Row]) -> list[Row]:
    """A date cut by a line break: a narrow table cell ("2022 - | Engineer" over
    "2025 | Acme") or a long title line ("Manager, Acme (Jul 2015-Nov" over "2018)"). Put the
    date back together on the first row and drop it from the second. Works on the first or
    the last cell of a row (a row without cells is one cell). In a "date gutter" the rest may
    come one row later, past the title written beside the date ("September 2020 to" /
    "Supply Chain Planning Manager" / "present")."""
    rows = list(rows)
    kept: list[Row] = []
    for index, row in enumerate(rows):
        if row is _GONE:
            continue
        for ahead in (1, 2):
            if index + ahead >= len(rows) or rows[index + ahead] is _GONE:
                break
            following = rows[index + ahead]
            if not (row.dates or following.dates) or (
                ahead == 2 and not _DANGLING.search(row.text)
            ):
                continue
            joined = _wrapped(row, following, 0) or _wrapped(row, following, -1)
            if joined is not None:
                row = joined[0]
                rows[index + ahead] = joined[1] if joined[1] is not None else _GONE
                break
        kept.append(row)
    return kept


def _may_continue(head: str) -> bool:
    """Whether a cell can end in the first half of a date: a digit, a dash, an opening
    parenthesis, or a word (a month name, "to", "bis"), as in "2022 -", "(Jul 2015-Nov"."""
    head = head.rstrip()
    if not head:
        return False
    if head[-1].isdigit() or head[-1] in "-\u2013\u2014(/'":
        return True
    last = _LAST_WORD.search(head)
    word = last.group(1).lower() if last else ""
    return word in _JOIN_WORDS or is_month_name(word)


def _wrapped(row: Row, following: Row, side: int) -> tuple[Row, Row | None] | None:
    cells, below = _cells(row.text), _cells(following.text)
    head, tail = cells[side], below[side]
    if not _WRAP_START.match(tail) or not _may_continue(head):
        return None
    merged = f"{head} {tail}"
    # Joined only if a range now runs across the break; the rest of the lower cell after
    # the date ("to Jun 2015 - United Kingdom") stays where it was.
    crossing = [
        found
        for found in find_dates(merged)
        if not found.single and found.begin < len(head) < found.stop - 1
    ]
    if not crossing or crossing[-1].stop - len(head) > _MAX_WRAPPED_DATE:
        return None
    stop = crossing[-1].stop
    cells[side] = merged[:stop]
    rest_of_tail = merged[stop:].strip(" -,;|\u2013")
    if rest_of_tail:
        below[side] = rest_of_tail
    else:
        del below[side]
    text = CELL_SEPARATOR.join(cells)
    first = Row(text, row.bold, row.size, find_dates(text))
    if not below:
        return first, None
    rest = CELL_SEPARATOR.join(below)
    return first, Row(rest, following.bold, following.size, find_dates(rest))


def _unlabelled(text: str) -> str:
    """The text without a form label ("Dates | 01/03/2019 - present" -> the date); empty if
    nothing is left or there was never any content ("---------")."""
    if _ALNUM.search(text) is None:
        return ""
    label, _, rest = text.partition(CELL_SEPARATOR)
    if label.lower() in _FORM_LABELS:
        return rest
    return text


def make_rows(lines: Sequence[Line]) -> list[Row]:
    """Lines as rows: in a PDF, a right-aligned date or place on the same baseline as a title
    may be read as a separate line; join it back. A table's wrapped date cell is rejoined."""
    rows: list[Row] = []
    previous: Line | None = None
    for line in lines:
        text = _unlabelled(line.text)
        if not text:
            continue  # "---------" under a heading, a lone bullet, a Europass form label
        row = Row(text, line.bold, line.size, find_dates(text))
        if (
            previous is not None
            and rows
            and line.size > 0
            and line.page == previous.page
            and abs(line.top - previous.top) < _SAME_ROW
            and (dates_only(row) or dates_only(rows[-1]) or parse_location(line.text))
        ):
            last = rows[-1]
            last.text = f"{last.text} | {row.text}"
            last.bold = last.bold or row.bold
            last.dates = find_dates(last.text)
        else:
            rows.append(row)
        previous = line
    return _join_wrapped_dates(rows)


def cap_ratio(text: str) -> float:
    """Share of the words that start with a capital (minor words like "of", "und" left out;
    links and emails too)."""
    if "/" in text or "@" in text or "www." in text:
        text = _LINKISH.sub(" ", text)
    words = [word for word in _WORD.findall(text) if word.lower() not in _MINOR]
    if not words:
        return 0.0
    capitalised: int = sum(word[0].isupper() for word in words)
    return capitalised / len(words)
