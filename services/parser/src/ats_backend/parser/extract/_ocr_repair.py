"""Repair the contact data OCR breaks, only where the repair is unambiguous.

OCR text (EasyOCR on a scanned resume) goes through the same field extraction as any other
text, and the contact patterns there (``_contacts``, ``_links``) need ``jane@example.com``,
``linkedin.com/in/jane`` and phone digits to be written as such. :func:`repair_line` mends one
recognised line before that. Every rule only fires on text that is already unmistakably an
address, a link or a phone number; anything else, and anything in doubt, is left as it is.
No rule's output is something another rule (or itself) would change again: ``repair_line``
is idempotent.

Emails (the text around an ``@`` whose right side is a lowercase domain):

* Dots in the domain read as ``" ."``, ``". "`` or ``","`` (``jane@example. com``,
  ``jane@example,com``): joined only before a well-known TLD (``com``, ``org``, ``de``...
  but no TLD that is also an English word, like ``in`` or ``it``) that no letter, digit or
  ``@`` follows, so a sentence after an address or a second address in a list is never glued
  on. A comma counts only as the domain's one separator, a spaced dot only before any real
  dot: ``jane@example.com. de`` is a sentence, not a domain.
* ``.corn``, ``.c0m``, ``.c0rn``, ``.con`` and ``.0rg`` as the last label: none is a real TLD.
* The provider label of ``jane@gmai1.com``: a small table of well-known mail providers,
  compared after folding the characters OCR confuses (``rn``/``m``, ``1``/``l``/``i``/``I``/``|``,
  ``0``/``o``). Only an exact match of the folded label, never a fuzzy distance, so another
  domain cannot turn into ``gmail``.
* Spaces around the ``@`` (``jane.doe @ example.com``): ``Lead @ Acme`` and
  ``Engineer @ acme.io`` use ``@`` for "at", so the left side must be lowercase, not a label
  word ("email", "contact", "twitter"...), the TLD well known, and the left side must either
  hold an address character (``.``, ``_``, ``+``, a digit) or be the whole segment together
  with the domain (``Email: jane @ example.com``). ``word @handle.x`` (space only before the
  ``@``) is how handles are written, so it needs the address character.
* A space inside the local part (``jane doe@example.com``): the word before is glued on only
  when it is the first word of its segment (line start or right after ``:``, ``|``, ``•``, ``,``,
  ``;``, ``(``...), lowercase, not a label word, and followed by exactly one space and a
  lowercase local part. An address has no spaces and a segment holds one value, so the whole
  segment is the address; ``jane doe@example.com`` without the join would yield the wrong
  address ``doe@example.com``. The space becomes a ``.``: EasyOCR's English model reads the
  dot of an address as a space, nearly always (measured on generated scans: every dotted
  address, with EasyOCR's defaults as with our tuning), while it reads ``_`` and ``-`` as
  they are and has no reason to see a space where the address has nothing.

Profile links (only for linkedin, github, gitlab, stackoverflow, twitter, x, behance,
dribbble and medium, and only when a ``/`` path follows, as every profile URL has one):

* The host name with confusable characters (``Iinkedin``, ``rnedium``), a space, a spaced dot
  or a comma before its TLD (``linkedin com/in/jane``), a misread TLD (``github.corn/jane``)
  and a broken ``www.`` before it. ``x`` needs a dot: ``x com/`` is not clearly a host.
* The scheme: ``https //``, ``https:/ /``, ``http: //``, ``https;//`` become ``https://`` when
  a domain name (``label.label``) follows.

Phone numbers: inside a run that is clearly a phone number (starts with ``+``, ``(`` or a
digit, at least 7 digits once repaired, groups of digits and ``-``, ``.``, ``(``, ``)`` separated by
spaces), ``O``/``o`` become ``0``, ``l``/``I``/``|`` ``1``, ``S`` ``5`` and ``B`` ``8``, when there
are at most two such letters in the run, each group holding them has at least as many digits as
letters (``B2B`` has not), a ``|`` sits between two digits, and no group touches a word (``10115
Berlin``, ``Oracle 10g``). A repaired run that reads as a year range or a date is left alone.
These repairs never change the length of the line.
"""

from __future__ import annotations

import re

