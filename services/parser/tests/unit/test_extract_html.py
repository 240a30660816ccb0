"""HTML resumes: visible text only, typography from tags and CSS, links, charsets, and tag
soup that must neither crash nor hang the parser."""

from __future__ import annotations

import codecs
import time

import pytest

from ats_backend.core.errors import DocumentUnreadable
from ats_backend.parser.extract import parse_document
from ats_backend.parser.extract._html import MAX_HTML_BYTES, decode_html, read_html
from ats_backend.parser.extract._html_css import class_rules, font_size, font_weight

RESUME = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Résumé of Jane Doe</title>
<style>.name { font-size: 28pt; font-weight: 700 } .hidden { display: none }</style>
<script>var skills = ["Kubernetes"];</script></head>
<body>
  <header>
    <p class="name">Jane Doe</p>
    <p>jane.doe@example.com &middot; +1 415 555 2671 &middot;
       <a href="https://www.linkedin.com/in/jane-doe-42">LinkedIn</a> &middot;
       <a href="https://github.com/janedoe">GitHub</a></p>
  </header>
  <h2>Skills</h2>
  <ul><li>Go, Python, JS</li><li>k8s &amp; Postgres</li></ul>
  <p class="hidden">Terraform, Ansible</p>
  <h2>Experience</h2>
  <table><tr><td>Acme Corp</td><td>2019 &ndash; 2024</td></tr></table>
