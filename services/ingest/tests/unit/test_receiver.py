from __future__ import annotations

import hashlib

import pytest

from ats_backend.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType
from ats_backend.ingest.receiver import SNIFF_BYTES, Receiver

PDF = b"%PDF-1.7\n" + b"x" * 20_000


def test_accepts_a_pdf_and_hashes_it() -> None:
    receiver = Receiver(max_bytes=1_000_000)
    for start in range(0, len(PDF), 4096):
        receiver.feed(PDF[start : start + 4096])
    received = receiver.finish()
    assert received.content == PDF
    assert received.content_type == "application/pdf"
    assert received.sha256 == hashlib.sha256(PDF).hexdigest()


def test_cuts_off_as_soon_as_the_cap_is_passed() -> None:
    receiver = Receiver(max_bytes=10_000)
    receiver.feed(PDF[:8_000])
    with pytest.raises(PayloadTooLarge, match="10000 byte limit"):
        receiver.feed(PDF[8_000:12_000])


def test_rejects_an_unsupported_type_after_the_first_kilobytes_not_at_the_end() -> None:
    receiver = Receiver(max_bytes=10_000_000)
    zip_head = b"PK\x03\x04" + b"\x00" * (SNIFF_BYTES + 10)
    with pytest.raises(UnsupportedMediaType, match="application/zip"):
        receiver.feed(zip_head)


def test_rejects_an_unsupported_small_file_at_the_end() -> None:
    receiver = Receiver(max_bytes=10_000)
    receiver.feed(b"\x7fELF\x02\x01\x01" + b"\x00" * 50)
    with pytest.raises(UnsupportedMediaType) as caught:
        receiver.finish()
    assert caught.value.field == "file"


def test_empty_file_is_refused() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        Receiver(max_bytes=100).finish()