__all__ = ["repair_line"]

# A line without any of these holds no email ('@'), no link this module repairs (its path or
# scheme has a '/') and no phone number (digits): the common case returns here.
_CONTACT_HINT = re.compile(r"[@/0-9]")


_FOLD_CHARS = str.maketrans({"1": "l", "i": "l", "|": "l", "!": "l", "0": "o"})


def _fold(word: str) -> str:
    """``word`` with the characters OCR confuses mapped to one of each kind."""
    return word.lower().replace("rn", "m").translate(_FOLD_CHARS)


# Emails -------------------------------------------------------------------------------------

# Common TLDs that are not everyday words (unlike in, it, at, me): the only ones a spaced dot
# or a comma may precede, so no sentence after an address is glued onto it.
_SAFE_TLDS_TEXT = (
    "com net org edu gov io dev ai app co uk de fr es nl ch se dk fi pl cz ru eu ca au jp cn br "
    "nz ie pt info biz tech xyz"
)
_SAFE_TLDS = frozenset(_SAFE_TLDS_TEXT.split())
# TLDs well known enough to accept an address whose '@' OCR spaced out.
_WORD_TLDS_TEXT = "in it at me us be no gg ly sh to tv"
_KNOWN_TLDS = _SAFE_TLDS | frozenset(_WORD_TLDS_TEXT.split())
# Misread TLDs; none is a real TLD. "con" is a Spanish word, so it is repaired only after a
# real dot (where it can only be the TLD), never joined across a space.
_TLD_TYPOS = {"corn": "com", "c0m": "com", "c0rn": "com", "con": "com", "0rg": "org"}
_JOINABLE_TLDS = sorted(_SAFE_TLDS | (_TLD_TYPOS.keys() - {"con"}), key=len, reverse=True)
_PROVIDERS = "gmail googlemail hotmail outlook yahoo protonmail proton icloud gmx zoho yandex"
_PROVIDER_BY_FOLD = {_fold(name): name for name in _PROVIDERS.split()}
# Words that label an address or use '@' for "at", never glued to an address.
_NOT_LOCAL_TEXT = (
    "email e-mail mail mailto contact contacts at to me us or and via by is address write reach "
    "send personal work home private business office correo courriel kontakt adresse tel phone "
    "mobile find follow twitter x github gitlab instagram ig telegram skype linkedin medium handle"
)
_NOT_LOCAL = frozenset(_NOT_LOCAL_TEXT.split())
_SEGMENT_OPEN = ":|•,;(<["
_SEGMENT_CLOSE = "|•,;)>]"

# The local part starts a token: at the line start or after a space, a label's colon or an
# opening bracket or quote (a fixed-width lookbehind: cheap, and it never starts mid-word).
_TOKEN_START = r"(?<![^\s:|•,;(<\[\"'])"
# Lowercase labels only ("Lead @ Acme" is no address); "I" for the provider table (gmaIl).
_LABEL = r"[a-z0-9I](?:[a-z0-9I-]{0,61}[a-z0-9I])?"
# The dot OCR most often loses entirely ("jane@example net"): a bare space is read as one only
# before these, which end nearly every address and are not words a sentence goes on with.
_SPACE_TLDS = "com|net|org|edu|io"
# A real dot; a spaced dot, a comma or a colon (EasyOCR's misreadings of a dot) right before a
# well-known TLD that ends the word; or a bare space right before one of the commonest TLDs.
_DOMAIN_SEP = (
    rf"(?:\.|(?: \. ?| ?\. |[,:])(?=(?:{'|'.join(_JOINABLE_TLDS)})(?![\w@-]))"
    rf"| (?=(?:{_SPACE_TLDS})(?![\w@.-])))"
)
_EMAIL = re.compile(
    rf"(?:{_TOKEN_START}(?P<frag>[a-z0-9]{{1,64}}) )?"
    rf"{_TOKEN_START}(?P<local>[A-Za-z0-9._%+-]{{1,64}})(?P<sp1> ?)@(?P<sp2> ?)"
    rf"(?P<domain>{_LABEL}(?:{_DOMAIN_SEP}{_LABEL})*)(?![\w@-])"
)
_SPLIT_DOMAIN = re.compile(r"( ?[.,:] ?| )")
_CLEAN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_ADDRESS_CHAR = re.compile(r"[._+0-9]")


