"""Which country a resume's phone numbers are most likely written for.

A national-format number ("(415) 555-2671", "030 1234567") only means something with a region;
the text usually says which one in the address line. ``region_hints`` returns ISO 3166-1 codes
suggested by the text, strongest first: country names, then postal-code patterns, then big
cities, then country-code top-level domains of the candidate's email and links.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

__all__ = ["CITY_NAMES", "COUNTRY_NAMES", "US_STATES", "region_hints"]

# Region -> "|"-separated lowercase names, as people write them (English and native).
COUNTRY_NAMES: dict[str, str] = {
    "US": "united states|united states of america|usa|u.s.a",
    "GB": "united kingdom|uk|england|scotland|wales|great britain|northern ireland",
    "DE": "germany|deutschland",
    "FR": "france",
    "ES": "spain|españa",
    "IT": "italy|italia",
    "PT": "portugal",
    "NL": "netherlands|the netherlands|nederland",
    "BE": "belgium",
    "CH": "switzerland|schweiz|suisse",
    "AT": "austria|österreich",
    "IE": "ireland",
    "SE": "sweden|sverige",
    "NO": "norway|norge",
    "DK": "denmark|danmark",
    "FI": "finland|suomi",
    "PL": "poland|polska",
    "CZ": "czech republic|czechia",
    "RO": "romania",
    "HU": "hungary",
    "GR": "greece",
    "TR": "turkey|türkiye",
    "UA": "ukraine",
    "RU": "russia",
    "IL": "israel",
    "IN": "india|bharat",
    "PK": "pakistan",
    "BD": "bangladesh",
    "LK": "sri lanka",
    "NP": "nepal",
    "CN": "china",
    "HK": "hong kong",
    "TW": "taiwan",
    "JP": "japan",
    "KR": "south korea|korea",
    "SG": "singapore",
    "MY": "malaysia",
    "ID": "indonesia",
    "PH": "philippines",
    "VN": "vietnam|viet nam",
    "TH": "thailand",
    "AU": "australia",
    "NZ": "new zealand",
    "CA": "canada",
    "MX": "mexico|méxico",
    "BR": "brazil|brasil",
    "AR": "argentina",
    "CL": "chile",
    "CO": "colombia",
    "PE": "peru|perú",
    "ZA": "south africa",
    "NG": "nigeria",
    "KE": "kenya",
    "EG": "egypt",
    "MA": "morocco",
    "GH": "ghana",
    "ET": "ethiopia",
    "AE": "united arab emirates|uae",
    "SA": "saudi arabia",
    "QA": "qatar",
    "EE": "estonia",
    "LV": "latvia",
    "LT": "lithuania",
    "RS": "serbia",
    "HR": "croatia",
    "BG": "bulgaria",
    "SK": "slovakia",
    "SI": "slovenia",
    "LU": "luxembourg",
    "IS": "iceland",
}
# Region -> big cities that often stand alone in an address line ("Berlin", "Bengaluru").
CITY_NAMES: dict[str, str] = {
    "US": (
        "new york|san francisco|los angeles|seattle|chicago|boston|austin|denver|atlanta|"
        "san jose|san diego|washington dc|brooklyn"
    ),
    "GB": "london|manchester|edinburgh|glasgow|birmingham|bristol|cambridge|leeds",
    "DE": "berlin|munich|münchen|hamburg|frankfurt|cologne|köln|stuttgart|düsseldorf",
    "FR": "paris|lyon",
    "ES": "madrid|barcelona",
    "PT": "lisbon|lisboa|porto",
    "NL": "amsterdam|rotterdam",
    "BE": "brussels",
    "CH": "zurich|zürich|geneva",
    "AT": "vienna|wien",
    "IE": "dublin",
    "SE": "stockholm",
    "NO": "oslo",
    "DK": "copenhagen",
    "FI": "helsinki",
    "PL": "warsaw|warszawa|kraków|krakow",
    "CZ": "prague",
    "IT": "milan|milano|rome|roma",
    "IL": "tel aviv",
    "IN": (
        "bangalore|bengaluru|mumbai|new delhi|delhi|hyderabad|chennai|pune|kolkata|gurgaon|"
        "gurugram|noida"
    ),
    "CA": "toronto|vancouver|montreal|montréal|ottawa|calgary",
    "AU": "sydney|melbourne|brisbane",
    "NZ": "auckland",
    "JP": "tokyo|osaka",
    "KR": "seoul",
    "CN": "shanghai|beijing|shenzhen",
    "BR": "são paulo|sao paulo|rio de janeiro",
    "MX": "mexico city",
    "AR": "buenos aires",
    "CO": "bogotá|bogota",
    "NG": "lagos",
    "KE": "nairobi",
    "ZA": "cape town|johannesburg",
    "AE": "dubai|abu dhabi",
    "EG": "cairo",
    "TR": "istanbul",
    "UA": "kyiv",
    "PH": "manila",
    "ID": "jakarta",
    "MY": "kuala lumpur",
    "VN": "ho chi minh city|hanoi",
    "TH": "bangkok",
    "PK": "karachi|lahore",
    "BD": "dhaka",
}
# Country-code TLD -> region, where they differ or are commonly used for personal domains.
_TLDS: dict[str, str] = {
    "uk": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "be": "BE", "ch": "CH",
    "at": "AT", "ie": "IE", "se": "SE", "no": "NO", "dk": "DK", "fi": "FI", "pl": "PL", "cz": "CZ",
    "pt": "PT", "in": "IN", "ca": "CA", "au": "AU", "nz": "NZ", "br": "BR", "mx": "MX", "ar": "AR",
    "za": "ZA", "ng": "NG", "ke": "KE", "jp": "JP", "kr": "KR", "cn": "CN", "sg": "SG", "my": "MY",
    "il": "IL", "ae": "AE", "tr": "TR",
}  # fmt: skip
_US_STATES_TEXT = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
)
US_STATES = frozenset(_US_STATES_TEXT.split())
_MAX_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*", re.UNICODE)
# Each pattern starts at a literal or bounded class, so a search stays linear on hostile lines.
_US_ZIP = re.compile(r",\s?([A-Z]{2})\s+\d{5}(?:-\d{4})?\b")
_US_STATE = re.compile(r",\s?([A-Z]{2})\b(?![-'&])")
_CA_POSTAL = re.compile(r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")


@functools.cache
def _table(kind: str) -> tuple[dict[str, str], frozenset[str]]:
    """``(phrase -> region, first words of the phrases)`` for ``"countries"`` or ``"cities"``."""
    by_region = COUNTRY_NAMES if kind == "countries" else CITY_NAMES
    phrases = {name: region for region, names in by_region.items() for name in names.split("|")}
    return phrases, frozenset(phrase.split(" ", 1)[0] for phrase in phrases)


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def _phrases(words: Sequence[str], kind: str) -> Iterable[str]:
    """Regions of the country or city names found in ``words`` (``_words(text)``), in order."""
    phrases, first_words = _table(kind)
    for start in range(len(words)):
        if words[start] not in first_words:
            continue
        for size in range(min(_MAX_WORDS, len(words) - start), 0, -1):
            region = phrases.get(" ".join(words[start : start + size]))
            if region:
                yield region
                break


def _postal(text: str) -> Iterable[str]:
    for match in _US_ZIP.finditer(text):
        if match.group(1) in US_STATES:
            yield "US"
    if _CA_POSTAL.search(text):
        yield "CA"
    if _UK_POSTCODE.search(text):
        yield "GB"
    for match in _US_STATE.finditer(text):
        if match.group(1) in US_STATES:
            yield "US"


def region_hints(
    header: Sequence[str], body: Sequence[str], domains: Sequence[str] = ()
) -> list[str]:
    """Region codes suggested by the text, strongest first, without repeats.

    ``header`` lines (the contact block) count before ``body`` lines; ``domains`` are host
    names of the candidate's email and links, whose country-code TLD is the weakest hint.
    """
    found: list[str] = []
    for lines in (header, body):
        text = "\n".join(lines)
        words = _words(text)  # once for both tables: the whole resume's words, in the worst case
        found.extend(_phrases(words, "countries"))
        found.extend(_postal(text))
        found.extend(_phrases(words, "cities"))
    for domain in domains:
        region = _TLDS.get(domain.rsplit(".", 1)[-1].lower())
        if region:
            found.append(region)
    return list(dict.fromkeys(found))
