"""The parser's skill taxonomy (``skills.json``), read as data: canonical names for the truth,
and a deliberately naive matcher that guards the corpus against accidental skill mentions.

The truth lists a person's skills by canonical name. Every other string the generator prints
(names, companies, titles, bullets...) must mention no skill, or the truth would be wrong; the
tests check that with :func:`mentions`, which over-matches on purpose (any case for every
non-``exact`` spelling, no list-context rule), so text it passes is safe for any parser.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

_PACKAGE = "ats_backend.parser.extract"
# Characters that glue onto a word in the parser's tokens ("C++", "R&D", "Go-to-market"): a
# spelling touching one of them is part of a longer token, not a mention.
_BEFORE = r"(?<![\w+#&'-])"
_AFTER = r"(?![\w+#&'-])"


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...]
    exact: tuple[str, ...]
    ambiguous: bool
    generic: bool

    @property
    def plain(self) -> bool:
        """Counts anywhere, in any context: safe to write inside a sentence."""
        return not self.ambiguous and not self.generic and not self.exact


@functools.cache
def skills() -> tuple[Skill, ...]:
    raw = json.loads(resources.files(_PACKAGE).joinpath("skills.json").read_text("utf-8"))
    return tuple(
        Skill(
            name=entry["name"],
            category=entry.get("category", ""),
            aliases=tuple(entry.get("aliases", ())),
            exact=tuple(entry.get("exact", ())),
            ambiguous=bool(entry.get("ambiguous")),
            generic=bool(entry.get("generic")),
        )
        for entry in raw["skills"]
    )


@functools.cache
def by_name() -> dict[str, Skill]:
    return {skill.name: skill for skill in skills()}


@functools.cache
def _matchers() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    canonical: dict[str, str] = {}
    folded: list[str] = []
    exact: list[str] = []
    for skill in skills():
        for spelling in (skill.name, *skill.aliases, *skill.exact):
            if spelling in skill.exact:
                exact.append(spelling)
                canonical[spelling] = skill.name
            else:
                folded.append(spelling)
                canonical[spelling.casefold()] = skill.name

    def alternation(words: list[str]) -> str:
        ordered = sorted(set(words), key=len, reverse=True)  # longest first: "C++" before "C"
        return _BEFORE + "(" + "|".join(re.escape(word) for word in ordered) + ")" + _AFTER

    return (
        re.compile(alternation(folded), re.IGNORECASE),
        re.compile(alternation(exact)),
        canonical,
    )


def mentions(text: str) -> set[str]:
    """Canonical names of every skill that ``text`` might mention (over-matching)."""
    folded, exact, canonical = _matchers()
    found = {canonical[match.group(1).casefold()] for match in folded.finditer(text)}
    found |= {canonical[match.group(1)] for match in exact.finditer(text)}
    return found