def _segment_starts(text: str, index: int) -> bool:
    """Whether only spaces separate ``index`` from the line start or a segment opener."""
    while index and text[index - 1] == " ":
        index -= 1
    return index == 0 or text[index - 1] in _SEGMENT_OPEN


def _segment_ends(text: str, index: int) -> bool:
    while index < len(text) and text[index] == " ":
        index += 1
    return index == len(text) or text[index] in _SEGMENT_CLOSE


def _lowercase_word(word: str) -> bool:
    return word[0].isalnum() and word == word.lower() and word not in _NOT_LOCAL


def _spaced_at_is_address(match: re.Match[str], tld: str) -> bool:
    """``jane.doe @ example.com`` is an address, ``Lead @ acme.io`` and ``me @jane.dev`` not."""
    local = match["local"]
    if not _lowercase_word(local) or not any(c.isalpha() for c in local) or tld not in _KNOWN_TLDS:
        return False
    if _ADDRESS_CHAR.search(local):
        return True
    if match["sp1"] and not match["sp2"]:
        return False  # "twitter @jane.dev": a handle
    text = match.string
    return _segment_starts(text, match.start("local")) and _segment_ends(text, match.end())


def _repaired_domain(domain: str) -> list[str] | None:
    """The labels of ``domain`` after the repairs, or ``None`` if it is not clearly one."""
    parts = _SPLIT_DOMAIN.split(domain)
    labels, seps = parts[0::2], parts[1::2]
    if not seps or ("," in "".join(seps) and len(seps) > 1):
        return None  # no dot at all, or a comma that may separate two addresses
    if "." in seps and any(sep != "." for sep in seps[seps.index(".") :]):
        return None  # a spaced dot after a real one: "jane@example.com. de" is a sentence
    labels[-1] = _TLD_TYPOS.get(labels[-1], labels[-1])
    # A provider is the whole name: gmail.com, yahoo.co.uk, yahoo.com.br (not gmai1.acme.com).
    if len(labels) == 2 or (len(labels) == 3 and labels[1] in {"co", "com"}):
        labels[0] = _PROVIDER_BY_FOLD.get(_fold(labels[0]), labels[0])
    if not labels[-1].isalpha() or not all(_CLEAN_LABEL.fullmatch(label) for label in labels):
        return None
    return labels


def _repair_email(match: re.Match[str]) -> str:
    labels = _repaired_domain(match["domain"])
    if labels is None:
        return match[0]
    if (match["sp1"] or match["sp2"]) and not _spaced_at_is_address(match, labels[-1]):
        return match[0]
    local, frag = match["local"], match["frag"]
    head = ""
    if frag is not None:
        joins = (
            _lowercase_word(frag)
            and any(c.isalpha() for c in frag)
            and _lowercase_word(local)
            and _segment_starts(match.string, match.start("frag"))
        )
        head = f"{frag}." if joins else f"{frag} "
    return f"{head}{local}@{'.'.join(labels)}"


# Profile links ------------------------------------------------------------------------------

_HOSTS = {
    "linkedin": "com",
    "github": "com",
    "gitlab": "com",
    "stackoverflow": "com",
    "twitter": "com",
    "x": "com",
    "behance": "net",
    "dribbble": "com",
    "medium": "com",
}
_HOST_BY_FOLD = {_fold(name): name for name in _HOSTS}
# A host name, a separator (dot, spaced dot, comma or space) and a TLD right before a '/'.
_HOST = re.compile(
    r"(?<![\w@-])(?:(?P<www>www)(?P<wsep> ?[.,] ?| ))?"
    r"(?P<name>[A-Za-z0-9|]{1,16})(?P<sep> ?[.,] ?| )(?P<tld>[a-z0-9]{2,4})(?=/)"
)
# "https //", "https:/ /", "http: //" before a domain name.
_SCHEME = re.compile(
    r"(?<![A-Za-z0-9])(?P<scheme>https?)(?P<sep> ?[:;]? ?/ ?/ ?)(?=[A-Za-z0-9-]+\.[A-Za-z])",
    re.IGNORECASE,
)


