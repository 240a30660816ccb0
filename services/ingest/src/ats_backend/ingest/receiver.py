"""Receiving one uploaded file from a chunk stream: size cap, magic-byte sniffing, hashing.

Pure and synchronous so it is tested without a server: ``feed()`` each chunk, ``finish()`` at
the end. It refuses as early as it can: the type once the first 8 KiB are in, the size the
moment the running total passes the cap, so an oversized upload is cut off mid-stream.
"""

from __future__ import annotations

import hashlib

from ats_backend.core import filetypes
from ats_backend.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType

__all__ = ["ReceivedFile", "Receiver"]

SNIFF_BYTES = 8192


class ReceivedFile:
    def __init__(self, content: bytes, content_type: str, sha256: str) -> None:
        self.content = content
        self.content_type = content_type
        self.sha256 = sha256


class Receiver:
    def __init__(self, max_bytes: int) -> None:
        self._max = max_bytes
        self._buffer = bytearray()
        self._hash = hashlib.sha256()
        self._content_type: str | None = None

    def feed(self, chunk: bytes) -> None:
        if len(self._buffer) + len(chunk) > self._max:
            raise PayloadTooLarge(f"file is larger than the {self._max} byte limit", field="file")
        self._buffer += chunk
        self._hash.update(chunk)
        if self._content_type is None and len(self._buffer) >= SNIFF_BYTES:
            self._content_type = self._check_type()

    def finish(self) -> ReceivedFile:
        if not self._buffer:
            raise InvalidInput("file is empty", field="file", reason="empty_file")
        content_type = self._content_type or self._check_type()
        return ReceivedFile(bytes(self._buffer), content_type, self._hash.hexdigest())

    def _check_type(self) -> str:
        detected = filetypes.sniff(bytes(self._buffer[:SNIFF_BYTES]))
        if detected not in filetypes.SUPPORTED:
            raise UnsupportedMediaType(
                f"unsupported file type: {filetypes.describe(detected)} ({detected})",
                field="file",
            )
        return detected
