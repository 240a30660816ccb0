"""PostgreSQL access: an asyncpg pool per process and tenant-scoped transactions.

Row-level security does the isolating; this module only makes sure every transaction that
touches tenant data first says whose data it is, with ``set_config(..., is_local => true)``:
transaction-scoped, so a pooled connection can never carry one tenant's setting into the next
borrower's work, and a bind parameter, never string interpolation.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import AsyncIterator

import asyncpg

__all__ = ["create_pool", "exists_elsewhere", "system_transaction", "tenant_transaction"]

TENANT_SETTING = "app.tenant_id"


async def create_pool(dsn: str, *, min_size: int = 1, max_size: int = 10) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        # Statements are short; a stuck one should fail, not hold a connection forever.
        command_timeout=30,
        server_settings={"application_name": "ats"},
    )
    assert pool is not None
    return pool


@contextlib.asynccontextmanager
async def tenant_transaction(
    pool: asyncpg.Pool, tenant_id: uuid.UUID | str
) -> AsyncIterator[asyncpg.Connection]:
    """A connection inside a transaction that sees only ``tenant_id``'s rows."""
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("SELECT set_config($1, $2, true)", TENANT_SETTING, str(tenant_id))
        yield conn


@contextlib.asynccontextmanager
async def system_transaction(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    """A transaction with no tenant set: RLS hides every tenant row (fail closed).

    Used for cross-tenant plumbing tables (the outbox) and health checks only.
    """
    async with pool.acquire() as conn, conn.transaction():
        yield conn


_PROBE_NAME = re.compile(r"^[a-z][a-z0-9_]*_exists_elsewhere$")


async def exists_elsewhere(conn: asyncpg.Connection, probe: str, item_id: uuid.UUID) -> bool:
    """Whether ``item_id`` is a row of *another* tenant than ``conn``'s transaction, asked of
    the owning service's SECURITY DEFINER probe ``<thing>_exists_elsewhere(uuid)`` (a boolean,
    never the row; docs/architecture.md#tenant-isolation). Call it inside the tenant
    transaction whose lookup missed: outside one the probe answers false."""
    if not _PROBE_NAME.match(probe):
        raise ValueError(f"not a probe function name: {probe!r}")
    return bool(await conn.fetchval(f"SELECT {probe}($1)", item_id))
