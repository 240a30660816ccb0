"""Reading order of one PDF page, from the geometry of its text alone.

``_pdf`` cuts each page into :class:`Fragment` s, runs of text on one baseline with no wide gap
inside, and :func:`arrange` returns them grouped into rows, in reading order, each with the
column it belongs to. Pure arithmetic on boxes: no PyMuPDF (and no I/O) here.

    1. Candidate gutters: x positions that few fragments cross, found from a coverage count
       of the fragments' x ranges (valleys between two peaks).
    2. For one candidate, the fragments that cross it (a banner, a full-width section) cut the
       region into horizontal bands; the bands in between have a left and a right part.
    3. A band whose parts sit on the same baselines is a table (date | company | title
       cells): its rows are read across. A key column (dates beside job titles, bullets
       below) is read the same way, each of its cells, even on two lines, joined to the row
       of its first line. Otherwise the band holds two columns, read one after the other,
       never interleaved.
    4. The candidate whose column and key-column bands hold the most fragments wins; each
       column, and each band read across, is arranged the same way again (a third column, a
       name beside contacts above a table, dates right-aligned inside a column).
    5. Rows: fragments of one region on one baseline, left to right; wide gaps between them
       become ``" | "`` (see :data:`~._text.CELL_SEPARATOR`). The name wrapped over two
       lines (a narrow sidebar) is one row.

Order of two columns: left then right, except that on the first page the person's name (the
largest text) and the lines under it up to the first section heading come first, and that a
narrow sidebar (contacts, skills) comes right after that header on the first page and after
the main column on later pages.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from operator import sub

from ._sections import is_section_heading
from ._text import _OPEN_RANGE, _RANGE_END, _RANGE_TAIL, BULLET, CELL_SEPARATOR, normalise_line

__all__ = ["Fragment", "Row", "arrange", "row_text"]

_GUTTER_MIN = 6.0
"""Points of white space a gutter needs at least (narrower is a word gap)."""
_CROSS_TOLERANCE = 1.0
"""Points a fragment may reach over a gutter without crossing it."""
_MAX_DEPTH = 4
_MAX_CANDIDATES = 6
_MAX_BINS = 250
"""Recursion depth, gutters tried per region and coverage bins across a region: the bounds
that keep a page linear-ish whatever it holds."""
_RUN = re.compile(b"\x01+")

_SIDEBAR = 0.7
_SIDEBAR_HEIGHT = 0.25
"""A column narrower than ``_SIDEBAR`` times the other is a sidebar (about 40% of the width),
if the two are taller than ``_SIDEBAR_HEIGHT`` of the page's text."""

_SAME_BASELINE = 0.15
_SAME_SIZE = 1.3
"""Cells of one table row: baselines less than this many ems apart (plus half a point), font
sizes less than this factor apart."""
_ZONE_SLACK = 2.0
_TABLE_SHORT = 0.7
_TABLE_TALL = 0.9
_TALL = 0.4
"""Share of both sides' fragments on shared baselines that makes a band a table (short bands,
and bands taller than ``_TALL`` of the page's text, where two real columns may share a grid)."""
_RUN_ON = 2
_RUN_ON_GAP = 1.6
"""A side that goes on for ``_RUN_ON`` lines past a table-like stretch, each at most
``_RUN_ON_GAP`` line pitches apart, is a column."""

_KEY_COLUMN = 0.8
"""Share of a key column's lines (dates, labels) beside a line of the other side."""
_BLOCK_GAP = 2.0
_KEY_BLOCK = 3
"""A key column's cells hold at most ``_KEY_BLOCK`` lines, each at most
``_BLOCK_GAP`` ems below the one before, in the same font."""
_KEY_DENSITY = 0.6
"""A key column has at most this many lines per line of the other side (down to its last
cell): a sidebar that shares the grid of the main column has about one."""

_NAME_RATIO = 1.2
"""The name is at least this much larger than the body text."""
_NAME_WORDS = 5
_HEADER_SHARE = 0.3
_HEADER_GAP = 1.5
"""The header block ends at a white band across the page at least ``_HEADER_GAP`` ems high,
in the top ``_HEADER_SHARE`` of the page's text."""
_HEAD_MAX_ROWS = 6
"""A name wrapped over lines has at most ``_NAME_WORDS`` words; the header under it at most
``_HEAD_MAX_ROWS`` rows."""

