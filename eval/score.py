"""Scoring a parse against the truth: matching rules, entry alignment, precision/recall/F1.

Matching rules (also in docs/parsing-evaluation.md):

* **email**: exact, case-insensitive, surrounding space ignored.
* **phone**: exact E.164 string (``+442079460958``).
* **name**, **location city**, **languages**: normalised equality. Normalising keeps accents
  (``Zoë`` is not ``Zoe``) but folds case (Turkish dotless i as i), Unicode compatibility forms
  (ligatures such as ``ﬀ``), punctuation (``Jean-Luc`` = ``Jean Luc``, ``O'Connor`` =
  ``OConnor``) and whitespace.
* **location country**: ISO code, exact after upper-casing.
* **links** (``basics.url`` and every ``basics.profiles[].url``): a set of URLs compared
  without scheme, ``www.``, trailing slash or case.
* **work company**, **education institution**: fuzzy. Both names are normalised as above, dots
  dropped (``S.A.`` = ``SA``), ``&`` read as ``and``, and trailing legal suffixes (Inc, Ltd,
  GmbH, LLC, S.A., B.V., Pty Ltd, K.K....) removed; they match when equal as token sets or
  when ``difflib.SequenceMatcher`` ratio >= 0.85.
* **work position**: normalised as names; match when ratio >= 0.85.
* **dates** (work start/end, education start/end): year-month. Truth ``2020-01`` needs a
  prediction starting ``2020-01`` (a bare ``2020`` does not match); truth ``2020`` (the
  document shows only the year) needs the year ``2020``, with or without a month. A current job
  has no ``endDate`` in the truth: predicting one is a false positive.
* **education degree**: ``studyType`` exact after folding case and removing spaces and
  punctuation (``Ph.D.`` = ``PhD``); the parser must normalise (``B.Sc.`` -> ``Bachelor``).
* **skills**: set of canonical taxonomy names, case-insensitive.

Counting. For a single-valued field: truth and prediction match -> TP; both present but not
matching -> FP + FN; truth only -> FN; prediction only -> FP; neither -> nothing. Set fields
(links, skills, languages) count TP = |T & P|, FP = |P - T|, FN = |T - P|. List fields (work,
education) first align predicted entries to truth entries greedily: the candidate pairs are
ranked by whether the company/institution matches, then by how many other fields match, then
by company/institution similarity; a pair needs at least one matching field. Each aligned pair
is then counted field by field as above; the fields of an unaligned truth entry are FNs, those
of an unaligned predicted entry FPs. A document the parser fails on counts as an empty parse.

Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean; a ratio with a
zero denominator is 1.0 when the other error count is zero too (nothing to find, nothing
claimed) and 0.0 otherwise. Goals apply to F1 over the whole corpus.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FUZZY_THRESHOLD = 0.85


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    goal: float | None  # F1 the parser must reach; None: reported only
    main: bool = False  # shown in the per-layout table


FIELDS: tuple[Field, ...] = (
    Field("name", 0.97, True),
    Field("email", 0.99, True),
    Field("phone", 0.97, True),
    Field("location city", None),
    Field("location country", None),
    Field("links", None),
    Field("work company", 0.92, True),
    Field("work position", 0.90, True),
    Field("work startDate", 0.90, True),
    Field("work endDate", 0.90, True),
    Field("education institution", 0.92, True),
    Field("education degree", 0.90, True),
    Field("education dates", None),
    Field("skills", 0.85, True),
    Field("languages", None),
)
FIELD_NAMES = tuple(field.name for field in FIELDS)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.fp, self.fn)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.fn, self.fp)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(tp: int, wrong: int, other_wrong: int) -> float:
    if tp + wrong:
        return tp / (tp + wrong)
    return 1.0 if other_wrong == 0 else 0.0


# ---- normalisation and matching rules -------------------------------------------------------

_NOT_WORD = re.compile(r"[^\w]+")
_LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "gmbh",
        "mbh",
        "ag",
        "se",
        "kg",
        "kgaa",
        "co",
        "corp",
        "corporation",
        "company",
        "sa",
        "sas",
        "sarl",
        "sl",
        "slu",
        "bv",
        "nv",
        "ltda",
        "pty",
        "pvt",
        "private",
        "kk",
        "spa",
        "srl",
        "oy",
        "ab",
        "as",
        "asa",
    }
)


def _text(value: Any) -> str | None:
    """A non-empty string, or None for anything else (missing, null, wrong type)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def normalise(text: str) -> str:
    """Case, compatibility forms, punctuation and whitespace folded; accents kept."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u0131", "i")
    text = text.replace("'", "").replace("\u2019", "")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def normalise_org(text: str) -> str:
    """``"Bergmann & Söhne GmbH & Co. KG"`` -> ``"bergmann and söhne"``."""
    text = unicodedata.normalize("NFKC", text).replace(".", "").replace("&", " and ")
    tokens = normalise(text).split()
    while len(tokens) > 1 and (tokens[-1] in _LEGAL_SUFFIXES or tokens[-1] == "and"):
        tokens.pop()
    return " ".join(tokens)


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if sorted(a.split()) == sorted(b.split()):
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def match_email(truth: str, predicted: str) -> bool:
    return truth.strip().casefold() == predicted.strip().casefold()


def match_phone(truth: str, predicted: str) -> bool:
    return truth.strip() == predicted.strip()


def match_name(truth: str, predicted: str) -> bool:
    return normalise(truth) == normalise(predicted)


def match_country(truth: str, predicted: str) -> bool:
    return truth.strip().upper() == predicted.strip().upper()


def org_similarity(truth: str, predicted: str) -> float:
    return similarity(normalise_org(truth), normalise_org(predicted))


def match_org(truth: str, predicted: str) -> bool:
    return org_similarity(truth, predicted) >= FUZZY_THRESHOLD


def match_position(truth: str, predicted: str) -> bool:
    return similarity(normalise(truth), normalise(predicted)) >= FUZZY_THRESHOLD


def match_date(truth: str, predicted: str) -> bool:
    truth, predicted = truth.strip(), predicted.strip()
    if len(truth) == 4:  # the document gives only the year
        return predicted[:4] == truth
    return predicted[:7] == truth[:7]


def match_study_type(truth: str, predicted: str) -> bool:
    return _NOT_WORD.sub("", truth.casefold()) == _NOT_WORD.sub("", predicted.casefold())


def normalise_url(url: str) -> str:
    url = url.strip().casefold()
    url = re.sub(r"^[a-z]+://", "", url)
    return url.removeprefix("www.").rstrip("/")


# ---- counting -------------------------------------------------------------------------------

Matcher = Callable[[str, str], bool]


def count_value(truth: Any, predicted: Any, matches: Matcher) -> Counts:
    expected, got = _text(truth), _text(predicted)
    if expected is None:
        return Counts(fp=1 if got is not None else 0)
    if got is None:
        return Counts(fn=1)
    return Counts(tp=1) if matches(expected, got) else Counts(fp=1, fn=1)


def count_set(truth: Iterable[str], predicted: Iterable[str]) -> Counts:
    expected, got = set(truth), set(predicted)
    return Counts(tp=len(expected & got), fp=len(got - expected), fn=len(expected - got))


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _entries(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _links(basics: Mapping[str, Any]) -> set[str]:
    urls = [basics.get("url")] + [p.get("url") for p in _entries(basics.get("profiles"))]
    return {normalise_url(text) for url in urls if (text := _text(url))}


def _names(items: Any, key: str, fold: Callable[[str], str]) -> set[str]:
    return {fold(text) for item in _entries(items) if (text := _text(item.get(key)))}


# (result field, entry key, matcher) for the entries of a list section; the first is the key
# entries are aligned on.
_WORK = (
    ("work company", "name", match_org),
    ("work position", "position", match_position),
    ("work startDate", "startDate", match_date),
    ("work endDate", "endDate", match_date),
)
_EDUCATION = (
    ("education institution", "institution", match_org),
    ("education degree", "studyType", match_study_type),
    ("education dates", "startDate", match_date),
    ("education dates", "endDate", match_date),
)


def _matches(
    truth: Mapping[str, Any], predicted: Mapping[str, Any], key: str, matcher: Matcher
) -> bool:
    expected, got = _text(truth.get(key)), _text(predicted.get(key))
    return expected is not None and got is not None and matcher(expected, got)


def align(
    truth: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    fields: tuple[tuple[str, str, Matcher], ...],
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (truth index, predicted index); see the module docstring."""
    _, primary, primary_matcher = fields[0]
    ranked: list[tuple[tuple[bool, int, float], int, int]] = []
    for i, expected in enumerate(truth):
        for j, got in enumerate(predicted):
            primary_match = _matches(expected, got, primary, primary_matcher)
            others = sum(_matches(expected, got, key, m) for _, key, m in fields[1:])
            if not primary_match and not others:
                continue
            a, b = _text(expected.get(primary)), _text(got.get(primary))
            closeness = org_similarity(a, b) if a and b else 0.0
            ranked.append(((primary_match, others, closeness), i, j))
    ranked.sort(key=lambda item: (not item[0][0], -item[0][1], -item[0][2], item[1], item[2]))
    pairs: list[tuple[int, int]] = []
    used_truth: set[int] = set()
    used_predicted: set[int] = set()
    for _, i, j in ranked:
        if i not in used_truth and j not in used_predicted:
            pairs.append((i, j))
            used_truth.add(i)
            used_predicted.add(j)
    return sorted(pairs)


