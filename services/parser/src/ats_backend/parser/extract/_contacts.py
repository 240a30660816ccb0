"""Email addresses and phone numbers.

Emails: candidates are cut out around each ``@`` (bounded windows, so a hostile line costs
linear time) and then checked against the real address grammar by ``email_validator``.
Phones: ``phonenumbers.PhoneNumberMatcher`` tries the regions the text suggests (an address in
the header), then ``ZZ``, which only accepts international numbers written with a leading ``+``.
Both return the first hit in reading order: the contact block is at the top.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import phonenumbers
from email_validator import EmailNotValidError, validate_email

__all__ = ["find_email", "find_phone"]

_LOCAL_MAX = 64  # RFC 5321 limits
_DOMAIN_MAX = 255
_MAX_AT_SIGNS = 200
_LOCAL_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-"
)
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")

_PHONE_LINES = 400
_PHONE_LINE_CHARS = 300
_PHONE_REGIONS = 3
_MIN_PHONE_DIGITS = 7
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*-\s*(?:19|20)\d\d")


def _is_local_char(ch: str) -> bool:
    # Internationalised local parts (RFC 6531) are letters of any script.
    return ch in _LOCAL_CHARS or (ch.isalnum() and not ch.isascii())


def _is_domain_char(ch: str) -> bool:
    return ch in _DOMAIN_CHARS or (ch.isalnum() and not ch.isascii())


def _email_candidates(line: str) -> Iterable[str]:
    at = line.find("@")
    seen = 0
    while at != -1 and seen < _MAX_AT_SIGNS:
        seen += 1
        start = at
        while start > 0 and at - start < _LOCAL_MAX and _is_local_char(line[start - 1]):
            start -= 1
        end = at + 1
        while end < len(line) and end - at <= _DOMAIN_MAX and _is_domain_char(line[end]):
            end += 1
        # Punctuation that ends the sentence or wraps the address is not part of it.
        local = line[start:at].lstrip(".'`{|}~-")
        domain = line[at + 1 : end].rstrip(".-")
        if local and "." in domain:
            yield f"{local}@{domain}"
        at = line.find("@", at + 1)


def find_email(lines: Iterable[str]) -> str | None:
    """The first syntactically valid email address (``mailto:`` targets count too)."""
    for line in lines:
        if line.lower().startswith("mailto:"):
            line = line[len("mailto:") :].split("?", 1)[0]
        for candidate in _email_candidates(line):
            try:
                return validate_email(candidate, check_deliverability=False).normalized
            except EmailNotValidError:
                continue
    return None


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _phones_in(line: str, region: str) -> Iterable[str]:
    if line.lower().startswith("tel:"):
        line = line[len("tel:") :]
    matcher = phonenumbers.PhoneNumberMatcher(
        line[:_PHONE_LINE_CHARS], region, leniency=phonenumbers.Leniency.VALID
    )
    for match in matcher:
        if _digits(match.raw_string) < _MIN_PHONE_DIGITS or _YEAR_RANGE.search(match.raw_string):
            continue
        yield phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)


def find_phone(lines: Sequence[str], regions: Sequence[str]) -> str | None:
    """The first valid phone number in reading order, in E.164 (``+4930901820``).

    Each line is tried with the suggested ``regions`` in order (national formats), then with
    ``ZZ`` (only ``+`` numbers). Only lines with enough digits reach the matcher, and only so
    many lines: a hostile document cannot make this slow.
    """
    tried = [*regions[:_PHONE_REGIONS], "ZZ"]
    for line in lines[:_PHONE_LINES]:
        if _digits(line[:_PHONE_LINE_CHARS]) < _MIN_PHONE_DIGITS:
            continue
        for region in tried:
            for phone in _phones_in(line, region):
                return phone
    return None