_CELL_GAP = 0.6
_WORD_GAP = 0.15
"""Gaps between fragments of one row, in ems: wider than ``_CELL_GAP`` is a cell boundary
(``" | "``), wider than ``_WORD_GAP`` a space."""
_MARKERS = frozenset("-*>o\u2013\u2014" + BULLET)
"""List markers drawn on their own, apart from their text."""


class Fragment:
    """A run of text on one baseline: box in points (y grows down), font size and weight."""

    __slots__ = ("base", "bold", "size", "text", "x0", "x1", "y0", "y1")

    def __init__(
        self,
        text: str,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        *,
        base: float | None = None,
        size: float = 10.0,
        bold: bool = False,
    ) -> None:
        self.text = text
        self.x0 = x0
        self.y0 = y0
        self.x1 = max(x0, x1)
        self.y1 = max(y0, y1)
        self.base = self.y1 if base is None else base
        self.size = size
        self.bold = bold

    def __repr__(self) -> str:
        box = f"{self.x0:.1f}, {self.y0:.1f}, {self.x1:.1f}, {self.y1:.1f}"
        return f"Fragment({self.text!r}, {box})"


@dataclass(slots=True)
class Row:
    """Fragments on one baseline, left to right, and the column region they belong to (0 for
    text spanning the page, then 1, 2... in reading order)."""

    fragments: list[Fragment]
    column: int = 0


@dataclass(slots=True)
class _Page:
    page: int
    text_height: float
    name_size: float
    """Font size of the person's name on the first page, 0 when there is none to look for."""
    columns: int = 0
    out: list[Row] = field(default_factory=list)


@dataclass(slots=True)
class _Band:
    """A horizontal slice of a region: rows read across it, or a left and a right column."""

    fragments: list[Fragment]
    right: list[Fragment] | None = None
    """``None`` for rows read across; else ``fragments`` is the left column."""
    key: list[Fragment] | None = None
    """Rows with a key column (dates beside jobs): its fragments, not in ``fragments``."""


