"""Keyset pagination over UUIDv7 ids: opaque cursors, bounded limits.

A cursor is the last id of the previous page, base64url-encoded; because ids are time-ordered,
``WHERE id < $cursor ORDER BY id DESC`` walks newest-first without offsets or counts.
"""

from __future__ import annotations

import base64
import binascii
import uuid

from ats_backend.core.errors import InvalidInput

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "clamp_limit", "decode_cursor", "encode_cursor"]

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def clamp_limit(limit: int) -> int:
    if limit <= 0:
        return DEFAULT_LIMIT
    return min(limit, MAX_LIMIT)


def encode_cursor(last_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(last_id.bytes).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> uuid.UUID | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return uuid.UUID(bytes=raw)
    except (binascii.Error, ValueError):
        raise InvalidInput("cursor is not one this API returned", field="cursor") from None
