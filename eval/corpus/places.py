"""Countries and cities: how an address is written, and the truth it carries (city, region,
ISO 3166-1 alpha-2 country code)."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class City:
    name: str
    region: str  # as people write it in an address ("TX", "Karnataka"); "" when unusual
    country: str  # ISO code


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    names: tuple[str, ...]  # ways the country is written
    region_usual: bool  # addresses there usually carry the region (US, AU, BR, IN)
    postcode: str  # pattern, "#" a digit, "@" an upper-case letter
    street: tuple[str, ...]  # "{n}" the house number
    street_first: bool = True  # "12 Baker Street" vs "Hauptstraße 12"


COUNTRIES: dict[str, Country] = {
    country.code: country
    for country in (
        Country(
            "GB",
            ("United Kingdom", "UK"),
            False,
            "@@# #@@",
            ("{n} Baker Street", "{n} Victoria Road", "Flat {n}, Albion Court"),
        ),
        Country(
            "US",
            ("USA", "United States"),
            True,
            "#####",
            ("{n} Maple Avenue", "{n} Market Street, Apt 4B", "{n} Oak Street"),
        ),
        Country(
            "DE",
            ("Germany", "Deutschland"),
            False,
            "#####",
            ("Hauptstraße {n}", "Lindenallee {n}", "Schillerstraße {n}"),
            False,
        ),
        Country(
            "FR",
            ("France",),
            False,
            "#####",
            ("{n} rue de la République", "{n} avenue Jean Jaurès", "{n} rue Victor Hugo"),
        ),
        Country(
            "ES",
            ("Spain", "España"),
            False,
            "#####",
            ("Calle Mayor {n}", "Avenida de la Constitución {n}"),
            False,
        ),
        Country(
            "NL",
            ("Netherlands", "The Netherlands"),
            False,
            "#### @@",
            ("Keizersgracht {n}", "Stationsstraat {n}"),
            False,
        ),
        Country(
            "BR",
            ("Brazil", "Brasil"),
            True,
            "#####-###",
            ("Rua das Flores, {n}", "Avenida Paulista, {n}"),
            False,
        ),
        Country("AU", ("Australia",), True, "####", ("{n} George Street", "{n} Collins Street")),
        Country("IN", ("India",), True, "######", ("{n}, MG Road", "{n}, Linking Road")),
        Country("JP", ("Japan",), False, "###-####", ("{n}-2-3 Shibuya",), False),
    )
}

CITIES: tuple[City, ...] = (
    City("London", "England", "GB"),
    City("Manchester", "England", "GB"),
    City("Edinburgh", "Scotland", "GB"),
    City("Bristol", "England", "GB"),
    City("New York", "NY", "US"),
    City("San Francisco", "CA", "US"),
    City("Austin", "TX", "US"),
    City("Chicago", "IL", "US"),
    City("Seattle", "WA", "US"),
    City("Boston", "MA", "US"),
    City("Berlin", "Berlin", "DE"),
    City("München", "Bayern", "DE"),
    City("Hamburg", "Hamburg", "DE"),
    City("Köln", "Nordrhein-Westfalen", "DE"),
    City("Paris", "Île-de-France", "FR"),
    City("Lyon", "Auvergne-Rhône-Alpes", "FR"),
    City("Toulouse", "Occitanie", "FR"),
    City("Madrid", "Comunidad de Madrid", "ES"),
    City("Barcelona", "Cataluña", "ES"),
    City("Sevilla", "Andalucía", "ES"),
    City("Málaga", "Andalucía", "ES"),
    City("Amsterdam", "Noord-Holland", "NL"),
    City("Rotterdam", "Zuid-Holland", "NL"),
    City("Utrecht", "Utrecht", "NL"),
    City("Eindhoven", "Noord-Brabant", "NL"),
    City("São Paulo", "SP", "BR"),
    City("Rio de Janeiro", "RJ", "BR"),
    City("Belo Horizonte", "MG", "BR"),
    City("Florianópolis", "SC", "BR"),
    City("Sydney", "NSW", "AU"),
    City("Melbourne", "VIC", "AU"),
    City("Brisbane", "QLD", "AU"),
    City("Perth", "WA", "AU"),
    City("Bengaluru", "Karnataka", "IN"),
    City("Mumbai", "Maharashtra", "IN"),
    City("Pune", "Maharashtra", "IN"),
    City("Hyderabad", "Telangana", "IN"),
    City("Chennai", "Tamil Nadu", "IN"),
    City("Tokyo", "Tokyo", "JP"),
    City("Osaka", "Osaka", "JP"),
    City("Yokohama", "Kanagawa", "JP"),
    City("Fukuoka", "Fukuoka", "JP"),
)


def cities_in(code: str) -> tuple[City, ...]:
    return tuple(city for city in CITIES if city.country == code)


def _postcode(rng: random.Random, pattern: str) -> str:
    return "".join(
        str(rng.randrange(10)) if ch == "#" else rng.choice("ABDEHLMNPRSTW") if ch == "@" else ch
        for ch in pattern
    )


def address(rng: random.Random, city: City) -> tuple[str, dict[str, str]]:
    """How a resume gives the person's location, and the ``basics.location`` truth."""
    country = COUNTRIES[city.country]
    country_name = rng.choice(country.names)
    truth = {"city": city.name, "countryCode": city.country}
    if rng.random() < 0.15:  # a full postal address
        street = rng.choice(country.street).format(n=rng.randint(2, 180))
        code = _postcode(rng, country.postcode)
        if country.street_first:
            place = (
                f"{city.name} {city.region} {code}"
                if country.region_usual
                else (f"{city.name} {code}")
            )
            if country.region_usual:
                truth["region"] = city.region
            return f"{street}, {place}, {country_name}", truth
        return f"{street}, {code} {city.name}, {country_name}", truth
    if country.region_usual and rng.random() < 0.7:
        truth["region"] = city.region
        if city.country == "US" and rng.random() < 0.5:
            return f"{city.name}, {city.region}", truth
        return f"{city.name}, {city.region}, {country_name}", truth
    return f"{city.name}, {country_name}", truth
