"""Identifiers: UUIDv7 (time-ordered, so keyset cursors and B-tree inserts stay local)."""

from __future__ import annotations

import uuid

import uuid_utils

__all__ = ["new_id", "parse_id"]


def new_id() -> uuid.UUID:
    return uuid.UUID(bytes=uuid_utils.uuid7().bytes)


def parse_id(value: str) -> uuid.UUID | None:
    """The UUID in ``value``, or None when it is not one (callers answer 404, not 500)."""
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return None
