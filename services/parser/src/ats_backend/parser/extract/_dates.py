"""Dates and date ranges as resumes write them, normalised to ``"YYYY-MM"`` or ``"YYYY"``.

Understood: ``Jan 2020``, ``January 2020``, ``Sept. 2018``, ``Jan '20``, ``01/2020``, ``1/2020``,
``2020-01``, ``03.2019``, ``15.03.2019``, ``jan/2019``, ``2020``, ``Q1 2019`` (a quarter or
half-year gives its year only: it names no one month), month names in English, German, French,
Spanish, Portuguese, Dutch and Italian (``März 2019``, ``janvier 2020``, ``enero de 2020``),
ranges joined by any dash or a word (``to``, ``until``, ``bis``, ``à``, ``hasta``, ``até``,
``tot``...), open ends (``Present``, ``heute``, ``aujourd'hui``, ``actualidad``, ``heden``...)
and open starts (``since 2019``, ``seit 03/2019``).

Resume text is untrusted, so every pattern starts at a bounded class and has bounded repeats:
matching is linear in the line length, whatever the line holds.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "DateRange",
    "find_dates",
    "first_range",
    "is_month_name",
    "latest",
    "month_number",
    "parse_date",
]

# Month number -> spellings (lowercase, accents kept; unaccented forms are added automatically).
# Abbreviations are listed explicitly rather than derived so that "mar" or "set" only mean a
# month where some language really writes it that way.
_MONTHS: dict[int, str] = {
    1: "jan january januar jänner janv janvier ene enero janeiro januari gen gennaio",
    2: "feb february februar févr fevr février fev fevereiro febrero februari febbraio",
    3: "mar march märz mär mrz mars marzo março mrt maart",
    4: "apr april avr avril abr abril aprile",
    5: "may mai mayo maio mei mag maggio",
    6: "jun june juni juin junio junho giu giugno",
    7: "jul july juli juil juillet julio julho lug luglio",
    8: "aug august août aout ago agosto augustus",
    9: "sep sept september septembre sept set septiembre setembro settembre",
    10: "oct october okt oktober octobre octubre out outubro ott ottobre",
    11: "nov november novembre noviembre novembro",
    12: "dec december dez dezember déc décembre dic diciembre dezembro dicembre",
}
# Words for "still ongoing" at the end of a range.
_PRESENT_TEXT = (
    "present|current|currently|now|today|ongoing|date|heute|jetzt|aktuell|dato|aujourd'hui|"
    "aujourd hui|présent|actuel|maintenant|en cours|actualidad|presente|actual|hoy|atual|"
    "atualmente|momento|heden|nu|huidig|oggi|attuale|in corso"
)
# Words that join the two ends of a range, and words that open a range with no end.
_JOIN = (
    r"-|\u2013|\u2014|~|/|to|till|until|through|thru|bis|à|au|a|al|hasta|até|ate|tot|fino a|"
    r"t/m"
)
_SINCE = r"since|seit|depuis|desde|dal|sinds|from|vanaf|ab"
# Articles between the join word and the open end: "to the present", "a la actualidad".
_ARTICLE = r"the|la|o|el|le"

_YEAR = r"(?:19[5-9]\d|20[0-3]\d)"
_MIN_YEAR, _MAX_YEAR = 1950, 2039


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date or a range found in a text, with its span.

    ``start``/``end`` are ``"YYYY-MM"`` or ``"YYYY"``; ``end`` is ``None`` when the range is
    open (``current``) or when only one date was written (then ``single`` is true: a graduation
    year, a certificate date). ``begin``/``stop`` are the character span in the text searched.
    """

    start: str | None
    end: str | None
    current: bool
    begin: int
    stop: int

    @property
    def single(self) -> bool:
        return self.end is None and not self.current


