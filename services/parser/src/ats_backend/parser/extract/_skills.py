"""Skills: whole-word matches of a bundled taxonomy (``skills.json``), canonical names out.

Each taxonomy entry has a canonical ``name``, ``aliases`` ("JS", "k8s", "Postgres"), and
optionally ``exact``: spellings that only count with exactly that case ("Go", "C", "R", "SAS").
If the entry is also ``ambiguous`` (the word is common English or a first name: Go, Swift, Rust,
Spring, Julia...), an exact spelling only counts in a list-like context: after a comma, colon or
bullet, or "in"/"with"/"using", or before a comma, "and", "developer", "programming"...
So "I like to go hiking" and "Let's Go Hiking" are not Go, but "Go, Rust" and "written in Go"
are ("and"/"or" after the word count only with a list-like word before it too). Entries
marked ``generic`` (everyday words: Leadership, Logistics, Research...) need a stricter context
for their one-word forms, in any case: a list marked by separators or other skills.
"Skills: leadership, negotiation" counts; "presented to leadership", "Litware Logistics" and
"customer research and data" do not.

Matching walks the tokens of each line once, looking up n-grams (longest first) in a dict:
linear in the text, whatever the taxonomy size. The taxonomy is loaded on first use.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

__all__ = ["find_skills", "taxonomy_size"]

_TOKEN = re.compile(r"[\w.+#/&'-]+")
_SPLIT_TOKEN = re.compile(r"[/]")
_VERSION_SUFFIX = re.compile(r"([A-Za-z][A-Za-z+#]*?)v?\d+(?:\.\d+)*")
_LIST_BEFORE = frozenset(",;:/|([•&+")
_LIST_AFTER = frozenset(",;/|)]•+:(")
_WORDS_BEFORE_TEXT = (
    "in with using use used uses of and or via including incl like on languages language skills "
    "stack tools knowledge e.g eg such as"
)
_WORDS_BEFORE = frozenset(_WORDS_BEFORE_TEXT.split())
_WORDS_AFTER_TEXT = (
    "developer developers programming programmer language lang engineer engineers "
    "development code coding services microservices backend scripts scripting sdk api apis stack "
    "framework frameworks"
)
_WORDS_AFTER = frozenset(_WORDS_AFTER_TEXT.split())
# "and"/"or" after a word make a list only when the word before is list-like too: "Rust and Go",
# "in Go or Rust", but not "customer research and data" or "Let's Go and see".
_CONJUNCTIONS = frozenset({"and", "or"})
_MAX_SKILLS = 150
_WINDOW = 40


@dataclass(frozen=True, slots=True)
class _Alias:
    skill: str
    exact: str | None  # the only spelling that counts, if case matters
    needs_context: bool  # only counts in a list-like context
    strict: bool = False  # an everyday word: the list must be marked by separators or skills


@dataclass(frozen=True, slots=True)
class _Taxonomy:
    aliases: dict[str, tuple[_Alias, ...]]
    first_words: frozenset[str]  # lets most tokens be skipped with one set lookup
    max_words: int
    single: frozenset[str]  # one-word keys
    pairs: frozenset[str]  # the first two words of every longer key
    parts: frozenset[str]  # keys a hyphen or version piece can match (``_match_parts``)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


def _clean(token: str) -> str:
    token = token.strip("/'_&-")
    token = token.rstrip(".")
    if token.endswith("'s"):
        token = token[:-2]
    if token.startswith(".."):
        token = token.lstrip(".")
    return token


def _tokens(line: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(line):
        raw = match.group(0)
        # Most tokens are plain words: only those with punctuation at an edge (or a "'s")
        # need cleaning. This is the parser's hottest loop.
        if raw[0].isalnum() and raw[-1].isalnum() and "'" not in raw:
            tokens.append(_Token(raw, match.start(), match.end()))
            continue
        text = _clean(raw)
        if text:
            start = match.start() + raw.find(text)
            tokens.append(_Token(text, start, start + len(text)))
    return tokens


def _key(text: str) -> str:
    return " ".join(token.text.lower() for token in _tokens(text))


@functools.cache
def _taxonomy() -> _Taxonomy:
    raw = json.loads(resources.files(__package__).joinpath("skills.json").read_text("utf-8"))
    aliases: dict[str, list[_Alias]] = {}
    for entry in raw["skills"]:
        name: str = entry["name"]
        exact: list[str] = entry.get("exact", [])
        ambiguous: bool = entry.get("ambiguous", False)
        generic: bool = entry.get("generic", False)
        forms = [name, *entry.get("aliases", [])]
        forms += [form.replace("-", " ") for form in forms if "-" in form]
        for form in dict.fromkeys(forms):
            if form in exact:
                continue
            key = _key(form)
            context = generic and " " not in key
            aliases.setdefault(key, []).append(_Alias(name, None, context, strict=context))
        for form in exact:
            aliases.setdefault(_key(form), []).append(_Alias(name, form, ambiguous))
    keys = [key for key in aliases if key]
    return _Taxonomy(
        aliases={key: tuple(aliases[key]) for key in keys},
        first_words=frozenset(key.split(" ", 1)[0] for key in keys),
        max_words=max(key.count(" ") + 1 for key in aliases),
        single=frozenset(key for key in keys if " " not in key),
        pairs=frozenset(" ".join(key.split(" ", 2)[:2]) for key in keys if " " in key),
        parts=frozenset(
            key
            for key in keys
            if any(alias.exact is None and not alias.needs_context for alias in aliases[key])
        ),
    )


def taxonomy_size() -> int:
    """How many distinct skills the taxonomy knows."""
    return len({alias.skill for found in _taxonomy().aliases.values() for alias in found})


def _neighbours(line: str, start: int, end: int) -> tuple[str, str, str, str]:
    """``(char before, word before, char after, word after)`` around ``line[start:end]``."""
    # Bounded windows: a context check must not copy the rest of a 200 KB line.
    before = line[max(0, start - _WINDOW) : start].rstrip()
    after = line[end : end + _WINDOW].lstrip()
    prev_char = before[-1:] if before else ""
    next_char = after[:1]
    prev_word = before.rsplit(None, 1)[-1].lower().rstrip(".") if before else ""
    next_word = after.split(None, 1)[0].lower().rstrip(".,;:") if after else ""
    return prev_char, prev_word, next_char, next_word


def _in_list_context(line: str, token: _Token, prev_skill: bool, next_skill: bool) -> bool:
    prev_char, prev_word, next_char, next_word = _neighbours(line, token.start, token.end)
    rest = line[token.end : token.end + _WINDOW].lstrip()
    if next_char == "&" and rest[1:2].isalnum():
        return False  # "R&D"
    if next_word in _WORDS_AFTER:
        return True
    prev_ok = not prev_char or prev_char in _LIST_BEFORE or prev_word in _WORDS_BEFORE or prev_skill
    if not prev_ok:
        return False
    if not next_char or next_char in _LIST_AFTER or next_skill or next_word in _CONJUNCTIONS:
        return True
    if next_char == "&":
        return True  # "&" followed by a space: "Go & Rust"
    if next_char == ".":
        # "...in Go." ends a sentence; "C." may be a middle initial.
        return len(token.text) > 1 or not rest[1:].strip()
    return False


def _in_marked_list(line: str, token: _Token, prev_skill: bool, next_skill: bool) -> bool:
    """The stricter context for everyday words (generic skills): "Skills: research, writing".

    Only separators and neighbouring skills mark a list here, never prose words: "writing and
    editing the notes" or "initiative and flexibility" are sentences. Before the word: the
    line's start, a separator or a skill; after it: the line's end, a separator, a skill, a
    final full stop, or "and"/"or" when a separator or skill came before ("a, b and c").
    """
    prev_char, _, next_char, next_word = _neighbours(line, token.start, token.end)
    rest = line[token.end : token.end + _WINDOW].lstrip()
    if next_char == "&" and rest[1:2].isalnum():
        return False  # "R&D"
    prev_list = prev_char in _LIST_BEFORE or prev_skill
    if not (prev_list or not prev_char):
        return False
    if not next_char or next_char in _LIST_AFTER or next_char == "&" or next_skill:
        return True
    if next_char == ".":
        return not rest[1:].strip()
    return prev_list and next_word in _CONJUNCTIONS


def _accept(alias: _Alias, surface: str, context: tuple[str, _Token, bool, bool]) -> bool:
    if alias.exact is not None and surface != alias.exact:
        return False
    if not alias.needs_context:
        return True
    return _in_marked_list(*context) if alias.strict else _in_list_context(*context)


def _texts(line: str) -> list[str]:
    """The texts of ``_tokens(line)``, without their positions (no match objects)."""
    texts = []
    for raw in _TOKEN.findall(line):
        if raw[0].isalnum() and raw[-1].isalnum() and "'" not in raw:
            texts.append(raw)
        else:
            text = _clean(raw)
            if text:
                texts.append(text)
    return texts


def _may_match_alias(lowered: list[str], taxonomy: _Taxonomy) -> bool:
    """Whether any n-gram of the line could be a taxonomy key: a one-word key, or the first two
    words of a longer one (ignoring the separators between them: a superset)."""
    single, first_words, pairs = taxonomy.single, taxonomy.first_words, taxonomy.pairs
    last = len(lowered) - 1
    for index, word in enumerate(lowered):
        if word in first_words and (
            word in single or (index < last and f"{word} {lowered[index + 1]}" in pairs)
        ):
            return True
    return False


def _match_line(line: str, taxonomy: _Taxonomy, found: dict[str, None]) -> None:
    # Fast path, the common case (most lines of a resume hold no skill): without any n-gram
    # that could be a key, no alias matches, so the context checks (and the token positions
    # they need) are moot and only the in-token splits of ``_match_parts`` can find skills,
    # in the same order as the full walk below would.
    texts = _texts(line)
    lowered = [text.lower() for text in texts]
    if not _may_match_alias(lowered, taxonomy):
        for text in texts:
            if "/" in text or "-" in text or text[-1].isdigit():
                _match_parts(_Token(text, 0, 0), taxonomy, found)
        return
    tokens = _tokens(line)
    # Words of a multi-word skill are separated by spaces only, never by "," or "|".
    joined = [not line[a.end : b.start].strip() for a, b in itertools.pairwise(tokens)]
    prev_skill = False
    index = 0
    while index < len(tokens):
        start_index = index
        matched = False
        if lowered[index] in taxonomy.first_words:
            longest = min(taxonomy.max_words, len(tokens) - index)
            for size in range(longest, 0, -1):
                if size > 1 and not all(joined[index : index + size - 1]):
                    continue
                aliases = taxonomy.aliases.get(" ".join(lowered[index : index + size]))
                if not aliases:
                    continue
                start, end = tokens[index].start, tokens[index + size - 1].end
                whole = _Token(line[start:end], start, end)
                following = index + size < len(tokens) and lowered[index + size] in taxonomy.aliases
                for alias in aliases:
                    if _accept(alias, whole.text, (line, whole, prev_skill, following)):
                        found.setdefault(alias.skill)
                        matched = True
                        break
                if matched:
                    index += size
                    break
        if not matched:
            token = tokens[index]
            if "/" in token.text or "-" in token.text or token.text[-1].isdigit():
                matched = _match_parts(token, taxonomy, found)
            index += 1
        # "NLP and Forecasting": a skill, then "and"/"or", still makes a list for the next word.
        prev_skill = matched or (prev_skill and lowered[start_index] in _CONJUNCTIONS)


def _match_parts(token: _Token, taxonomy: _Taxonomy, found: dict[str, None]) -> bool:
    """Skills inside a token no alias covers as a whole: "Python/Django", "C/C++", "Python3".

    Exact-case forms count here only when the parts are slash-separated ("Go/Rust"), never
    inside a hyphenated word ("Go-to", "C-suite") or with a version suffix.
    """
    matched = False
    if "/" in token.text:
        for part in _SPLIT_TOKEN.split(token.text):
            for alias in taxonomy.aliases.get(_clean(part).lower(), ()):
                if alias.exact is None or alias.exact == _clean(part):
                    found.setdefault(alias.skill)
                    matched = True
                    break
        return matched
    pieces = token.text.split("-") if "-" in token.text else []
    version = _VERSION_SUFFIX.fullmatch(token.text)
    if version:
        pieces.append(version.group(1))
    for piece in pieces:
        for alias in taxonomy.aliases.get(piece.lower(), ()):
            if alias.exact is None and not alias.needs_context:
                found.setdefault(alias.skill)
                matched = True
                break
    return matched


def find_skills(lines: Iterable[str]) -> list[str]:
    """Canonical skill names found in ``lines``, in order of first mention, without repeats."""
    taxonomy = _taxonomy()
    found: dict[str, None] = {}
    for line in lines:
        _match_line(line, taxonomy, found)
        if len(found) >= _MAX_SKILLS:
            break
    return list(found)[:_MAX_SKILLS]
