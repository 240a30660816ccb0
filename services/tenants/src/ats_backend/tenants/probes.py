"""Misses by id: a plain NotFound, or reason "cross_tenant" when the id belongs to another
client. The gateway logs the latter as an RLS bypass attempt and answers both identically."""

from __future__ import annotations

import uuid
from typing import Literal

import asyncpg

from ats_backend.core.db import exists_elsewhere
from ats_backend.core.errors import NotFound

__all__ = ["not_found"]

# The migration's SECURITY DEFINER probes; a fixed set, so the name is never caller-supplied.
Probe = Literal["user_exists_elsewhere", "api_key_exists_elsewhere"]


async def not_found(
    conn: asyncpg.Connection, probe: Probe, item_id: uuid.UUID | None, detail: str, field: str
) -> NotFound:
    """The error for a miss, asked inside the tenant's transaction (the probe excludes the
    calling tenant via app.tenant_id). ``item_id`` None (not a UUID) is a plain miss."""
    if item_id is not None and await exists_elsewhere(conn, probe, item_id):
        return NotFound(detail, reason="cross_tenant", field=field)
    return NotFound(detail, field=field)
