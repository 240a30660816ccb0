"""The parse sandbox with real child processes: timeouts, errors across the boundary, and the
pool surviving both."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pymupdf
import pytest

from ats_backend.core.errors import DocumentUnreadable, UnsupportedMediaType
from ats_backend.parser.sandbox import Sandbox

pytestmark = pytest.mark.integration


def _pdf(pages: int) -> bytes:
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), "Jane Doe" if number == 0 else f"Page {number}", fontsize=20)
        page.insert_text((72, 110), "jane@example.com  Python, Rust", fontsize=10)
        for line in range(55):
            page.insert_text((72, 130 + line * 12), f"Worked on thing {line} " * 4, fontsize=8)
    data: bytes = doc.tobytes()
    return data


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    box = Sandbox(processes=1, timeout=20, memory_limit_mb=1024)
    yield box
    box.close()


async def test_parses_in_a_child_and_returns_json(sandbox: Sandbox) -> None:
    profile = json.loads(await sandbox.parse(_pdf(1), content_type=None, filename="cv.pdf"))
    assert profile["basics"]["email"] == "jane@example.com"


async def test_errors_keep_their_class_and_reason_across_the_process_boundary(
    sandbox: Sandbox,
) -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        await sandbox.parse(b"%PDF-1.4 broken" * 20, content_type="application/pdf", filename="x")
    assert caught.value.reason == "corrupt_document"
    with pytest.raises(UnsupportedMediaType):
        await sandbox.parse(b"PK\x03\x04" + b"\x00" * 100, content_type=None, filename="x.zip")


async def test_a_parse_over_the_time_limit_is_stopped_and_the_pool_recovers() -> None:
    box = Sandbox(processes=1, timeout=0.01, memory_limit_mb=1024)
    try:
        with pytest.raises(DocumentUnreadable) as caught:
            await box.parse(_pdf(40), content_type="application/pdf", filename="slow.pdf")
        assert caught.value.reason == "parse_timeout"
        box._timeout = 20  # the same sandbox keeps serving after its pool was rebuilt
        profile = json.loads(await box.parse(_pdf(1), content_type=None, filename="ok.pdf"))
        assert profile["basics"]["name"] == "Jane Doe"
    finally:
        box.close()
