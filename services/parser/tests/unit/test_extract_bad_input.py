"""Bad input of every kind ends in a clear error or a partial result with warnings: never a
crash, never a hang. (Format-specific damage is tested beside each reader: DOCX zip bombs and
truncation in test_extract_docx.py, tag soup in test_extract_html.py, PDFs in
test_extract_document.py.)"""

from __future__ import annotations

import importlib
import random
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ats_backend.core.errors import AtsError, DocumentUnreadable, UnsupportedMediaType
from ats_backend.core.filetypes import DOCX, HTML, PDF, TEXT
from ats_backend.parser.extract import MAX_PAGES, parse_document

pymupdf: Any = importlib.import_module("pymupdf")


def test_empty_file() -> None:
    for content_type in (None, PDF, DOCX, HTML, TEXT):
        with pytest.raises(DocumentUnreadable) as caught:
            parse_document(b"", content_type=content_type, filename="cv.txt")
        assert caught.value.reason == "empty_document"


def test_binary_garbage_named_txt_is_an_unsupported_type() -> None:
    garbage = random.Random(7).randbytes(4096)
    with pytest.raises(UnsupportedMediaType) as caught:
        parse_document(garbage, filename="resume.txt")
    assert caught.value.detail == "cannot parse unknown binary file yet"
    assert caught.value.field == "file"


def test_text_that_is_mostly_control_characters_has_no_text() -> None:
    data = bytes(range(1, 32)) * 100 + b"Jane Doe"
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(data, content_type="text/plain")
    assert caught.value.reason == "no_text"
    assert "control characters" in caught.value.detail


def test_a_few_control_characters_are_dropped_not_fatal() -> None:
    data = b"Jane Doe\x07\nSkills:\x1b Python, Go\x00\n"
    result = parse_document(data, content_type="text/plain")
    assert result["basics"]["name"] == "Jane Doe"
    assert [skill["name"] for skill in result["skills"]] == ["Python", "Go"]


def test_a_500_page_pdf_parses_within_seconds_with_a_warning() -> None:
    doc = pymupdf.open()
    for number in range(500):
        page = doc.new_page()
        page.insert_text((72, 72), "Jane Doe" if number == 0 else f"Page filler {number}")
        page.insert_text((72, 100), "Built services in Python and Go on Kubernetes.")
    data: bytes = doc.tobytes()
    doc.close()
    started = time.perf_counter()
    result = parse_document(data, filename="long.pdf")
    assert time.perf_counter() - started < 5.0
    assert result["x_ats"]["pages"] == 500
    assert (
        f"the document has 500 pages; only the first {MAX_PAGES} were read"
        in (result["x_ats"]["warnings"])
    )
    assert result["basics"]["name"] == "Jane Doe"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.one_of(
        st.binary(min_size=1, max_size=2048),
        st.text(min_size=1, max_size=1024).map(lambda text: text.encode("utf-8", "replace")),
        st.binary(max_size=512).map(lambda tail: b"%PDF-1.7\n" + tail),
        st.binary(max_size=512).map(lambda tail: b"PK\x03\x04" + tail),
        st.text(max_size=512).map(lambda text: f"<html><body>{text}".encode()),
    ),
    content_type=st.sampled_from([None, PDF, DOCX, HTML, TEXT]),
)
def test_arbitrary_bytes_never_crash(data: bytes, content_type: str | None) -> None:
    started = time.perf_counter()
    outcome: str
    try:
        result = parse_document(data, content_type=content_type, filename="x")
    except AtsError as error:
        outcome = error.reason
    else:
        assert set(result) >= {"basics", "skills", "x_ats"}
        outcome = "parsed"
    assert outcome in {
        "parsed",
        "empty_document",
        "corrupt_document",
        "encrypted_document",
        "archive_too_large",
        "no_text",
        # Pages with ink but no text (MuPDF sniffs and draws some non-PDF bytes): the OCR lane.
        "ocr_unavailable",
        "unsupported_media_type",
    }
    assert time.perf_counter() - started < 5.0
