"""parse_document end to end: PDFs built in memory with PyMuPDF, plain text, and failures."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

import pytest

from ats_backend.core.errors import DocumentUnreadable, UnsupportedMediaType
from ats_backend.parser.extract import MAX_PAGES, parse_document

Text = tuple[str, float]  # (line, font size)
pymupdf: Any = importlib.import_module("pymupdf")  # untyped: keep mypy --strict out of it


def make_pdf(*pages: Sequence[Text | str], links: Sequence[str] = ()) -> bytes:
    """A PDF with one page per argument; each line is text or (text, font size)."""
    doc = pymupdf.open()
    for number, lines in enumerate(pages):
        page = doc.new_page()
        y = 72.0
        for item in lines:
            text, size = (item, 10.0) if isinstance(item, str) else item
            page.insert_text((72, y), text, fontsize=size)
            y += size * 1.6
        if number == 0:
            for index, uri in enumerate(links):
                rect = pymupdf.Rect(72, 60 + index * 10, 200, 70 + index * 10)
                page.insert_link({"kind": pymupdf.LINK_URI, "from": rect, "uri": uri})
    data: bytes = doc.tobytes()
    doc.close()
    return data


RESUME: list[Text | str] = [
    ("Jane Doe", 22.0),
    ("Senior Backend Engineer", 12.0),
    "jane.doe@example.com | (415) 555-2671 | San Francisco, CA 94107",
    "linkedin.com/in/jane-doe-42 | github.com/janedoe | https://janedoe.dev",
    ("EXPERIENCE", 13.0),
    "Acme Corp - Backend Engineer (2019 - 2024)",
    "Built payment services in Go and Python on k8s, backed by Postgres and Redis.",
    ("SKILLS", 13.0),
    "JS, TypeScript, React, Docker, Terraform, AWS, gRPC",
]


def test_pdf_resume_fields() -> None:
    result = parse_document(make_pdf(RESUME))
    basics = result["basics"]
    assert basics["name"] == "Jane Doe"
    assert basics["email"] == "jane.doe@example.com"
    assert basics["phone"] == "+14155552671"
    assert basics["url"] == "https://janedoe.dev"
    assert basics["profiles"] == [
        {
            "network": "LinkedIn",
            "username": "jane-doe-42",
            "url": "https://www.linkedin.com/in/jane-doe-42",
        },
        {"network": "GitHub", "username": "janedoe", "url": "https://github.com/janedoe"},
    ]
    skills = [skill["name"] for skill in result["skills"]]
    for expected in ("Go", "Python", "Kubernetes", "PostgreSQL", "Redis", "JavaScript", "gRPC"):
        assert expected in skills
    assert all(skill["keywords"] == [] for skill in result["skills"])


def test_output_shape_is_json_serialisable() -> None:
    result = parse_document(make_pdf(RESUME), filename="jane.pdf")
    assert json.loads(json.dumps(result)) == result
    meta = result["x_ats"]
    assert meta["schema_version"] == 1
    assert meta["extraction_method"] == "pdf_text"
    assert meta["content_type"] == "application/pdf"
    assert meta["pages"] == 1
    assert meta["warnings"] == []
    assert set(meta["timings_ms"]) == {"extract_text", "fields"}
    assert all(isinstance(value, float) for value in meta["timings_ms"].values())


def test_missing_fields_are_left_out() -> None:
    result = parse_document(make_pdf(["Some notes about a meeting", "nothing else here"]))
    assert result["basics"] == {}
    assert result["skills"] == []


def test_name_is_the_largest_line_not_a_heading() -> None:
    pdf = make_pdf([("CURRICULUM VITAE", 26.0), ("José Álvarez-Núñez", 20.0), "Madrid, Spain"])
    assert parse_document(pdf)["basics"]["name"] == "José Álvarez-Núñez"


def test_link_annotations_count_as_links_and_contacts() -> None:
    pdf = make_pdf(
        [("Jane Doe", 20.0), "LinkedIn | GitHub | Email", ("EXPERIENCE", 12.0), "Acme"],
        links=[
            "https://www.linkedin.com/in/janedoe/",
            "https://github.com/janedoe",
            "mailto:jane@example.org",
        ],
    )
    basics = parse_document(pdf)["basics"]
    assert basics["email"] == "jane@example.org"
    assert [profile["network"] for profile in basics["profiles"]] == ["LinkedIn", "GitHub"]


def test_page_numbers_and_running_footers_are_dropped() -> None:
    doc = pymupdf.open()
    for number in (1, 2):
        page = doc.new_page()
        page.insert_text((72, 72 if number == 1 else 100), "Jane Doe" if number == 1 else "Go")
        page.insert_text((280, 820), f"Page {number} of 2")
    result = parse_document(doc.tobytes())
    assert result["x_ats"]["pages"] == 2
    # "Page 1 of 2" would otherwise be a phone-free, skill-free but name-like line: it is gone.
    assert result["basics"]["name"] == "Jane Doe"


def test_pages_beyond_the_cap_are_skipped_with_a_warning() -> None:
    pages: list[list[str]] = [["Jane Doe", "jane@example.com"]]
    pages += [[f"Filler page {number}"] for number in range(MAX_PAGES - 1)]
    pages += [["Kubernetes expert"], ["Terraform guru"]]
    result = parse_document(make_pdf(*pages))
    assert result["x_ats"]["pages"] == MAX_PAGES + 2
    assert any(f"only the first {MAX_PAGES}" in warning for warning in result["x_ats"]["warnings"])
    assert result["skills"] == []


def test_file_name_that_contradicts_the_content_is_a_warning() -> None:
    result = parse_document(make_pdf(RESUME), filename="jane.docx")
    assert result["x_ats"]["warnings"] == [
        "the file name ends in .docx but the content is PDF document"
    ]


def test_plain_text_resume() -> None:
    text = (
        "PRIYA SHARMA\n"
        "Data Scientist | Bengaluru, India\n"
        "Email: priya.sharma@example.in | Mobile: 098765 43210\n"
        "github.com/priya-sharma\n"
        "\n"
        "SKILLS\n"
        "• Python, R, SQL, scikit-learn, pandas, Tableau\n"
    )
    result = parse_document(text.encode())
    assert result["x_ats"]["extraction_method"] == "plain_text"
    assert result["x_ats"]["content_type"] == "text/plain"
    basics = result["basics"]
    assert basics["name"] == "Priya Sharma"
    assert basics["email"] == "priya.sharma@example.in"
    assert basics["phone"] == "+919876543210"
    assert basics["profiles"][0]["username"] == "priya-sharma"
    skills = [skill["name"] for skill in result["skills"]]
    assert skills == ["Python", "R", "SQL", "scikit-learn", "pandas", "Tableau"]


def test_plain_text_in_a_legacy_encoding() -> None:
    data = "José Núñez\njose@example.es\nSkills: Java, Oracle".encode("cp1252")
    result = parse_document(data, content_type="text/plain; charset=windows-1252")
    assert result["basics"]["name"] == "José Núñez"
    assert result["x_ats"]["warnings"] == ["the text is not UTF-8; it was read as windows-1252"]


def test_declared_octet_stream_is_sniffed() -> None:
    result = parse_document(b"Jane Doe\nPython", content_type="application/octet-stream")
    assert result["x_ats"]["content_type"] == "text/plain"


def test_empty_document() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(b"")
    assert caught.value.reason == "empty_document"


def test_whitespace_only_text_has_no_text() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(b" \n\t\n ", content_type="text/plain")
    assert caught.value.reason == "no_text"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nthis is not really a PDF at all",
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
    ],
)
def test_corrupt_pdf(data: bytes) -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(data)
    assert caught.value.reason == "corrupt_document"
    assert caught.value.detail.startswith("the PDF is damaged and cannot be read: ")


def test_truncated_pdf_is_corrupt() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(make_pdf(RESUME)[:200])
    assert caught.value.reason == "corrupt_document"
    assert "startxref" in caught.value.detail  # MuPDF's own words, not "Failed to open stream"


def test_damaged_pdf_that_can_be_repaired_parses_with_a_warning() -> None:
    data = make_pdf(RESUME)
    result = parse_document(data[: data.rindex(b"startxref")])
    assert result["basics"]["name"] == "Jane Doe"
    assert result["x_ats"]["warnings"] == [
        "the PDF was damaged and has been repaired; some text may be missing"
    ]


def test_damaged_pdf_whose_text_is_lost_is_corrupt_not_a_scan() -> None:
    data = make_pdf(RESUME)
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(data[: data.index(b"stream") + 40])
    assert caught.value.reason == "corrupt_document"


def test_encrypted_pdf() -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Jane Doe")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(data)
    assert caught.value.reason == "encrypted_document"


def test_pdf_encrypted_without_a_user_password_opens() -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Jane Doe", fontsize=18)
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="", owner_pw="owner")
    assert parse_document(data)["basics"]["name"] == "Jane Doe"


def test_pdf_without_text_but_with_ink_needs_ocr() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 300, 300), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(doc.tobytes())
    assert caught.value.reason == "ocr_unavailable"
    assert caught.value.detail == (
        "page 1 needs text recognition (no_text_layer) and no OCR engine is available"
    )


def test_pdf_with_blank_pages_only_has_no_text() -> None:
    doc = pymupdf.open()
    doc.new_page()
    doc.new_page()
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(doc.tobytes())
    assert caught.value.reason == "no_text"
    assert caught.value.detail == "the PDF's pages are blank"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20, "ZIP archive"),
        (b"{\\rtf1\\ansi Jane Doe}", "RTF document"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 20, "unknown binary file"),
    ],
)
def test_unsupported_types(data: bytes, name: str) -> None:
    with pytest.raises(UnsupportedMediaType) as caught:
        parse_document(data)
    assert caught.value.detail == f"cannot parse {name} yet"
    assert caught.value.field == "file"


def test_declared_type_wins_over_sniffing() -> None:
    with pytest.raises(UnsupportedMediaType):
        parse_document(b"Jane Doe", content_type="application/vnd.ms-excel")


@pytest.mark.parametrize(
    "line",
    [
        "-" * 200_000,
        "|" * 200_000,
        "• " * 100_000,
        "a@" * 100_000,
        "@a." * 66_000,
        "+1 " * 66_000,
        "Go, " * 50_000,
        "Go Go " * 33_000,
        "C. " * 66_000,
        "a-" * 100_000,
        "a." * 100_000,
        "http://" * 28_000,
        "https://github.com/" + "a" * 200_000,
        "(555) " * 33_000,
        "new york " * 22_000,
        ", CA 94107" * 20_000,
    ],
)
def test_hostile_long_line_parses_quickly(line: str) -> None:
    data = f"Jane Doe\n{line}\nSkills: Python".encode()
    started = time.perf_counter()
    result = parse_document(data)
    assert time.perf_counter() - started < 2.0
    assert result["basics"]["name"] == "Jane Doe"


def test_hostile_line_in_a_pdf_parses_quickly() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Jane Doe", fontsize=20)
    page.insert_textbox(pymupdf.Rect(72, 100, 540, 800), "-|" * 20_000, fontsize=4)
    started = time.perf_counter()
    result = parse_document(doc.tobytes())
    assert time.perf_counter() - started < 2.0
    assert result["basics"]["name"] == "Jane Doe"


def test_import_is_light() -> None:
    code = (
        "import sys, ats_backend.parser.extract as e; "
        "print('pymupdf' in sys.modules, 'phonenumbers' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split()[0] == "False"
