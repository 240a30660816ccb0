"""Phone numbers that ``phonenumbers`` accepts, written the ways people write them.

Each country has templates of national significant numbers ("x" a random digit), taken from
ranges reserved for drama/fiction where the country has one (UK 020 7946 0xxx, US 555-01xx,
AU 0491 570 xxx, FR 01 99 00 xx xx, DE 030 23125 xxx); the E.164 truth comes from
``phonenumbers`` itself, so the truth is right by construction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import phonenumbers

_TEMPLATES: dict[str, tuple[str, ...]] = {
    "GB": ("2079460xxx", "1614960xxx", "1174960xxx", "74xxxxxxxx"),
    "US": ("212555015x", "415555017x", "512555014x", "312555018x", "206555011x"),
    "DE": ("3023125xxx", "152xxxxxxxx", "176xxxxxxxx", "89xxxxxxxx"),
    "FR": ("19900xxxx", "6xxxxxxxx", "7xxxxxxxx"),
    "ES": ("6xxxxxxxx", "91xxxxxxx", "93xxxxxxx"),
    "NL": ("6xxxxxxxx", "20xxxxxxx", "10xxxxxxx"),
    "BR": ("119xxxxxxxx", "219xxxxxxxx", "11xxxxxxxx"),
    "AU": ("491570xxx", "25550xxxx", "370102xxx"),
    "IN": ("98xxxxxxxx", "22xxxxxxxx", "80xxxxxxxx"),
    "JP": ("90xxxxxxxx", "80xxxxxxxx", "3xxxxxxxx"),
}
COUNTRIES = tuple(_TEMPLATES)
# Countries where people write "+44 (0)20 ..." (the trunk 0 kept in brackets).
_TRUNK_ZERO = frozenset({"GB", "DE", "NL", "AU"})
_INTERNATIONAL = phonenumbers.PhoneNumberFormat.INTERNATIONAL
_NATIONAL = phonenumbers.PhoneNumberFormat.NATIONAL
_E164 = phonenumbers.PhoneNumberFormat.E164


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str
    country: str
    number: phonenumbers.PhoneNumber


def random_phone(rng: random.Random, country: str) -> Phone:
    templates = _TEMPLATES[country]
    for _ in range(200):
        template = rng.choice(templates)
        digits = "".join(str(rng.randrange(10)) if ch == "x" else ch for ch in template)
        number = phonenumbers.parse("+" + str(_code(country)) + digits)
        if phonenumbers.is_valid_number(number):
            return Phone(phonenumbers.format_number(number, _E164), country, number)
    raise AssertionError(f"no valid phone number for {country}")  # a template is broken


def _code(country: str) -> int:
    return phonenumbers.country_code_for_region(country)


def written(rng: random.Random, phone: Phone, *, national_ok: bool) -> str:
    """The number as a person writes it; national forms only where the reader can tell the
    country (the resume shows an address in it)."""
    international = phonenumbers.format_number(phone.number, _INTERNATIONAL)
    national = phonenumbers.format_number(phone.number, _NATIONAL)
    styles = ["international", "international", "e164", "double_zero", "dotted"]
    if phone.country in _TRUNK_ZERO:
        styles.append("trunk_zero")
    if phone.country == "US":
        styles.append("us_brackets")
    if national_ok:
        styles += ["national", "national", "national"]
    style = rng.choice(styles)
    if style == "national":
        return national
    if style == "e164":
        return phone.e164
    if style == "double_zero":
        return "00" + international[1:]
    if style == "dotted":
        return international.replace(" ", ".", 1).replace(" ", ".").replace("-", ".")
    if style == "trunk_zero":
        code, rest = international.split(" ", 1)
        return f"{code} (0){rest}"
    if style == "us_brackets":
        return "+1 " + national
    return international