def _repair_host(match: re.Match[str]) -> str:
    name = _HOST_BY_FOLD.get(_fold(match["name"]))
    if name is None or _TLD_TYPOS.get(match["tld"], match["tld"]) != _HOSTS[name]:
        return match[0]
    if name == "x" and "." not in match["sep"]:
        return match[0]
    written = match["name"] if match["name"].lower() == name else name  # keeps "LinkedIn"
    www = "www." if match["www"] else ""
    return f"{www}{written}.{_HOSTS[name]}"


def _repair_scheme(match: re.Match[str]) -> str:
    return f"{match['scheme']}://"


# Phone numbers ------------------------------------------------------------------------------

_LOOKALIKE_DIGITS = str.maketrans("OolI|SB", "0011158")
_LOOKALIKES = frozenset("OolI|SB")
_MAX_LOOKALIKES = 2
_MIN_DIGITS = 7  # as _contacts: fewer is no phone number
# A run of digits, look-alike letters and phone separators that starts with '+', '(' or a
# digit and not inside a word, an address, a path or a number.
_PHONE_RUN = re.compile(r"(?<![\w@/.+&#-])(?:[+(][0-9OolI|SB]|[0-9])[0-9OolI|SB().\- ]*")
_GROUP = re.compile(r"\S+")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*-\s*(?:19|20)\d\d")
_YEAR_OR_DATE = re.compile(
    r"[(.-]*(?:(?:19|20)\d\d|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})[).-]*"
)


def _phone_group(group: str, glued: bool) -> bool:
    """Whether ``group`` may belong to a phone number (``glued``: a word follows it directly)."""
    digits = sum(c.isdigit() for c in group)
    letters = sum(c in _LOOKALIKES for c in group)
    if glued or digits < letters:
        return False  # "10115Berlin", "B2B", "IO", a lone "I"
    bars = [i for i, c in enumerate(group) if c == "|"]
    return all(0 < i < len(group) - 1 and group[i - 1].isdigit() and group[i + 1].isdigit()
               for i in bars)  # fmt: skip


def _repair_phone(text: str, groups: list[re.Match[str]], chars: list[str]) -> None:
    """Turn the look-alike letters of one run of groups into digits, in ``chars``."""
    start, end = groups[0].start(), groups[-1].end()
    run = text[start:end]
    letters = sum(c in _LOOKALIKES for c in run)
    repaired = run.translate(_LOOKALIKE_DIGITS)
    if not 0 < letters <= _MAX_LOOKALIKES or sum(c.isdigit() for c in repaired) < _MIN_DIGITS:
        return
    if _YEAR_RANGE.search(repaired):
        return
    for group in groups:
        fixed = group[0].translate(_LOOKALIKE_DIGITS)
        if fixed != group[0] and _YEAR_OR_DATE.fullmatch(fixed):
            return  # "Jan 2O20", "01.02.2O20": a date, not a phone number
    chars[start:end] = repaired


def _repair_phones(text: str) -> str:
    chars = list(text)
    for span in _PHONE_RUN.finditer(text):
        after = text[span.end() : span.end() + 1]
        glued_end = bool(after) and (after.isalnum() or after in "_@/&#%")
        run: list[re.Match[str]] = []
        for group in _GROUP.finditer(text, span.start(), span.end()):
            glued = glued_end and group.end() == span.end()
            if not _phone_group(group[0], glued):
                if run:
                    _repair_phone(text, run, chars)
                run = []
            elif run or group[0][0] in "+(0123456789":
                run.append(group)
        if run:
            _repair_phone(text, run, chars)
    return "".join(chars)


def repair_line(text: str) -> str:
    """``text`` (one OCR-recognised line) with its broken contact data repaired.

    Pure and cheap: a line without ``@``, ``/`` or a digit is returned at once; otherwise one
    pass of each precompiled pattern. Nothing but emails, profile links and phone numbers
    changes (see the module docstring for each rule).
    """
    if not _CONTACT_HINT.search(text):
        return text
    if "@" in text:
        text = _EMAIL.sub(_repair_email, text)
    if "/" in text:
        text = _HOST.sub(_repair_host, text)
        text = _SCHEME.sub(_repair_scheme, text)
    if any(c in "0123456789" for c in text):
        text = _repair_phones(text)
    return text
