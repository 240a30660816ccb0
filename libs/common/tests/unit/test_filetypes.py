"""Content sniffing by magic bytes."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from ats_backend.core import filetypes
from ats_backend.core.filetypes import (
    DOC,
    DOCX,
    GIF,
    HTML,
    JPEG,
    OCTET_STREAM,
    PDF,
    PNG,
    PPTX,
    SUPPORTED,
    TEXT,
    TIFF,
    WEBP,
    XLSX,
    ZIP,
    describe,
    essence,
    sniff,
)


def _zip(*names: str, data_descriptor: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, b"<xml/>" * 50)
    raw = buffer.getvalue()
    if data_descriptor:
        # Mimic streaming writers: flag bit 3 set and sizes zeroed in the local headers.
        out = bytearray(raw)
        at = out.find(b"PK\x03\x04")
        while at != -1:
            flags = struct.unpack_from("<H", out, at + 6)[0]
            struct.pack_into("<H", out, at + 6, flags | 0x08)
            struct.pack_into("<LL", out, at + 18, 0, 0)
            at = out.find(b"PK\x03\x04", at + 4)
        raw = bytes(out)
    return raw


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", PDF),
        (b"\x00\x00junk before the header %PDF-1.4\n", PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", JPEG),
        (b"II*\x00\x08\x00\x00\x00", TIFF),
        (b"MM\x00*\x00\x00\x00\x08", TIFF),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", WEBP),
        (b"GIF89a\x01\x00\x01\x00", GIF),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", DOC),
        (b"\x7fELF\x02\x01\x01\x00", OCTET_STREAM),
        (b"MZ\x90\x00\x03\x00\x00\x00", OCTET_STREAM),
        (bytes(range(256)) * 4, OCTET_STREAM),
        (b"", OCTET_STREAM),
    ],
)
def test_magic_numbers(head: bytes, expected: str) -> None:
    assert sniff(head) == expected


def test_riff_that_is_not_webp_is_unknown() -> None:
    assert sniff(b"RIFF\x24\x00\x00\x00WAVEfmt ") == OCTET_STREAM


def test_docx_from_local_file_headers() -> None:
    assert sniff(_zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")) == DOCX


def test_docx_with_data_descriptors() -> None:
    head = _zip("[Content_Types].xml", "word/document.xml", data_descriptor=True)
    assert sniff(head) == DOCX


def test_ooxml_whose_parts_lie_beyond_the_head_is_taken_for_docx() -> None:
    head = _zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")
    second = head.find(b"PK\x03\x04", 4)
    assert sniff(head[:second]) == DOCX


def test_other_office_formats_and_plain_zip() -> None:
    assert sniff(_zip("[Content_Types].xml", "xl/workbook.xml")) == XLSX
    assert sniff(_zip("[Content_Types].xml", "ppt/presentation.xml")) == PPTX
    assert sniff(_zip("photos/1.jpg", "notes.txt")) == ZIP
    assert sniff(b"PK\x05\x06" + b"\x00" * 18) == ZIP  # an empty archive


def test_only_the_first_8_kib_count() -> None:
    assert sniff(b"a" * filetypes.SNIFF_BYTES + b"\x00\x01\x02" * 100) == TEXT


@pytest.mark.parametrize(
    "head",
    [
        b"Jane Doe\nSoftware Engineer\n",
        "José Álvarez \u2013 Ingeniero\n".encode(),
        "\ufeffJane Doe\r\n".encode(),
        "Zoë Ångström\n".encode("utf-16"),
        "名前: 山田太郎\n".encode(),
        "Résumé of José".encode("cp1252"),
        b"\xef\xbb\xbf",
        b"   \n\t\n",
    ],
)
def test_text(head: bytes) -> None:
    assert sniff(head) == TEXT


def test_multibyte_character_cut_by_the_head_is_still_text() -> None:
    head = ("x" * (filetypes.SNIFF_BYTES - 1) + "é").encode()
    assert len(head) == filetypes.SNIFF_BYTES + 1
    assert sniff(head) == TEXT
    assert sniff("Zoë".encode()[:-1]) == TEXT


def test_control_characters_and_nul_are_binary() -> None:
    assert sniff(b"hello\x00world") == OCTET_STREAM
    assert sniff(b"\x01\x02\x03\x04 some text" * 3) == OCTET_STREAM


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html><body>Jane</body></html>",
        b"  \n<!doctype HTML>\n<html>",
        b"\xef\xbb\xbf<html lang='en'>",
        b"<!-- exported by Word --><html>",
        b"<HTML><HEAD>",
    ],
)
def test_html(head: bytes) -> None:
    assert sniff(head) == HTML


def test_text_mentioning_html_is_not_html() -> None:
    assert sniff(b"Skills: <html> and CSS") == TEXT
    assert sniff(b"<!-- unterminated comment") == TEXT


def test_supported_types() -> None:
    assert {PDF, DOCX, PNG, JPEG, TIFF, WEBP, TEXT, HTML} == SUPPORTED
    assert ZIP not in SUPPORTED
    assert OCTET_STREAM not in SUPPORTED


def test_describe() -> None:
    assert describe(ZIP) == "ZIP archive"
    assert describe(PDF) == "PDF document"
    assert describe("Text/Plain; charset=utf-8") == "plain text"
    assert describe("image/x-icon") == "image file"
    assert describe("application/x-foo") == "application/x-foo file"
    assert describe("") == "unknown file type"
    assert f"unsupported file type: {describe(ZIP)} ({ZIP})" == (
        "unsupported file type: ZIP archive (application/zip)"
    )


def test_essence() -> None:
    assert essence(" Application/PDF ; name=cv.pdf") == PDF
