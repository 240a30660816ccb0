"""The candidate's name: the most prominent person-name-like line near the top.

In a PDF "prominent" means the largest font (then bold, then earliest); in plain text, the
earliest. A line qualifies when its first segment (before "|", "," or " - ") reads like a
person's name: two to five capitalised words of letters, or a short run of a caseless script
(Chinese, Japanese, Korean...), and none of the words a heading, job title or address uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._sections import is_section_heading
from ._text import BULLET, Line

__all__ = ["find_name", "looks_like_name"]

_CANDIDATE_LINES = 12
_MAX_LEN = 60
_SEGMENTS = re.compile(rf"\s[|{BULLET}/]\s|\s-\s|,|\s{{3,}}|\t")
_LABEL = re.compile(r"^(?:name|full name|nom|nombre|vorname und nachname)\s*:\s*", re.IGNORECASE)
_PARTICLES_TEXT = (
    "van von der den de da di du del della des la le bin binti ibn al el y e dos das do ten ter "
    "zu af"
)
_PARTICLES = frozenset(_PARTICLES_TEXT.split())
# Words that make a capitalised line a heading, a title, an organisation or an address.
_NOT_NAME_TEXT = (
    "resume résumé cv curriculum vitae lebenslauf profile summary contact contacts details "
    "personal information page objective experience education skills references portfolio "
    "engineer engineering developer development manager management designer design analyst "
    "scientist science consultant architect director officer president intern internship "
    "specialist administrator lead senior junior principal staff head chief associate assistant "
    "coordinator executive representative technician programmer student graduate freelance "
    "software data web full stack frontend backend devops cloud product project marketing sales "
    "finance financial accountant accounting operations business security quality research "
    "university college school institute academy inc ltd llc gmbh corp corporation company "
    "technologies solutions services group limited street st road rd avenue ave lane drive "
    "boulevard suite floor city phone mobile email tel fax address linkedin github website "
    "available upon request the and of for at in with"
)
_NOT_NAME = frozenset(_NOT_NAME_TEXT.split())
_CASELESS_NAME = re.compile(r"[^\W\d_]{2,6}(?:[ ·・][^\W\d_]{1,8}){0,2}")


def _is_name_word(word: str) -> bool:
    if word.lower() in _PARTICLES:
        return True
    core = word.rstrip(".")
    if not core or not all(ch.isalpha() or ch in "-'" for ch in core):
        return False
    if core[0] in "-'" or core[-1] in "-'":
        return False
    # An initial ("J." or "J") or a capitalised / all-caps word; caseless scripts pass as is.
    first = core[0]
    return first.isupper() or not (first.islower() or first.isupper())


def looks_like_name(text: str) -> bool:
    """Whether ``text`` (one segment of a line) reads like a person's full name."""
    if not 2 <= len(text) <= _MAX_LEN or is_section_heading(text):
        return False
    words = text.split()
    if len(words) == 1:
        word = words[0]
        # Scripts without letter case write names without spaces: 王小明, 山田太郎.
        caseless = all(not (ch.isupper() or ch.islower()) for ch in word)
        return caseless and _CASELESS_NAME.fullmatch(word) is not None
    if len(words) > 5:
        return False
    if any(word.lower().strip(".") in _NOT_NAME for word in words):
        return False
    if not all(_is_name_word(word) for word in words):
        return False
    if words[-1].lower() in _PARTICLES or all(word.lower() in _PARTICLES for word in words):
        return False
    # Initials are fine ("J. R. R. Tolkien"), initials only are not.
    return any(len(word.rstrip(".")) > 1 for word in words)


def _tidy(text: str) -> str:
    """``JANE O'NEIL-SMITH`` -> ``Jane O'Neil-Smith``; mixed-case names stay as written."""
    if text.upper() != text:
        return text

    def word(token: str) -> str:
        if token.lower() in _PARTICLES:
            return token.lower()
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), token)

    tidy = " ".join(word(token) for token in text.split())
    return tidy[0].upper() + tidy[1:]


def _first_segment(text: str) -> str:
    text = _LABEL.sub("", text)
    return _SEGMENTS.split(text, maxsplit=1)[0].strip(" .:")


def find_name(lines: Sequence[Line], end: int) -> tuple[str, int] | None:
    """``(name, line index)`` of the candidate's name among the first lines, or ``None``.

    ``end`` is where the header stops (the first section heading); a name is looked for before
    it, or among the first lines of page 1 if the document opens with a heading.
    """
    limit = end if end > 0 else _CANDIDATE_LINES
    best: tuple[float, int, int, str] | None = None
    for index, line in enumerate(lines[: min(limit, _CANDIDATE_LINES)]):
        if line.page > 0:
            break
        segment = _first_segment(line.text)
        if not looks_like_name(segment):
            continue
        rank = (line.size, int(line.bold), -index, segment)
        if best is None or rank[:3] > best[:3]:
            best = rank
    if best is None:
        return None
    return _tidy(best[3]), -best[2]
