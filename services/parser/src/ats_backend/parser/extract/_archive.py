"""Refusing hostile ZIP packages (DOCX is one) before any parser unpacks them.

A 40 KB ZIP can declare gigabytes of content (a "zip bomb"), or hundreds of thousands of tiny
entries; python-docx would load every part it reaches into memory. So the central directory is
checked first, from the sizes it *declares*: Python's ``zipfile`` never inflates an entry past
its declared size (a lying entry fails its CRC check instead), so these caps bound what any
later reader can unpack. Refusals are ``DocumentUnreadable`` with reason ``archive_too_large``
(the caps) or ``corrupt_document`` (not a ZIP, truncated, damaged).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ats_backend.core.errors import DocumentUnreadable

__all__ = [
    "MAX_ENTRIES",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED_BYTES",
    "RATIO_MIN_BYTES",
    "open_archive",
    "read_entry",
]

MAX_ENTRIES = 1_000
"""Entries a package may have; a Word resume has 10 to 40 (more with many images)."""

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
"""Total declared uncompressed size of all entries (images included)."""

MAX_RATIO = 100
"""Largest compression ratio of an entry over ``RATIO_MIN_BYTES``. XML compresses about 5 to
20 times; only crafted data compresses 100 times or more."""

RATIO_MIN_BYTES = 1024 * 1024
"""Entries smaller than this are not ratio-checked: small highly repetitive XML is normal."""

_READ_CHUNK = 64 * 1024
# What zipfile raises on damaged data: bad headers or CRC, bad deflate data (zlib.error),
# unknown compression methods, encrypted entries (RuntimeError).
_DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    ValueError,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
)


def _too_large(detail: str) -> DocumentUnreadable:
    return DocumentUnreadable(detail, reason="archive_too_large")


def open_archive(data: bytes, *, kind: str) -> zipfile.ZipFile:
    """Open ``data`` as a ZIP after checking its declared sizes; ``kind`` names it in errors
    ("Word document")."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except _DAMAGE as exc:
        # A truncated upload loses the central directory at the end of the file.
        raise DocumentUnreadable(
            f"the {kind} is damaged or truncated and cannot be read ({exc})",
            reason="corrupt_document",
        ) from None
    if len(entries) > MAX_ENTRIES:
        raise _too_large(f"the {kind} has {len(entries)} parts; at most {MAX_ENTRIES} are accepted")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _too_large(
            f"the {kind} unpacks to {total} bytes; at most {MAX_UNCOMPRESSED_BYTES} are accepted"
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise _too_large(
                f"the {kind}'s part {entry.filename[:80]} is compressed {ratio:.0f} to 1 "
                f"(at most {MAX_RATIO} to 1 is accepted): it looks like a zip bomb"
            )
    return archive


def read_entry(archive: zipfile.ZipFile, name: str, *, limit: int, kind: str) -> bytes:
    """The content of one entry, read in chunks and never more than ``limit`` bytes.

    Reading it whole also verifies its CRC, so a damaged part is reported here, clearly,
    rather than as an XML error deep inside a parser.
    """
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(_READ_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _too_large(
                        f"the {kind}'s part {name} is larger than {limit} bytes unpacked"
                    )
                chunks.append(chunk)
    except _DAMAGE as exc:
        raise DocumentUnreadable(
            f"the {kind}'s part {name} is damaged and cannot be read ({exc})",
            reason="corrupt_document",
        ) from None
    return b"".join(chunks)
