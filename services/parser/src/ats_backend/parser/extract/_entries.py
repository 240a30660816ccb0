"""Cut a section (work, projects) into entries: head rows (title, company, dates) + bullets.

Bullet markers are gone by now (``_text`` strips them, and PDFs often draw them as shapes), so
each line is judged by its look: a *head* line is short, mostly Capitalised Words or bold among
plain lines, or carries an entry's dates; a *body* line is a sentence. A body line that wraps
onto the next line is joined back into one highlight.

Head lines come in runs. A run with one date range is one entry. A run with several (entries
without bullets, or dates on their own lines) is cut periodically: if the first date sits on
the run's k-th line, every entry's date sits on its k-th line, whatever the layout:

    Senior Engineer  |  Acme      2019 - 2021   <- date at offset 0: cut before each date
    Acme Corp / Senior Engineer / 2019 - 2021   <- date at offset 2: cut after each date

A run without any date after bullets is a new entry only if it names a title or a company;
otherwise it is more bullets ("Led Kubernetes Migration" written in Title Case).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ._dates import DateRange
from ._location import parse_location
from ._roles import company_score, ends_with_legal_form, starts_with_action_verb, title_score
from ._rows import Row, cap_ratio, dates_only, make_rows, strip_dates
from ._text import Line

__all__ = ["Entry", "names_something", "paragraphs", "split_entries"]

_MAX_HEAD_WORDS = 12
_MAX_HEAD_CHARS = 90
_MAX_DATED_WORDS = 16
_WRAP_SHARE = 0.7  # a PDF line this long (share of the longest) probably wraps onto the next
_MIN_WRAP = 45  # ...if the longest line is long enough to be prose, not a list of short items
_TITLE_CASE = 0.6  # share of capitalised words from which a line reads as a name or title
_CONTINUES = re.compile(r"(?:[,&/+-]|\b(?:and|or|with|to|of|the|for|in|on|by|a|an|from|as|at))$")
_PREP_BEFORE_DATE = re.compile(
    r"\b(?:in|by|of|from|during|since|until|im|seit|en|em|nel|dans|dès)\s{1,3}$"
)  # on lowercased text


@dataclass(slots=True)
class Entry:
    """One entry of a section: its head rows and its body (highlights, wrapped lines joined)."""

    head: list[Row] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    @property
    def dates(self) -> DateRange | None:
        """The entry's period: the first range in its head, else its first single date."""
        singles = [found for row in self.head for found in row.dates]
        for found in singles:
            if not found.single:
                return found
        return singles[0] if singles else None


class _Context:
    """Section-wide facts a line is judged against."""

    def __init__(self, rows: Sequence[Row]) -> None:
        bold = sum(row.bold for row in rows)
        # Bold marks heads only when it is the exception, not the section's body style.
        self.bold_heads = 0 < bold < len(rows) / 2
        self.longest = max((len(row.text) for row in rows), default=0)
        self.pdf = any(row.size > 0 for row in rows)


def _is_head(row: Row, context: _Context, *, after_body: bool = False) -> bool:
    """Whether a row is (part of) an entry's head. ``after_body``: the row before it was a
    bullet; where bold marks heads, a plain row after a bullet is another bullet."""
    text = row.text
    words = text.split()
    if row.dates:
        if dates_only(row):
            return True
        rest = strip_dates(row)
        first = row.dates[0]
        before = text[max(0, first.begin - 12) : first.begin].lower()
        if first.single and _PREP_BEFORE_DATE.search(before):
            return False  # "Promoted to lead in 2021": a sentence about a date
        return len(words) <= _MAX_DATED_WORDS and (
            cap_ratio(rest) >= 0.5 or len(rest.split()) <= 2 or (row.bold and context.bold_heads)
        )
    if not text or text[0].islower() or text.endswith(":"):
        return False
    if len(words) > _MAX_HEAD_WORDS or len(text) > _MAX_HEAD_CHARS:
        return False
    if context.bold_heads:
        if row.bold:
            return True
        if after_body or text.endswith(","):
            return False  # where bold marks heads, a plain line after a bullet is a bullet
    if text[-1] in ".;!?" and len(words) > 2 and not ends_with_legal_form(text):
        return False  # a sentence ("Acme Corp." is not)
    if "; " in text or starts_with_action_verb(text):
        return False  # two clauses, or "Led Kubernetes Migration": a bullet
    ratio = cap_ratio(text)
    if ratio >= 0.6:
        return True
    return ratio >= 0.4 and (title_score(text) > 0 or company_score(text) > 0)


