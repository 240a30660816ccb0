"""Refresh token format: ``atsr_<client id as 32 hex>_<43 url-safe chars>``.

The client id in the token says which tenant's rows to look in (the refresh call carries no
other tenant); the 256-bit secret is what makes it unguessable, so, as for API keys, only a
sha256 is stored.
"""

from __future__ import annotations

import re
import secrets
import uuid

from ats_backend.tenants import keys

__all__ = ["PREFIX", "client_of", "generate", "hash_token"]

PREFIX = "atsr_"
_FORMAT = re.compile(r"^atsr_(?P<client>[0-9a-f]{32})_[A-Za-z0-9_-]{43}$")


def generate(client_id: uuid.UUID) -> str:
    return f"{PREFIX}{client_id.hex}_{secrets.token_urlsafe(32)}"


def hash_token(token: str) -> str:
    # The same digest as API keys: both are 256-bit random secrets (keys.py says why sha256).
    return keys.hash_key(token)


def client_of(token: str) -> uuid.UUID | None:
    """The client a well-formed token belongs to; None for anything else."""
    match = _FORMAT.match(token)
    return uuid.UUID(hex=match["client"]) if match else None
