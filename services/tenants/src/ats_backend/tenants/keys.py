"""API key format: ``ats_<43 url-safe chars>``; only its sha256 is stored."""

from __future__ import annotations

import hashlib
import secrets

__all__ = ["KEY_PREFIX", "generate", "hash_key", "looks_like_key", "visible_prefix"]

KEY_PREFIX = "ats_"


def generate() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def visible_prefix(key: str) -> str:
    return key[: len(KEY_PREFIX) + 6]


def looks_like_key(value: str) -> bool:
    return value.startswith(KEY_PREFIX) and 20 <= len(value) <= 100 and value.isascii()
