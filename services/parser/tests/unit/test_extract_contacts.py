"""Emails, phone numbers (international, and national given a region hint) and links."""

from __future__ import annotations

import pytest

from ats_backend.parser.extract import parse_document
from ats_backend.parser.extract._contacts import find_email, find_phone
from ats_backend.parser.extract._links import find_links
from ats_backend.parser.extract._regions import region_hints


def basics(text: str) -> dict[str, object]:
    result: dict[str, object] = parse_document(text.encode(), content_type="text/plain")["basics"]
    return result


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Email: jane.doe@example.com", "jane.doe@example.com"),
        ("Contact: <Jane.Doe+jobs@Example.COM>.", "Jane.Doe+jobs@example.com"),
        ("mail:jane_o'neil@mail.example.co.uk;", "jane_o'neil@mail.example.co.uk"),
        ("(jane@example.org)", "jane@example.org"),
        ("josé@exämple.de", "josé@exämple.de"),
    ],
)
def test_email(line: str, expected: str) -> None:
    assert find_email([line]) == expected


@pytest.mark.parametrize(
    "line",
    ["@janedoe on Twitter", "jane@localhost", "jane@@example.com", "a@b", "jane@example..com"],
)
def test_not_an_email(line: str) -> None:
    assert find_email([line]) is None


def test_first_valid_email_wins() -> None:
    assert find_email(["x@y", "first@example.com second@example.com"]) == "first@example.com"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe\nLondon | +44 20 7946 0958", "+442079460958"),
        ("Jane Doe\nPhone: +44 (0)20 7946 0958", "+442079460958"),
        ("Max Müller\nTel. +49 30 901820", "+4930901820"),
        ("Max Müller\n+49 (0) 151 2345 6789", "+4915123456789"),
        ("Priya Sharma\n+91 98765 43210", "+919876543210"),
        ("Priya Sharma\n+91-98765-43210", "+919876543210"),
        ("Jane Doe\n+1 (415) 555-2671", "+14155552671"),
    ],
)
def test_international_phone_numbers(text: str, expected: str) -> None:
    assert basics(text)["phone"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe\nSan Francisco, CA 94107\n(415) 555-2671", "+14155552671"),
        ("Jane Doe\nAustin, TX | 512.555.0123", "+15125550123"),
        ("Jane Doe\nAustin, TX | 512-867-5309", "+15128675309"),
        ("Jane Doe | 415 555 2671 | Seattle, United States", "+14155552671"),
        ("Max Müller\nBerlin, Germany\n030 901820", "+4930901820"),
        ("Max Müller\nMünchen\nMobil: 0151 23456789", "+4915123456789"),
        ("Amelia Clarke\nManchester, UK\n020 7946 0958", "+442079460958"),
        ("Amelia Clarke\n10 Downing Street, London SW1A 2AA\n07911 123456", "+447911123456"),
        ("Priya Sharma\nBengaluru\n098765 43210", "+919876543210"),
    ],
)
def test_national_numbers_use_the_region_of_the_address(text: str, expected: str | None) -> None:
    assert basics(text).get("phone") == expected


def test_national_number_without_any_region_is_not_guessed() -> None:
    assert "phone" not in basics("Jane Doe\n(415) 555-2671")


def test_year_ranges_and_dates_are_not_phone_numbers() -> None:
    text = "Jane Doe\nNew York, NY\nAcme 2015 - 2019\nGrad 06/12/2018\nID 20152019"
    assert "phone" not in basics(text)


def test_phone_from_a_tel_link() -> None:
    assert find_phone(["tel:+4930901820"], []) == "+4930901820"


def test_region_hints_order() -> None:
    header = ["Jane Doe", "Toronto, Ontario M5V 2T6"]
    body = ["Worked in Berlin, Germany", "Intern, San Jose, CA"]
    assert region_hints(header, body, ["mail.example.co.uk"]) == ["CA", "DE", "US", "GB"]


def test_us_state_is_not_read_from_other_capitals() -> None:
    assert region_hints(["R&D, ML, AI lead"], []) == []


def test_profiles_and_website() -> None:
    website, profiles = find_links(
        [
            "https://www.linkedin.com/in/jane-doe-42/?originalSubdomain=uk",
            "GitHub: github.com/janedoe | janedoe.dev",
            "twitter.com/@jane | medium.com/@janedoe | stackoverflow.com/users/123/jane-doe",
        ],
        ["Project: https://github.com/acme/payments", "See gitlab.com/jdoe"],
    )
    assert website == "https://janedoe.dev"
    assert profiles == [
        {
            "network": "LinkedIn",
            "username": "jane-doe-42",
            "url": "https://www.linkedin.com/in/jane-doe-42",
        },
        {"network": "GitHub", "username": "janedoe", "url": "https://github.com/janedoe"},
        {"network": "Twitter", "username": "jane", "url": "https://twitter.com/jane"},
        {"network": "Medium", "username": "janedoe", "url": "https://medium.com/@janedoe"},
        {
            "network": "Stack Overflow",
            "username": "jane-doe",
            "url": "https://stackoverflow.com/users/123/jane-doe",
        },
        {"network": "GitLab", "username": "jdoe", "url": "https://gitlab.com/jdoe"},
    ]


def test_company_sites_and_skills_are_not_the_candidates_website() -> None:
    website, _ = find_links(["Jane Doe", "ASP.NET, Node.js, Vue.js"], ["Booking.com, 2019"])
    assert website is None
    website, _ = find_links([], ["https://acme.example.com"])
    assert website is None


def test_site_pages_are_not_profiles() -> None:
    _, profiles = find_links(
        ["https://github.com/features", "https://www.linkedin.com/company/acme"], []
    )
    assert profiles == []


def test_emails_are_not_links() -> None:
    website, profiles = find_links(["jane@janedoe.dev"], [])
    assert (website, profiles) == (None, [])