</body></html>
"""


def lines(html: str | bytes, **kwargs: str) -> list[str]:
    data = html.encode() if isinstance(html, str) else html
    return [line.text for line in read_html(data, max_chars=100_000, **kwargs).lines]


def test_html_resume_fields() -> None:
    result = parse_document(RESUME.encode(), filename="jane.html")
    basics = result["basics"]
    assert basics["name"] == "Jane Doe"
    assert basics["email"] == "jane.doe@example.com"
    assert basics["phone"] == "+14155552671"
    assert [profile["network"] for profile in basics["profiles"]] == ["LinkedIn", "GitHub"]
    skills = [skill["name"] for skill in result["skills"]]
    assert skills == ["GitHub", "Go", "Python", "JavaScript", "Kubernetes", "PostgreSQL"]
    meta = result["x_ats"]
    assert meta["extraction_method"] == "html"
    assert meta["content_type"] == "text/html"
    assert meta["pages"] == 1
    assert meta["warnings"] == []


def test_visible_text_in_reading_order() -> None:
    assert lines(RESUME) == [
        "Jane Doe",
        "jane.doe@example.com • +1 415 555 2671 • LinkedIn • GitHub",  # normalised
        "Skills",
        "Go, Python, JS",
        "k8s & Postgres",
        "Experience",
        "Acme Corp",
        "2019 - 2024",
    ]


def test_typography() -> None:
    result = read_html(RESUME.encode(), max_chars=10_000)
    by_text = {line.text: line for line in result.lines}
    assert by_text["Jane Doe"].size == 28.0 and by_text["Jane Doe"].bold
    assert by_text["Skills"].size == 18.0 and by_text["Skills"].bold
    assert by_text["Acme Corp"].size == 12.0 and not by_text["Acme Corp"].bold
    html = '<p style="font-size: 20px">Big <b>bold</b></p><p><strong>Strong</strong> text</p>'
    first, second = read_html(html.encode(), max_chars=1000).lines
    assert (first.size, first.bold) == (15.0, True)
    assert (second.size, second.bold) == (12.0, True)


def test_links_become_uris_placed_like_their_lines() -> None:
    result = read_html(RESUME.encode(), max_chars=10_000)
    assert [uri.text for uri in result.uris] == [
        "https://www.linkedin.com/in/jane-doe-42",
        "https://github.com/janedoe",
    ]
    assert {uri.top for uri in result.uris} == {result.lines[1].top}
    relative = read_html(b'<a href="/about">About</a> <a href="javascript:x()">x</a>', max_chars=99)
    assert relative.uris == []


def test_blocks_breaks_and_whitespace() -> None:
    html = (
        "<div>one\n   two<br>three</div><p>four<p>five</p>"
        "<pre>six\n  seven</pre><span>eight</span> <em>nine</em>"
    )
    assert lines(html) == ["one two", "three", "four", "five", "six", "seven", "eight nine"]


def test_invisible_content_is_skipped() -> None:
    html = (
        "<head><title>Title</title><style>p {color: red}</style></head>"
        "<body><script>alert('x')</script><noscript>enable js</noscript><template>t</template>"
        "<svg><text>chart</text></svg><p hidden>secret</p>"
        '<div style="display:none">gone</div><div style="visibility: hidden">also gone</div>'
        "<!-- a comment --><p>shown</p></body>"
    )
    assert lines(html) == ["shown"]


@pytest.mark.parametrize(
    ("data", "declared", "expected", "guessed"),
    [
        (codecs.BOM_UTF8 + "<p>José</p>".encode(), None, "utf-8", False),
        (codecs.BOM_UTF16_LE + "<p>José</p>".encode("utf-16-le"), None, "utf-16", False),
        ('<meta charset="iso-8859-1"><p>José</p>'.encode("latin-1"), None, "cp1252", False),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            "<p>Иван</p>".encode("cp1251"),
            None,
            "cp1251",
            False,
        ),
        ("<p>José</p>".encode("latin-1"), "text/html; charset=latin-1", "cp1252", False),
        ("<p>José</p>".encode(), None, "utf-8", False),
        ("<p>José</p>".encode("cp1252"), None, "cp1252", True),
        ('<meta charset="no-such-charset"><p>José</p>'.encode(), None, "utf-8", False),
    ],
)
def test_charsets(data: bytes, declared: str | None, expected: str, guessed: bool) -> None:
    text, encoding, was_guessed = decode_html(data, declared)
    assert (encoding, was_guessed) == (expected, guessed)
    assert "José" in text or "Иван" in text


def test_undeclared_legacy_encoding_is_a_warning() -> None:
    data = "<html><body><p>José Núñez</p><p>Skills: Java</p></body></html>".encode("cp1252")
    result = parse_document(data)
    assert result["basics"]["name"] == "José Núñez"
    assert result["x_ats"]["warnings"] == [
        "the HTML declares no encoding and is not UTF-8; read as cp1252"
    ]


def test_size_is_capped_with_a_warning() -> None:
    data = b"<html><body><p>Jane Doe</p>" + b"<p>filler text</p>" * (MAX_HTML_BYTES // 18 + 10)
    started = time.perf_counter()
    result = read_html(data, max_chars=100_000_000)
    assert time.perf_counter() - started < 10.0
    assert result.warnings == [f"the HTML was cut after {MAX_HTML_BYTES} bytes"]
    assert result.lines[0].text == "Jane Doe"


def test_html_without_visible_text() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(b"<!DOCTYPE html><html><head><title>CV</title></head><body> </body></html>")
    assert caught.value.reason == "no_text"
    assert caught.value.detail == "the HTML document contains no text"


@pytest.mark.parametrize(
    "soup",
    [
        "<!--" * 200_000,  # quadratic in Python 3.11's html.parser
        "<" * 500_000,
        "<a " * 300_000,
        "<div>" * 200_000,
        "<b><i>" * 100_000,
        "&#" * 300_000,
        "<![CDATA[" * 100_000,
        "<p style='" + "x" * 500_000,
        "<style>" + ".a{" * 200_000 + "</style><p>x</p>",
        "<style>" + "/*" * 200_000 + "</style><p>x</p>",
        "</p>" * 200_000,
        "<table><tr><td>" * 50_000,
    ],
)
def test_tag_soup_parses_quickly(soup: str) -> None:
    data = f"<html><body><p>Jane Doe</p>{soup}<p>Skills: Python</p></body></html>".encode()
    started = time.perf_counter()
    result = read_html(data, max_chars=1_000_000)
    assert time.perf_counter() - started < 3.0
    assert result.lines[0].text == "Jane Doe"


def test_css_helpers() -> None:
    rules = class_rules(
        "/* c */ .c1{font-size:26pt;font-weight:700} p.c2, .c3 { display: none } "
        "@media print { .c4 { font-size: 8pt } } div > .c5 { font-size: 30pt }"
    )
    assert rules == {
        "c1": {"font-size": "26pt", "font-weight": "700"},
        "c2": {"display": "none"},
        "c3": {"display": "none"},
    }
    assert font_size("16px", parent=12.0) == 12.0
    assert font_size("1.5em", parent=12.0) == 18.0
    assert font_size("150%", parent=10.0) == 15.0
    assert font_size("x-large", parent=12.0) == 18.0
    assert font_size("calc(1em + 2px)", parent=12.0) is None
    assert font_weight("bold") is True
    assert font_weight("400") is False
    assert font_weight("inherit") is None
