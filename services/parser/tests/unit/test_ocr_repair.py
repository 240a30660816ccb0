"""OCR repair of contact data: each rule, the lines it must leave alone, and its invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ats_backend.parser.extract._contacts import find_email, find_phone
from ats_backend.parser.extract._links import find_links
from ats_backend.parser.extract._ocr_repair import repair_line

EMAILS = [
    # Spaces around the '@' and the domain's dots.
    ("jane.doe @ example .com", "jane.doe@example.com"),
    ("jane.doe@example. com", "jane.doe@example.com"),
    ("jane.doe@example . com", "jane.doe@example.com"),
    ("jane_doe @example.com", "jane_doe@example.com"),
    ("jane@ example.com", "jane@example.com"),
    ("Email: jane @ example.com", "Email: jane@example.com"),
    ("Jane Doe | jane @ example.com | Berlin", "Jane Doe | jane@example.com | Berlin"),
    ("(jane @ example.com)", "(jane@example.com)"),
    ("jane@example .co .uk", "jane@example.co.uk"),
    ("jane@example .co.uk", "jane@example.co.uk"),
    # A comma read for the dot.
    ("jane@example,com", "jane@example.com"),
    ("Email: jane@example,de", "Email: jane@example.de"),
    # Misread TLDs.
    ("jane@example.corn", "jane@example.com"),
    ("jane@example.c0m", "jane@example.com"),
    ("jane@example.con", "jane@example.com"),
    ("jane@example.0rg", "jane@example.org"),
    ("jane@example. corn", "jane@example.com"),
    ("jane@example.corn.", "jane@example.com."),
    # Mail providers.
    ("jane@gmai1.com", "jane@gmail.com"),
    # A dot read as a colon (EasyOCR at low detection resolution).
    ("E-mail: mei_zhou@example:com | Tel: +49", "E-mail: mei_zhou@example.com | Tel: +49"),
    # The dot lost entirely, before the commonest TLDs only.
    ("salma.aziz47@example net", "salma.aziz47@example.net"),
    ("Email: jane@gmail com | +44 20 7946 0958", "Email: jane@gmail.com | +44 20 7946 0958"),
    ("jane@gmaii.com", "jane@gmail.com"),
    ("jane@grnail.com", "jane@gmail.com"),
    ("jane@gmall.com", "jane@gmail.com"),
    ("jane@gmaIl.corn", "jane@gmail.com"),
    ("jane@hotmai1.com", "jane@hotmail.com"),
    ("jane@yah00.co.uk", "jane@yahoo.co.uk"),
    ("jane@yah00.com.br", "jane@yahoo.com.br"),
    ("jane@outl00k.com", "jane@outlook.com"),
    ("jane@protonrnail.com", "jane@protonmail.com"),
    ("jane@ic1oud.com", "jane@icloud.com"),
    ("Jane.Doe@Gmai1.com", "Jane.Doe@Gmai1.com"),  # an uppercase domain is left alone
    # A space inside the local part (EasyOCR's reading of a dot): the first word of its
    # segment is joined with the dot.
    ("jane doe@example.com", "jane.doe@example.com"),
    ("Email: jane doe@gmai1.com", "Email: jane.doe@gmail.com"),
    ("Jane Doe | jane doe@example.com | Berlin", "Jane Doe | jane.doe@example.com | Berlin"),
    ("• jane doe@example.com", "• jane.doe@example.com"),
    ("Email: jung jiwoo@example net | Cell: 0055", "Email: jung.jiwoo@example.net | Cell: 0055"),
    ("mailto:jane@example. com", "mailto:jane@example.com"),
    ("jane@gmai1.com, john@yah00.com", "jane@gmail.com, john@yahoo.com"),
]

LINKS = [
    ("linkedin com/in/jane", "linkedin.com/in/jane"),
    ("linkedin. com/in/jane", "linkedin.com/in/jane"),
    ("linkedin .com/in/jane", "linkedin.com/in/jane"),
    ("linkedin,com/in/jane", "linkedin.com/in/jane"),
    ("Iinkedin.com/in/jane", "linkedin.com/in/jane"),
    ("1inkedin.com/in/jane", "linkedin.com/in/jane"),
    ("LinkedIn com/in/jane", "LinkedIn.com/in/jane"),
    ("LinkedIn: Iinkedin.corn/in/jane", "LinkedIn: linkedin.com/in/jane"),
    ("www linkedin com/in/jane", "www.linkedin.com/in/jane"),
    ("www. linkedin.com/in/jane", "www.linkedin.com/in/jane"),
    ("github com/jane", "github.com/jane"),
    ("GitHub: g1thub.com/jane", "GitHub: github.com/jane"),
    ("gitIab.com/jane", "gitlab.com/jane"),
    ("stackoverf1ow com/users/123/jane", "stackoverflow.com/users/123/jane"),
    ("twitter com/jane", "twitter.com/jane"),
    ("x. com/jane", "x.com/jane"),
    ("behance net/jane", "behance.net/jane"),
    ("dribbb1e.com/jane", "dribbble.com/jane"),
    ("rnedium.com/@jane", "medium.com/@jane"),
    ("https //github.com/jane", "https://github.com/jane"),
    ("https:/ /github.com/jane", "https://github.com/jane"),
    ("http: //janedoe.dev", "http://janedoe.dev"),
    ("https;//janedoe.dev", "https://janedoe.dev"),
    ("https:// www.janedoe.dev", "https://www.janedoe.dev"),
    ("https // linkedin com/in/jane", "https://linkedin.com/in/jane"),
    ("https:/ /www linkedin com/in/jane", "https://www.linkedin.com/in/jane"),
]

PHONES = [
    ("+49 30 9O1 82O 12", "+49 30 901 820 12"),
    ("+1 (555) l23-4567", "+1 (555) 123-4567"),
    ("(O30) 1234 567", "(030) 1234 567"),
    ("Tel: +49 l70 1234567", "Tel: +49 170 1234567"),
    ("555.I23.4567", "555.123.4567"),
    ("555-I234", "555-1234"),
    ("+44 20 7946 O9S8", "+44 20 7946 0958"),
    ("+33 6 12 34 S6 78", "+33 6 12 34 56 78"),
    ("+49 89 1B4 5678", "+49 89 184 5678"),
    ("+49 30 12|4567", "+49 30 1214567"),
    ("Phone: +49 3o 901820 | Berlin", "Phone: +49 30 901820 | Berlin"),
    ("Jane Doe | +49 30 9O18 2O1 | jane@x.com", "Jane Doe | +49 30 9018 201 | jane@x.com"),
]

UNCHANGED = [
    "jane@example co founder",  # "co" goes on as a word: only com/net/org/edu/io join
    "jane@example com.",  # a sentence's full stop after it: left as written
    "worked @acme com",
    # Ordinary resume lines.
    "Senior Software Engineer",
    "Jan 2020 - Oct 2021",
    "Sep 2019 - Present",
    "2019 - 2021",
    "2019 - 2O21",
    "01.02.2O20",
    "Jan 2O20 - Oct 2021",
    "Oracle 10g",
    "SOLID",
    "B2B",
    "(B2B) 555 1234",
    "IO",
    "Level 3 Engineer, 10+ years",
    "C++/C#",
    "Node.js",
    "ASP.NET",
    "vue.js",
    "Office 365",
    "ISO 9001",
    "Windows 10",
    "Python 3.11",
    "0 to 1",
    "10115 Berlin",
    "75008 Paris, France",
    "SW1A 1AA London",
    "2000 lbs 555 1234",
    "Reduced latency by 40% across 1,200,000 requests/day",
    "TCP/IP, HTTP/2, REST",
    "CI/CD with GitHub Actions",
    "I/O-bound services",
    "Built 3 B2B SaaS products",
    "Berlin 10115 | Germany",
    "+1 555 123 4567",
    # Contact data that is already right.
    "e-mail: jane@example.com",
    "Email: jane.doe@example.com | +49 30 901820",
    "https://www.linkedin.com/in/jane",
    "github.com/jane",
    "linkedin.com/in/jane",
    "Jane.Doe@Example.COM",
    # '@' that is not an address, or not clearly one.
    "Lead @ Acme",
    "Lead @ acme.com",
    "Engineer @ acme.io, 2019 - 2021",
    "find me @ janedoe.dev",
    "twitter @jane.dev",
    "instagram @jane.doe",
    "@jane on Twitter",
    "jane @ example",
    "jane@example",
    "jane@localhost",
    "Jane Doe jane@example.com",
    "email jane@example.com",
    "contact me@janedoe.dev",
    "Jane doe@example.com",
    "jane doe @ example.com",
    "jane  doe@example.com",
    # Domains that are not clearly broken.
    "jane@example.com. de",
    "jane@example.com, de",
    "a@b.com,de@x.com",
    "jane@example, com",
    "jane@acme. it was fun",
    "jane@mail.example .com",
    "jane@exarnple.com",
    "jane@gmai1.example.com",
    # Hosts and schemes: unknown hosts, no path, or not clearly a link.
    "www example com",
    "example com/jane",
    "x com/jane",
    "linkedin com",
    "behance com/jane",
    "Medium. Com",
    "HTTP//HTTPS",
    "https // no host",
]


@pytest.mark.parametrize(("broken", "repaired"), EMAILS)
def test_email(broken: str, repaired: str) -> None:
    assert repair_line(broken) == repaired


@pytest.mark.parametrize(("broken", "repaired"), LINKS)
def test_link(broken: str, repaired: str) -> None:
    assert repair_line(broken) == repaired


@pytest.mark.parametrize(("broken", "repaired"), PHONES)
def test_phone(broken: str, repaired: str) -> None:
    assert repair_line(broken) == repaired


@pytest.mark.parametrize("line", UNCHANGED)
def test_unchanged(line: str) -> None:
    assert repair_line(line) == line


def test_repaired_lines_reach_the_extractors() -> None:
    assert find_email(["jane doe@example.com"]) == "doe@example.com"  # why the join matters
    assert find_email([repair_line("jane doe@example.com")]) == "jane.doe@example.com"
    assert find_email([repair_line("jane.doe @ gmai1 .corn")]) == "jane.doe@gmail.com"
    assert find_email([repair_line("jane@example,com")]) == "jane@example.com"
    line = repair_line("https:/ /www Iinkedin com/in/jane-doe | github com/jane")
    _, profiles = find_links([line], [])
    assert [profile["url"] for profile in profiles] == [
        "https://www.linkedin.com/in/jane-doe",
        "https://github.com/jane",
    ]
    assert find_phone([repair_line("+49 30 9O1 82O")], ["DE"]) == "+4930901820"


@pytest.mark.parametrize("line", ["Lead @ Acme", "Lead @ acme.com", "twitter @jane.dev"])
def test_no_address_is_made_up(line: str) -> None:
    assert find_email([repair_line(line)]) is None


# Pieces OCR'd contact lines are made of, so generated lines hit the rules (and their edges).
_PIECES = [
    "jane", "doe", "Lead", "Acme", "me", "email", "Email:", "@", ".", ",", ":", ";", " ",
    " . ", ". ", " @ ", "|", " | ", "•", "(", ")", "-", "_", "/", "//", "/ /", "com", "corn",
    "c0m", "con", "de", "io", "co", "uk", "in", "0rg", "example", "gmai1", "grnail", "yah00",
    "gmaIl", "linkedin", "Iinkedin", "github", "x", "www", "http", "https", "+49", "+1",
    "30", "555", "9O1", "l23", "4567", "2019", "2O21", "O", "o", "l", "I", "S", "B", "1", "5",
    "rn", "é",
]  # fmt: skip
_OCR_LINES = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)
_ANY_LINES = st.one_of(st.text(max_size=80), _OCR_LINES)


@settings(max_examples=1500)
@given(_ANY_LINES)
def test_idempotent(line: str) -> None:
    once = repair_line(line)
    assert repair_line(once) == once
    assert once.count("@") == line.count("@")  # an '@' is never made up or dropped


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(blacklist_characters="@/"), max_size=80))
def test_length_kept_without_address_or_link(line: str) -> None:
    # Only the phone rule can fire here, and it swaps characters one for one.
    assert len(repair_line(line)) == len(line)


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(blacklist_characters="@/0123456789"), max_size=80))
def test_identity_without_contact_hints(line: str) -> None:
    assert repair_line(line) == line
