"""Places: "Berlin, Germany", "Austin, TX 78701", "São Paulo, SP, Brazil" -> city/region/country.

A place is written small-to-large, comma-separated: ``[street,] [postcode] city[, region]
[, country]``. Parts are read from the end: a known country (the names ``_regions`` knows), then
a region (US state, Canadian province, Indian or Australian state, or a short capitalised code
such as "SP"), then the city. Something must be *known* (a country, a region or a big city)
before a text counts as a place, so "Senior Engineer, Acme" never does. Country codes are
ISO 3166-1 alpha-2, as JSON Resume's ``location.countryCode`` wants.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ._regions import CITY_NAMES, COUNTRY_NAMES, US_STATES
from ._roles import company_score, title_score

__all__ = ["find_location", "is_location_label", "parse_location"]

# More cities than ``_regions`` needs for phone hints (there only the big ones matter).
_MORE_CITIES: dict[str, str] = {
    "US": (
        "houston|dallas|philadelphia|phoenix|miami|portland|minneapolis|pittsburgh|detroit|"
        "raleigh|nashville|salt lake city|san antonio|sacramento|mountain view|palo alto|"
        "redmond|menlo park|oakland|sunnyvale|santa clara|cupertino|new york city|nyc|"
        "baltimore|charlotte|columbus|indianapolis|kansas city|st. louis|orlando|tampa|"
        "las vegas|boulder|ann arbor|madison|princeton|new haven|irvine|berkeley"
    ),
    "GB": "liverpool|newcastle|nottingham|sheffield|oxford|cardiff|belfast|reading|brighton",
    "DE": (
        "leipzig|dresden|hannover|nuremberg|nürnberg|bonn|karlsruhe|mannheim|essen|dortmund|"
        "bremen|heidelberg|aachen|darmstadt|potsdam|freiburg|münster|kiel"
    ),
    "FR": "marseille|toulouse|lille|bordeaux|nantes|nice|grenoble|strasbourg|rennes",
    "ES": "valencia|sevilla|seville|bilbao|málaga|malaga|zaragoza",
    "IT": "turin|torino|florence|firenze|naples|napoli|bologna|pisa|padova|genova",
    "NL": "utrecht|eindhoven|the hague|den haag|delft|groningen|leiden",
    "BE": "antwerp|antwerpen|ghent|gent|leuven|bruxelles|brussel",
    "CH": "basel|bern|lausanne|genève",
    "AT": "graz|linz|salzburg|innsbruck",
    "IE": "cork|galway",
    "SE": "gothenburg|göteborg|malmö|uppsala",
    "DK": "aarhus",
    "FI": "tampere|espoo",
    "PL": "wroclaw|wrocław|gdansk|gdańsk|poznan|poznań|łódź|lodz",
    "CZ": "brno|praha",
    "HU": "budapest",
    "RO": "bucharest|bucurești|cluj-napoca|iasi",
    "GR": "athens|thessaloniki",
    "BG": "sofia",
    "RS": "belgrade|novi sad",
    "HR": "zagreb",
    "PT": "braga|coimbra",
    "IN": (
        "ahmedabad|jaipur|kochi|coimbatore|chandigarh|indore|trivandrum|thiruvananthapuram|"
        "mysore|mysuru|lucknow|bhubaneswar|nagpur|vadodara|visakhapatnam|bombay|madras|"
        "calcutta"
    ),
    "BR": (
        "belo horizonte|brasília|brasilia|curitiba|porto alegre|recife|florianópolis|"
        "florianopolis|campinas|salvador|fortaleza"
    ),
    "MX": "guadalajara|monterrey|ciudad de méxico|cdmx",
    "CO": "medellín|medellin|cali",
    "CL": "santiago",
    "PE": "lima",
    "AU": "perth|adelaide|canberra",
    "NZ": "wellington|christchurch",
    "SG": "singapore",
    "HK": "hong kong",
    "JP": "kyoto|yokohama",
    "CN": "guangzhou|hangzhou|chengdu",
    "TW": "taipei",
    "IL": "haifa|jerusalem",
    "ZA": "durban|pretoria",
    "NG": "abuja",
    "PK": "islamabad",
    "LK": "colombo",
    "NP": "kathmandu",
    "VN": "da nang|saigon",
    "UA": "kiev|lviv|kharkiv",
    "RU": "moscow|saint petersburg",
    "TR": "ankara|izmir",
    "SA": "riyadh|jeddah",
    "QA": "doha",
    "EE": "tallinn",
    "LV": "riga",
    "LT": "vilnius",
}
# Regions that name their country: full US state names, Canadian provinces, Indian and
# Australian states (codes and names).
_REGIONS: dict[str, str] = {
    "US": (
        "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|"
        "georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
        "massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
        "new hampshire|new jersey|new mexico|north carolina|north dakota|ohio|oklahoma|oregon|"
        "pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|"
        "virginia|washington|west virginia|wisconsin|wyoming"
    ),
    "CA": (
        "on|bc|qc|ab|mb|sk|ns|nb|nl|pe|ontario|british columbia|quebec|québec|alberta|"
        "manitoba|saskatchewan|nova scotia|new brunswick"
    ),
    "IN": (
        "karnataka|maharashtra|tamil nadu|telangana|kerala|gujarat|rajasthan|uttar pradesh|"
        "west bengal|haryana|punjab|andhra pradesh|delhi ncr|ncr|madhya pradesh|odisha|goa"
    ),
    "AU": (
        "nsw|vic|qld|tas|act|new south wales|victoria|queensland|tasmania|western australia|"
        "south australia"
    ),
    "DE": (
        "bayern|bavaria|baden-württemberg|nordrhein-westfalen|nrw|hessen|niedersachsen|"
        "sachsen|brandenburg"
    ),
}
_LABEL = re.compile(
    r"^(?:location|address|adresse|anschrift|wohnort|based in|ubicación|dirección|endereço|"
    r"indirizzo|residence|lives in|city|ort|standort|wohnhaft in|adres|woonplaats|domicilio|"
    r"morada)\s*:?(?:\s+|$)",
    re.IGNORECASE,
)
# Any "Label:" at the start of a comma part ("Cell: ...", "Linkedin:") in a contact line.
_ANY_LABEL = re.compile(r"^\s*[^\W\d_][^\W\d_ -]{0,15}:\s*")
# Postcodes: "94107", "D-10115", "83980-736" (BR), "544-8991" (JP), "M5V 2T6" (CA),
# "1226 NM" (NL), "SW1A 1AA" (UK).
_POSTAL = re.compile(
    r"\b\d{4} ?[A-Z]{2}\b|\b(?:[A-Z]{1,2}-)?\d{4,6}(?:-\d{3,4})?\b|\b\d{3}-\d{4}\b"
    r"|\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"
)
_REGION_CODE = re.compile(r"[A-Z]{2,3}")
_DISTRICT = re.compile(r"(?<=[^\W\d_]) (?:\d{1,2}|[A-Z]{1,2}\d{1,2}[A-Z]?)$")
_DIGIT = re.compile(r"\d")
_SEGMENTS = re.compile(r"\s[|•·]\s|\s{2,}|\t|\s[-/]\s|;")
_CITY_WORD = re.compile(r"[^\W\d_][\w.'-]*")
_PARTICLES_TEXT = "de del da do dos das di am an der im upon on sur la le el city of"
_PARTICLES = frozenset(_PARTICLES_TEXT.split())
_MAX_LEN = 120
_MAX_PARTS = 6
_MAX_CITY_WORDS = 4
_MAX_REGION_WORDS = 3
_CONTACT_DIGITS = 7  # a part with this many digits is a phone number, not a postcode
_MAX_NEXT_LINE = 40  # an address wrapped onto a second line: its rest is short


def _phrases(by_region: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name: region for region, names in by_region for name in names.split("|")}


@functools.cache
def _last_words() -> frozenset[str]:
    """Last words of every known country, city and region ("york", "kingdom", "tx"): a text
    without a comma that ends in none of them is no place (the cheap, common answer)."""
    countries, cities, regions = _tables()
    return frozenset(name.rsplit(" ", 1)[-1] for name in [*countries, *cities, *regions])


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, frozenset[str]]]:
    """``(country name -> code, city -> code, region -> codes)``, all keys lowercase; a region
    code can belong to several countries ("WA": Washington or Western Australia)."""
    countries = _phrases(COUNTRY_NAMES.items())
    cities = _phrases(CITY_NAMES.items())
    cities.update(_phrases(_MORE_CITIES.items()))
    regions: dict[str, set[str]] = {}
    for region, names in [*_REGIONS.items(), ("US", "|".join(US_STATES).lower())]:
        for name in names.split("|"):
            regions.setdefault(name, set()).add(region)
    return countries, cities, {name: frozenset(codes) for name, codes in regions.items()}


def _clean(part: str) -> str:
    part = _POSTAL.sub("", part).strip(" .()-")
    # "Dublin 9", "Cardiff CF14": a postal district after the city, not a street number.
    return _DISTRICT.sub("", part)


def _is_city(text: str) -> bool:
    if text.lower() in _tables()[1]:
        return True
    words = text.split()
    if not 1 <= len(words) <= _MAX_CITY_WORDS:
        return False
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not _CITY_WORD.fullmatch(word) or not word[0].isupper():
            return False
    return title_score(text) == 0 and company_score(text) == 0


def _split_glued_region(
    part: str, regions: dict[str, frozenset[str]], cities: dict[str, str], country: bool
) -> list[str]:
    """A region written without its comma: "Boston MA", "Sydney NSW", "Hyderabad Telangana"
    (only after a known city or with a country named, so "BASED IN" stays a label)."""
    words = part.split()
    for size in range(min(_MAX_REGION_WORDS, len(words) - 1), 0, -1):
        tail, head = " ".join(words[-size:]), " ".join(words[:-size])
        if tail.lower() in regions and tail[0].isupper() and (country or head.lower() in cities):
            return [head, tail]
    return [part]


def parse_location(text: str, *, strict: bool = True) -> dict[str, str] | None:
    """``{"city", "region", "countryCode"}`` (keys found only) if ``text`` is a place.

    ``strict``: every part must be read (no "Acme Corp" before the city); addresses in a
    header are read with ``strict=False``, where a district or street name may come first.
    """
    place = _parse(text, strict)
    return dict(place) if place is not None else None


@functools.lru_cache(maxsize=4096)  # segments are tried several times per document
def _parse(text: str, strict: bool) -> dict[str, str] | None:
    text = text.strip()
    if text.endswith(")") and " (" in text:
        text = text[:-1].replace(" (", ", ")  # "Oslo (Norway)" is "Oslo, Norway"
    # A place ends in a known country, region or city (or a postcode): anything else is
    # rejected before the real work, which is what most segments of a resume need.
    last = text.rstrip(" ,").rsplit(",", 1)[-1].rsplit(" ", 1)[-1].lower().strip(".()")
    ending = bool(last) and (last[-1].isdigit() or last in _last_words() or ":" in text)
    if not ending and _LABEL.match(text) is None:
        return None
    label = _LABEL.match(text)
    if label is not None:
        text = text[label.end() :]
    if not text or len(text) > _MAX_LEN or "@" in text or "://" in text or "www." in text:
        return None
    countries, cities, regions = _tables()
    raw_parts = text.split(",")
    if len(raw_parts) > _MAX_PARTS:
        return None
    # A part that still holds digits once postcodes are gone is a street ("Calle de Alcalá 123").
    parts = [part for part in map(_clean, raw_parts) if part and not _DIGIT.search(part)]
    if not parts:
        return None
    if len(parts) == 1 and "," not in text:
        lowered = parts[0].lower()
        if lowered not in countries and lowered not in cities and " " not in lowered:
            return None  # one unknown word is not a place (the common, cheap case)
    found: dict[str, str] = {}
    country = countries.get(parts[-1].lower())
    if country is not None:
        found["countryCode"] = country
        parts.pop()
        if not parts:  # a bare country, or a city-state ("Singapore")
            if cities.get(text.strip().lower()) == country:
                return {"city": text.strip(), "countryCode": country}
            return found
    if parts:
        parts[-1:] = _split_glued_region(parts[-1], regions, cities, country is not None)
    region_codes: frozenset[str] = frozenset()
    if parts:
        last = parts[-1]
        known = regions.get(last.lower(), frozenset())
        if known and (country is None or country in known) and last.lower() not in cities:
            found["region"], region_codes = last, known
            parts.pop()
        elif (
            len(parts) >= 2
            and last.lower() not in cities
            and (_REGION_CODE.fullmatch(last) or (country and parts[-2].lower() in cities))
        ):
            # "São Paulo, SP, Brazil", "Lyon, Rhône, France": what sits between a city and
            # the country is the region.
            found["region"] = last
            parts.pop()
    if parts and _is_city(parts[-1]):
        city = parts[-1]
        city_country = cities.get(city.lower())
        if city_country is not None or found:
            found["city"] = city
            parts.pop()
        if "countryCode" not in found:
            if city_country is not None and (not region_codes or city_country in region_codes):
                found["countryCode"] = city_country
            elif region_codes:
                found["countryCode"] = "US" if "US" in region_codes else min(region_codes)
    elif region_codes and "countryCode" not in found:
        found["countryCode"] = "US" if "US" in region_codes else min(region_codes)
    if strict and parts:
        return None
    if not found.get("countryCode") and not found.get("city"):
        return None
    return {key: found[key] for key in ("city", "region", "countryCode") if key in found}


def _is_contact(part: str) -> bool:
    """An email, link or phone number (a postcode has fewer digits; a place has no "/")."""
    return (
        "@" in part
        or "/" in part
        or "www." in part
        # The length test first: a shorter part cannot hold enough digits, and most are short.
        or (len(part) >= _CONTACT_DIGITS and sum(map(str.isdigit, part)) >= _CONTACT_DIGITS)
    )


def _candidates(segment: str) -> Iterable[str]:
    """The segment, and, when it also holds contacts ("Cell: +49 89..., Address: München,
    Deutschland, Linkedin: ..."), each run of its comma parts between contacts and labels."""
    yield segment
    if "," not in segment:
        return
    run: list[str] = []
    parts = segment.split(",")
    for part in parts:
        label = _ANY_LABEL.match(part)
        if _is_contact(part) or (label is not None and not _LABEL.match(part.strip())):
            if run:
                yield ",".join(run)
            run = []
            continue
        if label is not None and run:  # "Address:" opens a new run
            yield ",".join(run)
            run = []
        run.append(part)
    # A run of every part is the segment itself, already yielded: parsing it again would only
    # repeat its answer (the common case: a segment with neither contacts nor labels).
    if run and len(run) < len(parts):
        yield ",".join(run)


def _places(line: str) -> Iterable[dict[str, str]]:
    for segment in _SEGMENTS.split(line):
        for candidate in _candidates(segment):
            place = parse_location(candidate, strict=False)
            if place is not None:
                yield place


def is_location_label(text: str) -> bool:
    """Whether a line only says that a place follows ("LOCATION", "Based in:", "Adresse")."""
    label = _LABEL.match(text.strip())
    return label is not None and label.end() >= len(text.strip())


def _names_country(line: str) -> bool:
    countries = _tables()[0]
    return any(_clean(part).lower() in countries for part in line.split(","))


def _first_place(line: str) -> dict[str, str] | None:
    fallback = None
    for place in _places(line):
        if "city" in place:
            return place
        fallback = fallback or place
    return fallback


def find_location(lines: Iterable[str]) -> dict[str, str] | None:
    """The first place written in ``lines`` (header lines), looking at each ``|``-separated
    segment; a place with a city beats a bare country. An address wrapped onto the next lines
    ("Based in: Stationsstraat 34," + "7457 LW Utrecht, The" + "Netherlands") is read whole."""
    texts = list(lines)
    fallback: dict[str, str] | None = None
    for index, line in enumerate(texts):
        place = _first_place(line)
        if not _is_contact(line) and (place is None or len(place) < 2 or not _names_country(line)):
            # Maybe wrapped: the line with the next one or two short, contact-free lines.
            joined = line
            for following in texts[index + 1 : index + 3]:
                if len(following) > _MAX_NEXT_LINE or _is_contact(following):
                    break
                joined = f"{joined} {following}"
                longer = _first_place(joined)
                if longer is not None and (
                    place is None
                    or len(longer) > len(place)
                    or (longer.get("city") == place.get("city") and _names_country(joined))
                ):
                    place = longer
        if place is not None and "city" in place:
            return place
        fallback = fallback or place
    return fallback