def _fold(word: str) -> str:
    """Lowercase without accents: "Févr" -> "fevr"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, names in _MONTHS.items():
        for name in names.split():
            table[name] = number
            table[_fold(name)] = number
    return table


def is_month_name(word: str) -> bool:
    """Whether a (lowercase) word names a month in one of the seven languages ("sept", "mär")."""
    table = _month_table()
    return word in table or _fold(word) in table


@functools.cache
def _present_pattern() -> re.Pattern[str]:
    """An open end right after a date: a join word, maybe an article, then "present".

    Matched against lowercased text: case-insensitive matching of non-ASCII text is an order
    of magnitude slower in ``re``.
    """
    present = "|".join(re.escape(word).replace(r"\ ", r"\s") for word in _PRESENT_TEXT.split("|"))
    return re.compile(
        rf"\s{{0,3}}(?:{_JOIN})\s{{0,3}}(?:(?:{_ARTICLE})\s{{1,3}})?(?:{present})(?![^\W\d_])"
    )


# Dates are found from their years: every date shape ends in a year ("March 2020", "03.2019",
# "15/03/2019", "Jan '20") or starts with one ("2020-01"). Each year is an anchor; small
# patterns then look at the few characters before and after it. No pattern scans the line with
# a big alternation, so the cost is a handful of tiny matches per year, linear overall.
_ANCHOR = re.compile(r"(?:19[5-9]|20[0-3])\d|['\u2019]\d\d")  # boundaries are checked in _tokens
_WINDOW = 28
_JOINERS = frozenset(" ,-/.'\u2019")
_WORDY = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,") | frozenset(
    "äöüéèêëàâáãçíìîïñóòôõúùûßÄÖÜÉÈÊÁÀÂÃÇÍÓÔÕÚ"
)
# "15 March ", "March ", "Sept. ", "enero de ", "März, ", "Jan-" (right before the year)
_MONTH_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:(?P<day>[0-3]?\d)\.?\s)?(?P<month>[^\W\d_]{3,10})\.?"
    r"(?:\s[0-3]?\d(?:st|nd|rd|th)?)?(?:,?\s?(?:de\s|del\s)?|[-/])$"
)
# "Q1 ", "Q3-", "H2/" (right before the year): a quarter or half-year. Normalised to the year
# alone: a quarter names no single month, and a start or end month is not invented for it.
_QUARTER_BEFORE = re.compile(r"(?<![^\W_])(?:[Qq][1-4]|[Hh][12])(?:\s|[-/])$")
# "01/", "1/", "03.", "15.03.", "03/15/" (right before the year)
_NUMBER_BEFORE = re.compile(
    r"(?<![\w.,/])(?:(?P<first>[0-3]?\d)(?P<sep>[/.-]))?(?P<second>[0-3]?\d)[/.-]$"
)
# "-01", "/1", "-01-15" (right after a year written first)
_MONTH_AFTER = re.compile(r"[-/.](?P<month>1[0-2]|0?[1-9])(?:[-/.][0-3]?\d)?(?![\d])")
# "Rio de Janeiro, 2017": a month word inside a place name (a capitalised word and "de" before).
_IN_NAME = re.compile(r"[^\W\d_]\s(?:de|do|da)\s$")
_GAP = re.compile(rf"\s{{0,3}}(?:{_JOIN})?\s{{0,3}}")  # these three: on lowercased text
_SINCE_BEFORE = re.compile(rf"(?:^|[\s(])(?:{_SINCE})\s{{1,3}}$")
_OPEN_AFTER = re.compile(r"\s{0,3}[-\u2013\u2014]\s{0,3}(?:$|[)|,;])")
_MAX_GAP = 14
_MAX_LINE = 2_000  # a date-bearing resume line is short; beyond this only the head is searched


def _year(text: str) -> int | None:
    if text[0] in "'\u2019":
        two = int(text[1:])
        return 2000 + two if two < 50 else 1900 + two
    value = int(text)
    return value if _MIN_YEAR <= value <= _MAX_YEAR else None


def _numeric_month(match: re.Match[str]) -> int | None:
    second = int(match.group("second"))
    if match.group("first") is None:
        return second if 1 <= second <= 12 else None
    first = int(match.group("first"))
    # Day first ("15.03.2019", "01/03/2019": how most of the world writes a full date) unless
    # it cannot be ("03/15/2019" is American).
    month = first if second > 12 else second
    return month if 1 <= month <= 12 else None


def _token(text: str, anchor: re.Match[str], floor: int) -> tuple[int, int, str] | None:
    """``(begin, end, value)`` of the date around one year; nothing before ``floor`` (the end
    of the previous date) is read."""
    begin, end = anchor.span()
    year = _year(anchor.group(0))
    if year is None:
        return None
    low = max(floor, begin - _WINDOW)
    before = text[begin - 1] if begin > low else ""
    # Cheap looks first: a month name or number before the year is joined to it by a space,
    # a dash, a slash, a dot or a comma, with a letter, digit or dot just before that.
    joined = before in _JOINERS and (before != " " or text[begin - 2 : begin - 1] in _WORDY)
    # "jan/2019", "dez./2018" (Portuguese and Spanish resumes): a month name then a slash.
    named = _MONTH_BEFORE.search(text, low, begin) if joined else None
    if named is not None:
        word = named.group("month").lower()
        month = _month_table().get(word) or _month_table().get(_fold(word))
        in_name = _IN_NAME.search(text, max(0, named.start() - 16), named.start())
        # The slash right after the month word: "Mar 12/2019" is not "March 2019".
        loose = before == "/" and not (text[begin - 2].isalpha() or text[begin - 2] == ".")
        if month is not None and in_name is None and not loose:
            return named.start(), end, f"{year:04d}-{month:02d}"
    quarter = _QUARTER_BEFORE.search(text, max(low, begin - 4), begin) if joined else None
    if quarter is not None:
        return quarter.start(), end, f"{year:04d}"
    if anchor.group(0)[0] in "'\u2019":
        return begin, end, f"{year:04d}"
    numbered = _NUMBER_BEFORE.search(text, low, begin) if before in "/.-" and joined else None
    if numbered is not None:
        month = _numeric_month(numbered)
        if month is not None:
            return numbered.start(), end, f"{year:04d}-{month:02d}"
    after = _MONTH_AFTER.match(text, end)
    if after is not None:
        return begin, after.end(), f"{year:04d}-{int(after.group('month')):02d}"
    return begin, end, f"{year:04d}"


def _is_anchor(text: str, anchor: re.Match[str]) -> bool:
    """Whether a year-like match stands alone ("2019", "'19"), not inside a longer number."""
    begin, end = anchor.span()
    before = text[begin - 1] if begin else " "
    after = text[end : end + 2]
    if after[:1].isalnum() or (after[:1] in ".," and after[1:2].isdigit()):
        return False  # "20195", "2019x", "2019.5": part of a longer token
    if anchor.group(0)[0] in "'\u2019":
        return not (before.isalnum() or before in "'\u2019_")
    return not before.isalnum()


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """``(begin, end, value)`` of each date, in order, not overlapping."""
    found: list[tuple[int, int, str]] = []
    for anchor in _ANCHOR.finditer(text):
        if found and anchor.start() < found[-1][1]:
            continue  # already read as part of the previous date ("2020-01-15")
        if not _is_anchor(text, anchor):
            continue
        token = _token(text, anchor, found[-1][1] if found else 0)
        if token is not None:
            found.append(token)
    return found


@functools.lru_cache(maxsize=4096)  # lines are read for dates by several extractors
def find_dates(text: str) -> tuple[DateRange, ...]:
    """Every date and range in ``text``, in order."""
    text = text[:_MAX_LINE]
    if "19" not in text and "20" not in text and "'" not in text and "\u2019" not in text:
        return ()  # most lines: no year, no date (substring tests are much cheaper than re)
    tokens = _tokens(text)
    if not tokens:
        return ()
    lowered = _lower(text)
    ranges: list[DateRange] = []
    index = 0
    while index < len(tokens):
        begin, stop, value = tokens[index]
        if index + 1 < len(tokens):
            next_begin, next_stop, next_value = tokens[index + 1]
            gap = lowered[stop:next_begin]
            if (
                len(gap) <= _MAX_GAP
                and _GAP.fullmatch(gap)
                and _key(next_value, end=True) >= _key(value)
            ):
                ranges.append(DateRange(value, next_value, False, begin, next_stop))
                index += 2
                continue
        present = _present_pattern().match(lowered, stop)
        if present is not None:
            ranges.append(DateRange(value, None, True, begin, present.end()))
            index += 1
            continue
        since = _SINCE_BEFORE.search(lowered, max(0, begin - 12), begin)
        open_end = _OPEN_AFTER.match(text, stop)
        if since is not None or open_end is not None:
            start = since.start() + (not since.group(0)[0].isalpha()) if since else begin
            ranges.append(DateRange(value, None, True, start, open_end.end() if open_end else stop))
        else:
            ranges.append(DateRange(value, None, False, begin, stop))
        index += 1
    return tuple(ranges)


def _lower(text: str) -> str:
    """Lowercase with the same length (so spans carry over), even for "İ" and friends."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def first_range(text: str) -> DateRange | None:
    """The first range in ``text``, else its first single date, else ``None``."""
    dates = find_dates(text)
    for found in dates:
        if not found.single:
            return found
    return dates[0] if dates else None


def parse_date(text: str) -> str | None:
    """The one date ``text`` consists of (``"Jan 2020"`` -> ``"2020-01"``), else ``None``."""
    text = text.strip()
    if len(text) > 40:
        return None
    dates = find_dates(text)
    if len(dates) == 1 and dates[0].single and dates[0].begin == 0 and dates[0].stop == len(text):
        return dates[0].start
    return None


def _key(value: str, *, end: bool = False) -> int:
    """Comparable month index; a bare year is January as a start and December as an end."""
    year = int(value[:4])
    month = int(value[5:7]) if len(value) > 4 else (12 if end else 1)
    return year * 12 + month - 1


def month_number(value: str) -> int:
    """``"2020-03"`` -> months since year 0 (a bare year counts as its January)."""
    return _key(value)


def latest(values: Iterable[str | None]) -> str | None:
    """The latest of some normalised dates (``None``s ignored)."""
    best: str | None = None
    for value in values:
        if value is not None and (best is None or _key(value, end=True) > _key(best, end=True)):
            best = value
    return best