def _continues(previous: str, row: Row, context: _Context, *, wraps: bool = True) -> bool:
    """Whether ``row`` is the wrapped rest of the ``previous`` body line (``wraps``: judge by
    length too, for prose; lists only continue after a joining word or into lowercase)."""
    if previous.endswith((".", "!", "?", ";", ":")) or row.dates:
        return False
    if row.text[:1].islower():
        return True
    if context.bold_heads and row.bold:
        return False
    if _CONTINUES.search(previous):
        return True
    return (
        wraps
        and context.pdf
        and context.longest >= _MIN_WRAP
        and len(previous) >= _WRAP_SHARE * context.longest
        and cap_ratio(row.text) < _TITLE_CASE  # "Nordkapp Aqua AS, Bergen" starts something new
    )


def names_something(rows: Sequence[Row], context_bold: bool = False) -> bool:
    """Whether dateless head rows name a title, a company or a place (else they are bullets)."""
    for row in rows:
        if context_bold and row.bold:
            return True
        if title_score(row.text) or company_score(row.text) or parse_location(row.text):
            return True
    return False


def _cut(run: list[Row]) -> list[list[Row]]:
    """Cut a run of head rows into entries, periodically by the position of their dates."""
    dated = [index for index, row in enumerate(run) if row.dates]
    if len(dated) <= 1:
        return [list(run)]
    offset = dated[0]
    cuts = [0]
    for index in dated[1:]:
        cut = index - offset
        if cut > cuts[-1]:
            cuts.append(cut)
    cuts.append(len(run))
    return [run[start:stop] for start, stop in itertools.pairwise(cuts) if start < stop]


def paragraphs(lines: Sequence[Line], *, wraps: bool = True) -> list[str]:
    """The lines with wrapped ones joined back: one string per paragraph or bullet. Without
    ``wraps`` (a list), only a line ending in a joining word or a lowercase start joins."""
    rows = make_rows(lines)
    context = _Context(rows)
    joined: list[str] = []
    for row in rows:
        if joined and _continues(joined[-1], row, context, wraps=wraps):
            joined[-1] = f"{joined[-1]} {row.text}"
        else:
            joined.append(row.text)
    return joined


def split_entries(lines: Sequence[Line], *, dateless_entries: bool = False) -> list[Entry]:
    """The entries of a section body, in order; lines before the first head are dropped.

    With ``dateless_entries`` (projects), every run of head lines opens an entry, named or not.
    """
    rows = make_rows(lines)
    context = _Context(rows)
    entries: list[Entry] = []
    run: list[Row] = []
    previous_body: str | None = None
    offset: list[int] = []  # where the first dated run had its date: this layout's pattern

    def close_run() -> None:
        if not run:
            return
        dated = next((index for index, row in enumerate(run) if row.dates), None)
        if (
            entries
            and dated is None
            and not dateless_entries
            and not names_something(run, context.bold_heads)
        ):
            for row in run:  # Title Case bullets, not a new entry
                entries[-1].body.append(row.text)
            run.clear()
            return
        if dated is not None and not offset:
            offset.append(dated)
        elif (
            dated is not None
            and entries
            and dated > offset[0]
            and not (context.bold_heads and run[0].bold)  # a bold line opens an entry
            and not run[dated - 1].text.endswith(",")  # a title line wrapped before its date
        ):
            # More lines before the date than this layout has: the first ones end the entry
            # before (Europass names the employer after the activities).
            extra = dated - offset[0]
            if len(entries[-1].head) < len(run) - extra + 1:
                entries[-1].head.extend(run[:extra])
                del run[:extra]
        entries.extend(Entry(head=group) for group in _cut(run))
        run.clear()

    for row in rows:
        if previous_body is not None and _continues(previous_body, row, context):
            if entries:
                entries[-1].body[-1] = previous_body = f"{previous_body} {row.text}"
            continue
        if _is_head(row, context, after_body=bool(entries and entries[-1].body and not run)):
            run.append(row)
            previous_body = None
            continue
        close_run()
        if entries:
            entries[-1].body.append(row.text)
            previous_body = row.text
        else:
            previous_body = None
    close_run()
    return entries