def arrange(fragments: Sequence[Fragment], *, page: int = 0) -> list[Row]:
    """The fragments of one page grouped into rows, in reading order."""
    frags = [f for f in fragments if f.text and _finite(f)]
    if not frags:
        return []
    name_size = 0.0
    if page == 0:
        sizes = sorted(f.size for f in frags)
        biggest, body = sizes[-1], sizes[len(sizes) // 2]
        if biggest >= _NAME_RATIO * body:
            name_size = biggest - 0.5
    top = min(f.y0 for f in frags)
    bottom = max(f.y1 for f in frags)
    state = _Page(page=page, text_height=max(bottom - top, 1.0), name_size=name_size)
    header = _header_block(frags, state) if name_size else []
    if header:
        kept = set(map(id, header))
        _place(header, 0, state, depth=0)
        frags = [f for f in frags if id(f) not in kept]
    _place(frags, 0, state, depth=0)
    return state.out


def _header_block(frags: list[Fragment], state: _Page) -> list[Fragment]:
    """The fragments above the first white band across the whole page, if they hold the name
    and sit in the top part of the page: the header, laid out on its own (contacts beside the
    name are no evidence about the columns below)."""
    by_top = sorted(frags, key=lambda f: f.y0)
    top = by_top[0].y0
    limit = top + _HEADER_SHARE * state.text_height
    body = sorted(f.size for f in frags)[len(frags) // 2]
    end = by_top[0].y1
    for index, f in enumerate(by_top):
        if f.y0 > limit:
            break
        if index and f.y0 - end > _HEADER_GAP * body:
            header = by_top[:index]
            return header if any(h.size >= state.name_size for h in header) else []
        end = max(end, f.y1)
    return []


def _finite(f: Fragment) -> bool:
    return all(map(math.isfinite, (f.x0, f.y0, f.x1, f.y1, f.base, f.size)))


def row_text(row: Sequence[Fragment]) -> str:
    """The normalised text of a row: cells joined with ``" | "``, words with a space; list
    markers at the start of the row or of a cell dropped."""
    pieces: list[str] = []
    previous: Fragment | None = None
    for frag in row:
        separator = ""
        if previous is not None:
            em = max(min(frag.size, previous.size), 1.0)
            gap = frag.x0 - previous.x1
            if frag.base - previous.base > 0.5 * em:
                separator = " "  # the next line of a key column's cell ("2019 -" "2021")
            elif gap > _CELL_GAP * em:
                separator = " " if pieces[-1].endswith(":") else CELL_SEPARATOR
            elif gap > _WORD_GAP * em or frag.text[:1].isspace() or previous.text[-1:].isspace():
                separator = " "
        text = normalise_line(frag.text, strip_bullets=not pieces or separator == CELL_SEPARATOR)
        if not text or text in _MARKERS or not text.strip(BULLET + " "):
            continue  # a bullet drawn on its own
        if previous is not None:
            if text == pieces[-1] and frag.x0 - previous.x0 <= (previous.x1 - previous.x0) / 2:
                continue  # the same text drawn twice (a shadow, a fake bold)
            pieces.append(separator)
        pieces.append(text)
        previous = frag
    return "".join(pieces)


# Placement -------------------------------------------------------------------------------------


def _emit(
    frags: list[Fragment], column: int, state: _Page, key: list[Fragment] | None = None
) -> None:
    rows = _rows(frags)
    if state.name_size and any(f.size >= state.name_size for f in frags):
        rows = _join_name(rows, state.name_size)
        state.name_size = 0.0  # the name is placed: no later column jumps ahead of another
    if key:
        rows = _with_key(rows, key)
    if len(rows) > 1:
        rows = _join_date_cells(rows)
    state.out.extend(Row(row, column) for row in rows)


def _join_date_cells(rows: list[list[Fragment]]) -> list[list[Fragment]]:
    """A date range wrapped inside the first cell of table rows ("2014 -" over "2018") put
    back together in the upper row."""
    out: list[list[Fragment]] = [rows[0]]
    for row in rows[1:]:
        above = out[-1]
        first, cell = above[0], row[0]
        if (
            len(above) > 1
            and abs(cell.x0 - first.x0) < first.size
            and cell.base - first.base < _BLOCK_GAP * first.size
            and _OPEN_RANGE.search(normalise_line(first.text)[-_RANGE_TAIL:])
            and _RANGE_END.fullmatch(normalise_line(cell.text))
        ):
            above.insert(1, cell)
            row = row[1:]
        if row:
            out.append(row)
    return out


def _join_name(rows: list[list[Fragment]], name_size: float) -> list[list[Fragment]]:
    """The name wrapped over lines of its own (a narrow sidebar) joined into one row."""
    out: list[list[Fragment]] = []
    for row in rows:
        previous = out[-1] if out else None
        if (
            previous is not None
            and all(f.size >= name_size for f in (*previous, *row))
            and min(f.y0 for f in row) - max(f.y1 for f in previous) < 0.5 * name_size
            and sum(len(f.text.split()) for f in (*previous, *row)) <= _NAME_WORDS
            # A wrapped line sits under the one before it, not wholly beside it.
            and min(f.x0 for f in row) <= max(f.x1 for f in previous)
            and max(f.x1 for f in row) >= min(f.x0 for f in previous)
        ):
            previous.extend(row)
        else:
            out.append(row)
    return out


def _with_key(rows: list[list[Fragment]], key: list[Fragment]) -> list[list[Fragment]]:
    """Rows with a key column's cells (its blocks of lines) each put in front of (or after) the
    row of its first line."""
    bases = [row[0].base for row in rows]
    extra: list[list[Fragment]] = []
    for block in _blocks(sorted(key, key=_base)):
        first = block[0]
        tolerance = _SAME_BASELINE * first.size + 0.5
        at = bisect.bisect_left(bases, first.base - tolerance)
        if at < len(rows) and bases[at] <= first.base + tolerance:
            row = rows[at]
            rows[at] = [*block, *row] if first.x0 <= row[0].x0 else [*row, *block]
        else:
            extra.append(block)
    if extra:
        rows = sorted([*rows, *extra], key=lambda row: row[0].base)
    return rows


def _place(
    frags: list[Fragment],
    column: int,
    state: _Page,
    *,
    depth: int,
    tried: tuple[float, ...] = (),
) -> None:
    """Place a region: split at its best gutter, then each band (rows across a band may still
    hold columns at another gutter: a name beside contacts above a table)."""
    found = _split(frags, state, tried) if depth < _MAX_DEPTH and len(frags) >= 4 else None
    if found is None:
        _emit(frags, column, state)
        return
    bands, gutter = found
    for band in bands:
        if band.right is not None:
            _place_columns(band.fragments, band.right, state, depth=depth)
        elif band.key is not None:
            _emit(band.fragments, column, state, band.key)
        else:
            _place(band.fragments, column, state, depth=depth + 1, tried=(*tried, gutter))


def _place_columns(
    left: list[Fragment], right: list[Fragment], state: _Page, *, depth: int
) -> None:
    # Typical widths: a long name at the top of a sidebar does not make it wide.
    ends = sorted(f.x1 for f in left)
    starts = sorted(f.x0 for f in right)
    left_width = ends[len(ends) * 3 // 4] - min(f.x0 for f in left)
    right_width = max(f.x1 for f in right) - starts[len(starts) // 4]
    # A sidebar runs down the page; a short block beside another is not one (a name beside
    # the contacts).
    top = min(min(f.y0 for f in left), min(f.y0 for f in right))
    bottom = max(max(f.y1 for f in left), max(f.y1 for f in right))
    tall = bottom - top > _SIDEBAR_HEIGHT * state.text_height
    narrow_left = tall and left_width < _SIDEBAR * right_width
    narrow_right = tall and right_width < _SIDEBAR * left_width and not narrow_left
    # A sidebar comes first on the first page (it holds the contacts), last on later pages
    # (the main column carries on from the page before).
    sidebar_first = state.page == 0
    right_first = narrow_right if sidebar_first else narrow_left
    plan = [(right, 1), (left, 0)] if right_first else [(left, 0), (right, 1)]
    if state.name_size:
        named = next((s for s, _ in plan if any(f.size >= state.name_size for f in s)), None)
        is_sidebar = (named is left and narrow_left) or (named is right and narrow_right)
        # Two tall columns with the name at the top of the first need nothing; a short block
        # (a name beside contacts) or a name heading the second column does.
        wanted = named is not None and not is_sidebar and (named is not plan[0][0] or not tall)
        head = _head(named, state.name_size) if named is not None and wanted else []
        if named is not None and head:
            # The name heads the main column (or one of two even columns): it and the lines
            # under it down to the first heading come first, then the other column.
            kept = set(map(id, head))
            rest = [f for f in named if id(f) not in kept]
            key = 0 if named is left else 1
            plan = [(head, key), (right if key == 0 else left, 1 - key), (rest, key)]
    ids: dict[int, int] = {}
    for side, key in plan:
        if not side:
            continue
        if key not in ids:
            state.columns += 1
            ids[key] = state.columns
        _place(side, ids[key], state, depth=depth + 1)


def _head(side: list[Fragment], name_size: float) -> list[Fragment]:
    """The rows at the top of a column from the name down to the first section heading."""
    rows = _rows(side)
    head: list[Fragment] = []
    named = False
    previous: list[Fragment] | None = None
    for row in rows[:_HEAD_MAX_ROWS]:
        if previous is not None:
            gap = min(f.y0 for f in row) - max(f.y1 for f in previous)
            if gap > 2 * max(f.size for f in (*row, *previous)):
                break
            if is_section_heading(row_text(row)):
                break
        head.extend(row)
        named = named or any(f.size >= name_size for f in row)
        previous = row
    return head if named else []


# Gutters and bands -------------------------------------------------------------------------------


def _split(
    frags: list[Fragment], state: _Page, tried: tuple[float, ...]
) -> tuple[list[_Band], float] | None:
    """The bands of the best gutter and the gutter, or ``None`` when there is none (a single
    column). The best gutter has the most fragments in column or key-column bands; gutters
    near one ``tried`` already are left out."""
    best: tuple[list[_Band], float] | None = None
    best_support = 0
    by_top = sorted(frags, key=lambda f: f.y0)
    for gutter in _candidates(frags):
        if any(abs(gutter - other) < 2 * _GUTTER_MIN for other in tried):
            continue
        bands, support = _bands(by_top, gutter, state)
        if support > best_support:
            best, best_support = (bands, gutter), support
    return best


def _candidates(frags: list[Fragment]) -> list[float]:
    """x positions of coverage valleys at least ``_GUTTER_MIN`` wide, deepest first."""
    lo = min(f.x0 for f in frags)
    hi = max(f.x1 for f in frags)
    span = hi - lo
    if not span > 4 * _GUTTER_MIN or span > 1e6:
        return []
    step = max(1.0, span / _MAX_BINS)
    bins = int(span / step) + 1
    diff = [0] * (bins + 1)
    for f in frags:
        start = int((f.x0 - lo) / step)
        end = int((f.x1 - lo) / step) + 1
        diff[start] += 1
        diff[min(end, bins)] -= 1
    cover = list(accumulate(diff[:bins]))
    left_peak = accumulate(cover, max)
    right_peak = list(accumulate(reversed(cover), max))[::-1]
    # Valley: at least two fragments more cover the lower of the peaks on either side. Runs
    # are found with byte masks and regexes to keep the per-bin work in C.
    depth = list(map(sub, map(min, left_peak, right_peak), cover))
    found: list[tuple[int, float]] = []
    for valley in _RUN.finditer(bytes(map((2).__le__, depth))):
        start, end = valley.span()
        floor = min(cover[start:end])
        # The gutter is the widest stretch of the valley at its lowest count, or near it: a
        # heading that pokes into the gutter should not hide it. Its centre is the middle of
        # its widest part at the lowest count.
        low = floor + max(1, (max(depth[start:end]) + 3) // 4)
        stretches = [
            (run.end() - run.start(), start + run.start(), start + run.end())
            for run in _RUN.finditer(bytes(map(low.__ge__, cover[start:end])))
        ]
        width, first, last = max(s for s in stretches if min(cover[s[1] : s[2]]) == floor)
        if width * step < _GUTTER_MIN:
            continue
        bottom = max(
            _RUN.finditer(bytes(map(floor.__eq__, cover[first:last]))),
            key=lambda run: run.end() - run.start(),
        )
        at = first + (bottom.start() + bottom.end()) / 2
        found.append((depth[first + bottom.start()], lo + at * step))
    found.sort(key=lambda item: -item[0])
    return [x for _, x in found[:_MAX_CANDIDATES]]


def _bands(by_top: list[Fragment], gutter: float, state: _Page) -> tuple[list[_Band], int]:
    """Cut a region at a gutter: ``(bands top to bottom, fragments in column bands)``."""
    # Fragments crossing the gutter block it: merge their vertical extents.
    starts: list[float] = []
    ends: list[float] = []
    for f in by_top:
        if f.x0 < gutter - _CROSS_TOLERANCE and f.x1 > gutter + _CROSS_TOLERANCE:
            if ends and f.y0 < ends[-1]:
                ends[-1] = max(ends[-1], f.y1)
            else:
                starts.append(f.y0)
                ends.append(f.y1)
    if not starts:
        groups: dict[int, list[Fragment]] = {0: by_top}
    else:
        groups = {}
        for f in by_top:
            middle = (f.y0 + f.y1) / 2
            blocked = bisect.bisect_right(starts, middle) - 1
            if blocked >= 0 and (middle <= ends[blocked] or _crosses(f, gutter)):
                key = 2 * blocked + 1  # full-width band number `blocked`
            else:
                key = 2 * (blocked + 1)  # the gap band below it
            groups.setdefault(key, []).append(f)
    bands: list[_Band] = []
    support = 0
    for key in sorted(groups):
        members = groups[key]
        if key % 2 == 0:
            left = [f for f in members if f.x0 + f.x1 < 2 * gutter]
            right = [f for f in members if f.x0 + f.x1 >= 2 * gutter]
            kind = _kind(left, right, state)
            if kind == "columns":
                bands.append(_Band(left, right))
                support += len(members)
                continue
            if kind:  # a key column: its side apart
                keys, other = (left, right) if kind == "key-left" else (right, left)
                bands.append(_Band(other, key=keys))
                support += len(members)
                continue
        if bands and bands[-1].right is None and bands[-1].key is None:
            bands[-1].fragments.extend(members)
        else:
            bands.append(_Band(list(members)))
    return bands, support


def _crosses(f: Fragment, gutter: float) -> bool:
    return f.x0 < gutter - _CROSS_TOLERANCE and f.x1 > gutter + _CROSS_TOLERANCE


def _kind(left: list[Fragment], right: list[Fragment], state: _Page) -> str:
    """``"columns"`` when two sides of a band are columns; ``"key-left"`` or ``"key-right"``
    when one is a key column (dates beside jobs, each beside the first line of its entry),
    ``""`` when they are cells of table rows or too little to tell.

    Judged where both sides have text: a heading above a table is no evidence either way. But
    when a side runs on past that stretch line after line, it is a column that happens to
    share its line grid with a shorter one.
    """
    if not left or not right or len(left) + len(right) < 3:
        return ""
    # The stretch where both sides have lines, by baselines (boxes of lines overlap).
    top = max(min(f.base for f in left), min(f.base for f in right)) - _ZONE_SLACK
    bottom = min(max(f.base for f in left), max(f.base for f in right)) + _ZONE_SLACK
    near_left = sorted((f for f in left if top <= f.base <= bottom), key=_base)
    near_right = sorted((f for f in right if top <= f.base <= bottom), key=_base)
    if not near_left or not near_right or len(near_left) + len(near_right) < 3:
        return ""
    left_flags = _paired(near_left, near_right)
    right_flags = _paired(near_right, near_left)
    paired_left, paired_right = sum(left_flags), sum(right_flags)
    if len(near_left) == 1 or len(near_right) == 1:
        # One line beside several (a name beside a block of contacts): columns unless it sits
        # on a baseline of the other side, as a title does beside its right-aligned dates.
        return "columns" if paired_left == paired_right == 0 else ""
    table = _TABLE_TALL if bottom - top > _TALL * state.text_height else _TABLE_SHORT
    if (
        _share(near_left, left_flags) >= table
        and _share(near_right, right_flags) >= table
        and not _runs_on(left, near_left)
        and not _runs_on(right, near_right)
    ):
        return ""  # table rows
    for kind, key, flags, other in (
        ("key-left", near_left, left_flags, near_right),
        ("key-right", near_right, right_flags, near_left),
    ):
        # Judged from the first line beside a line of the other side to the last: a heading
        # or a title above the first date is no evidence either way.
        if not any(flags):
            continue
        first = flags.index(True)
        last = len(flags) - flags[::-1].index(True)
        if (
            first + len(flags) - last <= max(2, len(flags) // 4)
            and sum(flags) >= _KEY_COLUMN * (last - first)
            and _sparse(key[first:last], other)
        ):
            return kind
    return "columns"


def _heading_test(side: list[Fragment]) -> Callable[[Fragment], bool]:
    """A test for headings among a side's lines: larger than most, or bold where most are not
    (a table's section headings span its width alone)."""
    sizes = sorted(f.size for f in side)
    largest = sizes[len(sizes) // 2] + 0.5
    plain = 2 * sum(f.bold for f in side) < len(side)
    return lambda f: f.size > largest or (plain and f.bold)


def _share(side: list[Fragment], flags: list[bool]) -> float:
    """The share of a side's lines, headings aside, that sit beside a line of the other side."""
    heading = _heading_test(side)
    body = [flag for f, flag in zip(side, flags, strict=True) if not heading(f)]
    return sum(body) / len(body) if body else 0.0


def _runs_on(side: list[Fragment], near: list[Fragment]) -> bool:
    """Whether ``side`` goes on past ``near`` (its part beside the other side, sorted by
    baseline) for ``_RUN_ON`` more lines (headings aside), each at most ``_RUN_ON_GAP`` line
    pitches after the one before."""
    pitches = sorted(b.base - a.base for a, b in pairwise(near) if b.base - a.base > 1.0)
    pitch = pitches[len(pitches) // 2] if pitches else 1.4 * near[0].size
    limit = _RUN_ON_GAP * pitch
    heading = _heading_test(near)
    below = sorted((f for f in side if f.base > near[-1].base + 1.0), key=_base)
    above = sorted((f for f in side if f.base < near[0].base - 1.0), key=_base, reverse=True)
    for lines, edge in ((below, near[-1].base), (above, near[0].base)):
        count = 0
        for f in lines:
            if abs(f.base - edge) > limit:
                break
            count += not heading(f)
            edge = f.base
        if count >= _RUN_ON:
            return True
    return False


def _base(f: Fragment) -> float:
    return f.base


def _paired(side: list[Fragment], other: list[Fragment]) -> list[bool]:
    """Which fragments of ``side`` share a baseline with one of ``other`` (sorted by baseline)
    in a similar font size."""
    bases = [f.base for f in other]
    flags: list[bool] = []
    for f in side:
        tolerance = _SAME_BASELINE * f.size + 0.5
        at = bisect.bisect_left(bases, f.base - tolerance)
        paired = False
        while at < len(bases) and bases[at] <= f.base + tolerance:
            size = other[at].size
            if size <= _SAME_SIZE * f.size and f.size <= _SAME_SIZE * size:
                paired = True
                break
            at += 1
        flags.append(paired)
    return flags


def _blocks(side: list[Fragment]) -> list[list[Fragment]]:
    """Lines of one side (sorted by baseline) in blocks of lines close under each other."""
    blocks: list[list[Fragment]] = []
    for f in side:
        last = blocks[-1][-1] if blocks else None
        if (
            last is not None
            and f.base - last.base <= _BLOCK_GAP * f.size
            and f.size == last.size
            and f.bold == last.bold
        ):
            blocks[-1].append(f)
        else:
            blocks.append([f])
    return blocks


def _sparse(side: list[Fragment], other: list[Fragment]) -> bool:
    """Whether one side (sorted by baseline) is a key column: short blocks of lines (dates,
    labels) with lines of the other side between the blocks, as bullets under a job title,
    and far fewer lines than the other side (a sidebar that shares the grid of the main
    column has about as many)."""
    blocks = _blocks(side)
    if len(blocks) < 2 or max(map(len, blocks)) > _KEY_BLOCK:
        return False
    bases = [f.base for f in other]
    # Lines of the key side against lines of the other side, from the first block to the last.
    first, last = blocks[0][0], blocks[-1][0]
    start = bisect.bisect_left(bases, first.base - _SAME_BASELINE * first.size - 0.5)
    end = bisect.bisect_left(bases, last.base - _SAME_BASELINE * last.size - 0.5)
    # A cell's second line counts half: dates wrap ("2014 -" "2018") beside a two-line entry.
    if sum(len(block) + 1 for block in blocks[:-1]) / 2 > _KEY_DENSITY * (end - start):
        return False
    between: list[int] = []
    for above, below in pairwise(blocks):
        start = bisect.bisect_right(bases, above[-1].base + _SAME_BASELINE * above[-1].size + 0.5)
        end = bisect.bisect_left(bases, below[0].base - _SAME_BASELINE * below[0].size - 0.5)
        between.append(end - start)
    between.sort()
    return between[len(between) // 2] >= 1


# Rows --------------------------------------------------------------------------------------------


def _rows(frags: list[Fragment]) -> list[list[Fragment]]:
    """Fragments grouped by baseline, top to bottom, each row left to right."""
    rows: list[list[Fragment]] = []
    anchor: Fragment | None = None
    for f in sorted(frags, key=lambda f: (f.base, f.x0)):
        if anchor is not None and f.base - anchor.base <= 0.35 * min(f.size, anchor.size) + 0.5:
            rows[-1].append(f)
        else:
            rows.append([f])
            anchor = f
    for row in rows:
        if len(row) > 1:
            row.sort(key=lambda f: f.x0)
    return rows
