"""The parse sandbox with real child processes: timeouts, errors across the boundary, and the
pool surviving both."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import time
from collections.abc import Iterator

import pymupdf
import pytest

from ats_backend.core.errors import DocumentUnreadable, UnsupportedMediaType
from ats_backend.parser.sandbox import ParseCrashed, Sandbox

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


async def test_a_parse_over_the_time_limit_is_stopped_mid_run_and_the_pool_recovers() -> None:
    box = Sandbox(processes=1, timeout=20, memory_limit_mb=1024)
    try:
        await box.parse(_pdf(1), content_type=None, filename="warm.pdf")  # child running
        slow = _pdf(50)
        started = time.perf_counter()
        await box.parse(slow, content_type=None, filename="slow.pdf")
        full = time.perf_counter() - started
        box._timeout = full / 4  # a quarter of what this document needs, once started
        started = time.perf_counter()
        with pytest.raises(DocumentUnreadable) as caught:
            await box.parse(slow, content_type=None, filename="slow.pdf")
        assert caught.value.reason == "parse_timeout"
        assert time.perf_counter() - started < full  # stopped, not waited out
        box._timeout = 20
        profile = json.loads(await box.parse(_pdf(1), content_type=None, filename="ok.pdf"))
        assert profile["basics"]["name"] == "Jane Doe"
    finally:
        box.close()


async def test_waiting_for_a_free_process_does_not_count_towards_the_timeout() -> None:
    box = Sandbox(processes=1, timeout=20, memory_limit_mb=1024)
    try:
        document = _pdf(20)
        await box.parse(document, content_type=None, filename="warm.pdf")
        started = time.perf_counter()
        await box.parse(document, content_type=None, filename="one.pdf")
        one = time.perf_counter() - started
        box._timeout = one * 2.5  # enough for one document, not for waiting behind three
        results = await asyncio.gather(
            *(box.parse(document, content_type=None, filename=f"{i}.pdf") for i in range(4))
        )
        assert len(results) == 4
    finally:
        box.close()


def _children(box: Sandbox) -> list[int]:
    return [process.pid for process in (box._pool._processes or {}).values()]


async def test_a_child_killed_during_a_parse_is_a_crash_and_the_pool_recovers() -> None:
    box = Sandbox(processes=1, timeout=20, memory_limit_mb=1024)
    try:
        await box.parse(_pdf(1), content_type=None, filename="warm.pdf")
        parse = asyncio.create_task(box.parse(_pdf(50), content_type=None, filename="x.pdf"))
        await asyncio.sleep(0.05)
        for pid in _children(box):
            os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer would
        with pytest.raises(ParseCrashed):
            await parse
        profile = json.loads(await box.parse(_pdf(1), content_type=None, filename="ok.pdf"))
        assert profile["basics"]["email"] == "jane@example.com"
    finally:
        box.close()


async def test_a_pool_broken_while_idle_is_rebuilt_on_the_next_parse() -> None:
    box = Sandbox(processes=1, timeout=20, memory_limit_mb=1024)
    try:
        await box.parse(_pdf(1), content_type=None, filename="warm.pdf")
        for pid in _children(box):
            os.kill(pid, signal.SIGKILL)
        await asyncio.sleep(0.5)  # the executor notices and marks itself broken
        with contextlib.suppress(ParseCrashed):  # the first call may find it broken
            await box.parse(_pdf(1), content_type=None, filename="a.pdf")
        profile = json.loads(await box.parse(_pdf(1), content_type=None, filename="b.pdf"))
        assert profile["basics"]["name"] == "Jane Doe"
    finally:
        box.close()