def _count_entries(
    truth: Any,
    predicted: Any,
    fields: tuple[tuple[str, str, Matcher], ...],
    result: dict[str, Counts],
) -> None:
    expected, got = _entries(truth), _entries(predicted)
    pairs = align(expected, got, fields)
    paired_truth = {i for i, _ in pairs}
    paired_predicted = {j for _, j in pairs}
    empty: Mapping[str, Any] = {}
    comparisons = [(expected[i], got[j]) for i, j in pairs]
    comparisons += [(entry, empty) for i, entry in enumerate(expected) if i not in paired_truth]
    comparisons += [(empty, entry) for j, entry in enumerate(got) if j not in paired_predicted]
    for truth_entry, predicted_entry in comparisons:
        for name, key, matcher in fields:
            result[name].add(count_value(truth_entry.get(key), predicted_entry.get(key), matcher))


def score_document(truth: Mapping[str, Any], predicted: Mapping[str, Any]) -> dict[str, Counts]:
    """Per-field counts for one document (``predicted`` may be ``{}`` for a failed parse)."""
    result = {name: Counts() for name in FIELD_NAMES}
    basics, got = _mapping(truth.get("basics")), _mapping(predicted.get("basics"))
    where, got_where = _mapping(basics.get("location")), _mapping(got.get("location"))
    result["name"] = count_value(basics.get("name"), got.get("name"), match_name)
    result["email"] = count_value(basics.get("email"), got.get("email"), match_email)
    result["phone"] = count_value(basics.get("phone"), got.get("phone"), match_phone)
    result["location city"] = count_value(where.get("city"), got_where.get("city"), match_name)
    result["location country"] = count_value(
        where.get("countryCode"), got_where.get("countryCode"), match_country
    )
    result["links"] = count_set(_links(basics), _links(got))
    _count_entries(truth.get("work"), predicted.get("work"), _WORK, result)
    _count_entries(truth.get("education"), predicted.get("education"), _EDUCATION, result)
    result["skills"] = count_set(
        _names(truth.get("skills"), "name", str.casefold),
        _names(predicted.get("skills"), "name", str.casefold),
    )
    result["languages"] = count_set(
        _names(truth.get("languages"), "language", normalise),
        _names(predicted.get("languages"), "language", normalise),
    )
    return result


def total(documents: Iterable[Mapping[str, Counts]]) -> dict[str, Counts]:
    result = {name: Counts() for name in FIELD_NAMES}
    for counts in documents:
        for name, value in counts.items():
            result[name].add(value)
    return result


def goals_missed(totals: Mapping[str, Counts]) -> list[str]:
    return [
        field.name
        for field in FIELDS
        if field.goal is not None and totals[field.name].f1 < field.goal
    ]
