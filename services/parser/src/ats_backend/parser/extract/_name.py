"""The candidate's name: the most prominent person-name-like line near the top.

In a PDF "prominent" means the largest font (then bold, then earliest); in plain text, the
earliest. A line qualifies when its first segment (before "|", "," or " - ") reads like a
person's name: two to five capitalised words of letters, or a short run of a caseless script
(Chinese, Japanese, Korean...), and none of the words a heading, job title or address uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._sections import is_contact_heading, is_section_heading
from ._text import BULLET, Line

__all__ = ["find_name", "looks_like_name"]

_CANDIDATE_LINES = 12
_MAX_LEN = 60
_SEGMENTS = re.compile(rf"\s[|{BULLET}/]\s|\s-\s|,|\s{{3,}}|\t")
_LABEL = re.compile(r"^(?:name|full name|nom|nombre|vorname und nachname)\s*:\s*", re.IGNORECASE)
# A document title set on the name's line ("Currículo Larissa Souza", "CV: Jan Novak",
# "Curriculum Vitae of Jane Doe"): removed when a name follows it.
_DOC_TITLE = re.compile(
    r"^(?:curr[ií]culum\s{1,3}vita[eæ]|curr[ií]culum|curr[ií]culo|hoja\s{1,3}de\s{1,3}vida|"
    r"lebenslauf|r[ée]sum[ée]|cv)(?:\s{0,3}[:|\u2013\u2014-]\s{0,3}|\s{1,3}(?:of\s{1,3})?)"
    r"(?=[^\W\d_])",
    re.IGNORECASE,
)
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
# The personal-details block: the header plus any contact / personal-data sections after it.
_ZONE_LINES = 25
# "Name | Jane Doe", "Nombre: ...", "Vorname | Jane" + "Nachname | Doe" in a details grid.
_FULL_LABELS = (
    "name|full name|nom|nom complet|nombre|nombre completo|nombre y apellidos|"
    "vorname und nachname|vor- und nachname|vorname/nachname|naam|volledige naam|nome|"
    "nome completo|navn|namn"
)
_FIRST_LABELS = (
    "first name|first names|given name|given names|forename|vorname|prénom|prenom|voornaam"
)
_LAST_LABELS = (
    "last name|surname|surnames|family name|nachname|familienname|nom de famille|apellidos|"
    "apellido|achternaam|cognome"
)
_LABELLED = re.compile(
    rf"(?:({_FULL_LABELS})|({_FIRST_LABELS})|({_LAST_LABELS}))(?:\s*\(s\))?"
    r"\s*(?::|\||\t)\s*(.+)",
    re.IGNORECASE,
)
# A greeting to the reader ("Hi Sam,", "Dear Hiring Manager") names the reader, not the writer.
_GREETING = re.compile(
    r"(?:hi|hello|hey|dear|hallo|hola|bonjour|ciao|greetings|good (?:morning|afternoon|evening))"
    r"\b",
    re.IGNORECASE,
)
# The writer introducing themself: "Hi, I'm Mei-Lin Chua", "My name is Tomasz Wrona and ...".
_INTRO = re.compile(
    r"(?:\bI['\u2019]m|\bI am|\bmy name is|\bme llamo|\bmi nombre es|\bje m['\u2019]appelle|"
    r"\bich heiße|\bmein name ist|\bmijn naam is)\s+(.+)",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:(?:best|kind|warm|many)\s+regards|regards|best wishes|best|sincerely|yours sincerely|"
    r"yours truly|yours faithfully|thanks|thank you|cheers|mit freundlichen grüßen|cordialement|"
    r"saludos|un saludo|atentamente|met vriendelijke groet)[,.!]?",
    re.IGNORECASE,
)
_EMAIL_NAME = re.compile(r"\b([^\W\d_]{2,})[._-]([^\W\d_]{2,})@")
_EMOJI = re.compile("[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]+")


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


def _unspaced(text: str) -> str:
    """``J O H N | D O E`` (letter-spaced, words a wide gap apart) -> ``JOHN DOE``."""
    if len(text) < 3 or text[1] != " " or (len(text) > 3 and text[3] != " "):
        return text
    words = [part.strip() for part in re.split(r"\s*\|\s*|\s{2,}", text)]
    if not all(len(word) > 2 and all(len(ch) == 1 for ch in word.split()) for word in words):
        return text
    return " ".join(word.replace(" ", "") for word in words)


def _first_segment(text: str) -> str:
    if not text.isascii():
        text = _EMOJI.sub("", text)
    text = _LABEL.sub("", _unspaced(text))
    text = _DOC_TITLE.sub("", text, count=1)
    return _SEGMENTS.split(text, maxsplit=1)[0].strip(" .:")


def _name_prefix(text: str) -> str:
    """The name that opens ``text``: its leading name-like words ("Tomasz Wrona and I'd...")."""
    words: list[str] = []
    for word in text.split()[:6]:
        core = word.rstrip(",.!;:")
        if not core or not _is_name_word(core):
            break
        words.append(core)
        if core != word:
            break
    while words and words[-1].lower() in _PARTICLES:
        words.pop()
    return " ".join(words)


def _zone(lines: Sequence[Line], end: int) -> list[tuple[int, Line]]:
    """Page-1 lines of the header and of the contact / personal-data sections right after it."""
    zone: list[tuple[int, Line]] = []
    for index, line in enumerate(lines[:_ZONE_LINES]):
        if line.page > 0:
            break
        if index >= end and is_section_heading(line.text):
            if not is_contact_heading(line.text):
                break
            continue
        zone.append((index, line))
    return zone


def _labelled(zone: Sequence[tuple[int, Line]]) -> tuple[str, int] | None:
    """A name given in a labelled row or line: "Name | Jane Doe", "Vorname" + "Nachname"."""
    found: dict[int, tuple[str, int]] = {}
    for index, line in zone:
        match = _LABELLED.fullmatch(line.text.strip())
        if match is None:
            continue
        kind = 1 if match.group(1) else 2 if match.group(2) else 3
        value = _first_segment(match.group(4))
        if kind not in found and value and all(_is_name_word(word) for word in value.split()):
            found[kind] = (value, index)
    full, first, last = found.get(1), found.get(2), found.get(3)
    if full is not None and looks_like_name(full[0]):
        return _tidy(full[0]), full[1]
    # "Name | Brenner" next to "Vorname | Johanna": the bare "Name" is the surname.
    last = last or (full if full is not None and " " not in full[0] else None)
    if first is not None and last is not None:
        joined = f"{first[0]} {last[0]}"
        if looks_like_name(joined):
            return _tidy(joined), min(first[1], last[1])
    return None


def _candidate(lines: Sequence[Line], index: int) -> str | None:
    """The name on line ``index`` if it reads like one (or it and the next line together)."""
    text = lines[index].text
    if _GREETING.match(text):
        intro = _INTRO.search(text)
        return _name_prefix(intro.group(1)) if intro else None
    segment = _first_segment(text)
    if looks_like_name(segment):
        return segment
    if " " not in segment and index + 1 < len(lines):
        # A name set one word per line ("JOHN" / "DOE" in a sidebar).
        following = lines[index + 1]
        line = lines[index]
        if following.size == line.size and following.bold == line.bold:
            after = _first_segment(following.text)
            if " " not in after and looks_like_name(f"{segment} {after}"):
                return f"{segment} {after}"
    if "'" in text or "\u2019" in text or " is " in text or " ist " in text or " es " in text:
        intro = _INTRO.search(text)
        if intro is not None:
            return _name_prefix(intro.group(1)) or None
    return None


def _best(lines: Sequence[Line], indices: Sequence[int]) -> tuple[str, int] | None:
    best: tuple[float, int, int, str] | None = None
    for index in indices:
        line = lines[index]
        name = _candidate(lines, index)
        if name is None or not looks_like_name(name):
            continue
        rank = (line.size, int(line.bold), -index, name)
        if best is None or rank[:3] > best[:3]:
            best = rank
    return None if best is None else (_tidy(best[3]), -best[2])


def _signed(lines: Sequence[Line]) -> tuple[str, int] | None:
    """The name under a sign-off ("Best regards," / "Tomasz"), completed from the email
    address when only the first name is written."""
    for index in range(len(lines) - 2, -1, -1):
        if not _SIGN_OFF.fullmatch(lines[index].text.strip()):
            continue
        name = _first_segment(lines[index + 1].text)
        if looks_like_name(name):
            return _tidy(name), index + 1
        if " " in name or not name:
            return None
        for line in lines:
            if "@" in line.text:
                for first, last in _EMAIL_NAME.findall(line.text):
                    if first.lower() == name.lower():
                        return _tidy(f"{name} {last.capitalize()}"), index + 1
        return None
    return None


def find_name(lines: Sequence[Line], end: int) -> tuple[str, int] | None:
    """``(name, line index)`` of the candidate's name among the first lines, or ``None``.

    ``end`` is where the header stops (the first section heading); a name is looked for before
    it, or among the first lines of page 1 if the document opens with a heading. A labelled
    name ("Name | Jane Doe") in the header or a personal-details section after it comes first;
    then the most prominent name-like line; then a name line in those personal-details
    sections; then the name under a letter's sign-off.
    """
    zone = _zone(lines, end)
    labelled = _labelled(zone)
    if labelled is not None:
        return labelled
    limit = min(end if end > 0 else _CANDIDATE_LINES, _CANDIDATE_LINES)
    head: list[int] = []
    for index, line in enumerate(lines[:limit]):
        if line.page > 0:
            break
        head.append(index)
    found = _best(lines, head)
    if found is None:
        found = _best(lines, [index for index, _ in zone if index >= limit][:_CANDIDATE_LINES])
    return found if found is not None else _signed(lines)
