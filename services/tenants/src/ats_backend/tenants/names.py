"""Normalising display names (clients, keys, users)."""

from __future__ import annotations

from ats_backend.core.errors import InvalidInput

__all__ = ["clean_name"]


def clean_name(value: str, field: str) -> str:
    """Whitespace collapsed; 1..200 characters."""
    name = " ".join(value.split())
    if not name:
        raise InvalidInput(f"{field} must not be empty", field=field)
    if len(name) > 200:
        raise InvalidInput(f"{field} must be at most 200 characters", field=field)
    return name
