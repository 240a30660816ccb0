"""Places: city, region and ISO country code from the ways addresses are written."""

from __future__ import annotations

import pytest

from ats_backend.parser.extract._location import (
    find_location,
    is_location_label,
    parse_location,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berlin, Germany", {"city": "Berlin", "countryCode": "DE"}),
        ("Austin, TX", {"city": "Austin", "region": "TX", "countryCode": "US"}),
        ("Austin, TX 78701", {"city": "Austin", "region": "TX", "countryCode": "US"}),
        ("London, UK", {"city": "London", "countryCode": "GB"}),
        ("São Paulo, SP, Brazil", {"city": "São Paulo", "region": "SP", "countryCode": "BR"}),
        ("Bengaluru, India", {"city": "Bengaluru", "countryCode": "IN"}),
        (
            "Bengaluru, Karnataka, India",
            {"city": "Bengaluru", "region": "Karnataka", "countryCode": "IN"},
        ),
        ("Toronto, ON", {"city": "Toronto", "region": "ON", "countryCode": "CA"}),
        ("Perth, WA, Australia", {"city": "Perth", "region": "WA", "countryCode": "AU"}),
        ("Sydney NSW, Australia", {"city": "Sydney", "region": "NSW", "countryCode": "AU"}),
        (
            "Seattle WA 98101, United States",
            {"city": "Seattle", "region": "WA", "countryCode": "US"},
        ),
        (
            "Springfield, Illinois",
            {"city": "Springfield", "region": "Illinois", "countryCode": "US"},
        ),
        ("Lyon, Rhône, France", {"city": "Lyon", "region": "Rhône", "countryCode": "FR"}),
        ("Oslo (Norway)", {"city": "Oslo", "countryCode": "NO"}),
        ("Ho Chi Minh City, Vietnam", {"city": "Ho Chi Minh City", "countryCode": "VN"}),
        ("Berlin", {"city": "Berlin", "countryCode": "DE"}),
        ("München", {"city": "München", "countryCode": "DE"}),
        ("Singapore", {"city": "Singapore", "countryCode": "SG"}),
        ("Germany", {"countryCode": "DE"}),
        ("Location: Berlin, Germany", {"city": "Berlin", "countryCode": "DE"}),
        ("Based in: Tokyo, Japan", {"city": "Tokyo", "countryCode": "JP"}),
    ],
)
def test_places(text: str, expected: dict[str, str]) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Calle de Alcalá 123, 28009 Madrid, Spain", {"city": "Madrid", "countryCode": "ES"}),
        ("Flat 88, Albion Court, London SW1A 1AA, UK", {"city": "London", "countryCode": "GB"}),
        (
            "Stationsstraat 159, 1226 NM Eindhoven, The Netherlands",
            {"city": "Eindhoven", "countryCode": "NL"},
        ),
        (
            "Rua das Flores, 171, 83980-736 São Paulo, Brasil",
            {"city": "São Paulo", "countryCode": "BR"},
        ),
        ("139-2-3 Shibuya, 544-8991 Tokyo, Japan", {"city": "Tokyo", "countryCode": "JP"}),
        (
            "29, MG Road, Hyderabad Telangana",
            {"city": "Hyderabad", "region": "Telangana", "countryCode": "IN"},
        ),
    ],
)
def test_street_addresses(text: str, expected: dict[str, str]) -> None:
    assert parse_location(text, strict=False) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Senior Product Manager, Northwind Payments",
        "Data Scientist, NLP and Forecasting",
        "Acme Corp",
        "Remote",
        "BASED IN",
        "jane@example.com",
        "+34 612 345 678",
        "Texas Instruments",
        "",
    ],
)
def test_not_places(text: str) -> None:
    assert parse_location(text) is None


def test_a_company_before_the_city_is_not_a_place_unless_loose() -> None:
    assert parse_location("Acme Corp, Berlin") is None
    assert parse_location("Acme Corp, Berlin", strict=False) == {
        "city": "Berlin",
        "countryCode": "DE",
    }


def test_find_location_in_contact_lines() -> None:
    assert find_location(
        ["Jane Doe", "jane@example.com | (415) 555-2671 | San Francisco, CA 94107"]
    ) == {"city": "San Francisco", "region": "CA", "countryCode": "US"}
    assert find_location(
        ["Mail: luisa@example.org, Cell: +49 89 85305754, Address: München, Deutschland, Linkedin:"]
    ) == {"city": "München", "countryCode": "DE"}
    assert find_location(
        ["rahul@example.net, +918040565116, Chennai, Tamil Nadu, India, linkedin.com/in/rk"]
    ) == {"city": "Chennai", "region": "Tamil Nadu", "countryCode": "IN"}


def test_find_location_reads_wrapped_addresses() -> None:
    assert find_location(["22 George Street, Perth WA", "6909, Australia"]) == {
        "city": "Perth",
        "region": "WA",
        "countryCode": "AU",
    }
    assert find_location(
        ["Based in: Stationsstraat 34,", "7457 LW Utrecht, The", "Netherlands"]
    ) == {
        "city": "Utrecht",
        "countryCode": "NL",
    }
    assert find_location(["Address: Manchester, United", "Kingdom"]) == {
        "city": "Manchester",
        "countryCode": "GB",
    }


def test_find_location_prefers_a_city_and_may_find_none() -> None:
    assert find_location(["Germany", "Berlin"]) == {"city": "Berlin", "countryCode": "DE"}
    assert find_location(["Germany"]) == {"countryCode": "DE"}
    assert find_location(["Senior Engineer", "jane@example.com"]) is None


def test_location_labels() -> None:
    assert is_location_label("LOCATION")
    assert is_location_label("Based in:")
    assert not is_location_label("Location: Berlin")


def test_postal_districts_and_long_address_lines() -> None:
    assert find_location(["12 Iona Road, Glasnevin, Dublin 9 • 087 123 4567"]) == {
        "city": "Dublin",
        "countryCode": "IE",
    }
    assert find_location(["Whitchurch, Cardiff CF14 • 07912 345678"]) == {
        "city": "Cardiff",
        "countryCode": "GB",
    }
    assert find_location(
        ["Department of Earth Sciences, University of Bristol, Bristol BS8 1RJ, United Kingdom"]
    ) == {"city": "Bristol", "countryCode": "GB"}
    assert find_location(["Adres | Oudegracht 112, 3511 AW Utrecht"]) == {
        "city": "Utrecht",
        "countryCode": "NL",
    }
