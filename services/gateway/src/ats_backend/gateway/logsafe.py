"""Caller-supplied text made safe for one field of a line-oriented log.

The security lines (``Login failed for <user> from <ip>``, ``RLS_BYPASS ... resource=...``)
are read by grep, awk and fail2ban: a caller who could put whitespace or control characters in
them could forge a line or move the IP from the end.
"""

from __future__ import annotations

import unicodedata

__all__ = ["loggable"]

_MAX_LOGGED = 254  # the longest valid email address; paths and ids are shorter


def loggable(text: str) -> str:
    """``text`` with whitespace and control, format or separator characters as ``?``, at
    most 254 characters, never empty."""
    safe = "".join(
        "?" if ch.isspace() or unicodedata.category(ch)[0] in "CZ" else ch
        for ch in text[:_MAX_LOGGED]
    )
    return safe or "-"
