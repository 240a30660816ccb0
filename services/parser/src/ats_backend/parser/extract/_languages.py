"""Spoken languages: "Spanish (native), English (C1)" -> JSON Resume ``languages`` items.

Items are cut at commas, semicolons, pipes and bullets; each item is a language name, maybe
followed by its fluency in parentheses or after a colon or dash ("German: fluent",
"English - C1", "French B2"). Inside a languages section any short capitalised item counts as
a language; elsewhere ("Languages: ..." in a skills list) only names from a bundled list do.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["find_languages", "inline_languages"]

_NAMES_TEXT = (
    "english german french spanish portuguese italian dutch russian chinese mandarin cantonese "
    "japanese korean arabic hindi bengali bangla urdu turkish polish swedish norwegian danish "
    "finnish greek czech hungarian romanian ukrainian hebrew persian farsi vietnamese thai "
    "indonesian malay tagalog filipino swahili tamil telugu kannada malayalam marathi gujarati "
    "punjabi catalan basque galician croatian serbian slovak slovenian bulgarian lithuanian "
    "latvian estonian icelandic irish welsh afrikaans latin nepali sinhala amharic yoruba hausa "
    "igbo zulu "
    "deutsch englisch französisch spanisch italienisch portugiesisch niederländisch russisch "
    "chinesisch japanisch türkisch polnisch arabisch "
    "français anglais allemand espagnol italien portugais néerlandais russe chinois japonais "
    "arabe "
    "español castellano inglés alemán francés portugués chino catalán "
    "português inglês alemão francês espanhol "
    "nederlands engels duits frans spaans "
    "inglese tedesco francese spagnolo"
)
_LEVELS = (
    r"[ABC][12]|native|fluent|basic|beginner|intermediate|advanced|upper intermediate|"
    r"proficient|conversational|business|professional|professional working|full professional|"
    r"limited working|working|mother tongue|bilingual|elementary|first language|"
    r"muttersprache|fließend|verhandlungssicher|grundkenntnisse|gut|sehr gut|natif|native|"
    r"courant|bilingue|nativo|nativa|fluido|fluida|básico|intermedio|avanzado|moedertaal|"
    r"vloeiend|madrelingua"
)
_FLUENCY = re.compile(
    r"^(?P<name>[^\W\d_][^\W\d_' -]{1,24}(?:\s[^\W\d_][^\W\d_'-]{1,24}){0,2}?)"
    r"(?:\s?\((?P<paren>[^()]{1,50})\)|\s?[:\u2013-]\s?(?P<after>.{1,50})"
    rf"|\s(?P<level>(?:{_LEVELS})\b.{{0,40}}))?$",
    re.IGNORECASE,
)
# A fluency that names a level ("Native", "C1", "Professional working proficiency"): what lets
# an unknown name count as a language.
_LEVEL = re.compile(rf"^(?:{_LEVELS})\b", re.IGNORECASE)
_MARKERS = " .+*>-\u2013•·"
_ITEMS = re.compile(r"\s?[,;|•·/]\s?|\s{2,}")
_LABEL = re.compile(
    r"^(?:languages known|languages|language skills|sprachen|sprachkenntnisse|fremdsprachen|"
    r"langues|idiomas|lingue|talen|(?P<native>mother tongue(?:\(s\))?|muttersprache|"
    r"langue maternelle|lengua materna|língua materna|moedertaal|madrelingua)|"
    r"other language(?:\(s\))?)"
    r"\s?(?::|\|)\s?",
    re.IGNORECASE,
)
# "English and French (both fluent)": two languages, one fluency.
_AND = re.compile(r"\s(?:and|und|et|y|e|en|&)\s")
_MAX_ITEM = 80


@functools.cache
def _names() -> frozenset[str]:
    return frozenset(_NAMES_TEXT.split())


def _item(text: str, *, known_only: bool) -> dict[str, Any] | None:
    text = text.strip(_MARKERS)
    if not text or len(text) > _MAX_ITEM:
        return None
    match = _FLUENCY.match(text)
    if match is None:
        return None
    name = match.group("name").strip()
    if not name[0].isupper() and name.lower() not in _names():
        return None
    fluency = match.group("paren") or match.group("after") or match.group("level")
    if name.split()[0].lower() not in _names() and (
        known_only or len(name.split()) > 2 or not (fluency and _LEVEL.match(fluency.strip()))
    ):
        return None
    item: dict[str, Any] = {"language": name}
    if fluency:
        item["fluency"] = fluency.strip(" .")
    return item


def _items(part: str, *, known_only: bool, native: bool) -> list[dict[str, Any]]:
    item = _item(part, known_only=known_only)
    if item is None:
        return []
    if native and "fluency" not in item:
        item["fluency"] = "Mother tongue"
    names = _AND.split(item["language"])
    if len(names) > 1 and all(name.split()[0].lower() in _names() for name in names):
        fluency = item.get("fluency", "").removeprefix("both ").removeprefix("beide ")
        return [{"language": name, **({"fluency": fluency} if fluency else {})} for name in names]
    return [item]


def find_languages(texts: Iterable[str], *, known_only: bool = False) -> list[dict[str, Any]]:
    """Language items in some text (a languages section's paragraphs), without repeats."""
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for text in texts:
        label = _LABEL.match(text)
        native = label is not None and label.group("native") is not None
        for part in _ITEMS.split(text[label.end() :] if label else text):
            for item in _items(part, known_only=known_only, native=native):
                if item["language"].lower() not in seen:
                    seen.add(item["language"].lower())
                    items.append(item)
    return items


def inline_languages(texts: Iterable[str]) -> list[dict[str, Any]]:
    """Languages from "Languages: ..." lines anywhere (a skills section, the header)."""
    labelled = [text for text in texts if _LABEL.match(text)]
    return find_languages(labelled, known_only=True)
