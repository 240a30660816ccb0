"""Clients (tenants): create, list, read, rename, (de)activate, status.

A client row is visible only to a transaction acting as that client, so per-client calls set
app.tenant_id to the client's own id; only the platform admin's list reads across clients,
through the migration's SECURITY DEFINER ``clients_page``.
"""

from __future__ import annotations

import uuid

import asyncpg

from ats_backend.core.db import tenant_transaction
from ats_backend.core.errors import NotFound
from ats_backend.core.ids import new_id, parse_id
from ats_backend.core.pagination import clamp_limit, decode_cursor, encode_cursor
from ats_backend.tenants import audit
from ats_backend.tenants.apikeys import insert_key
from ats_backend.tenants.audit import Actor
from ats_backend.tenants.models import ApiKey, Client, Page, client_from_row
from ats_backend.tenants.names import clean_name

__all__ = ["Clients"]

_MISSING = "client not found"


class Clients:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(self, name: str, actor: Actor) -> tuple[Client, ApiKey, str]:
        """A new client with its first key (role client_admin). The secret is returned once."""
        client_name = clean_name(name, "name")
        client_id = new_id()
        # The new client's own tenant context lets RLS's WITH CHECK accept its rows.
        async with tenant_transaction(self._pool, client_id) as conn:
            row = await conn.fetchrow(
                "INSERT INTO clients (id, name) VALUES ($1, $2) RETURNING *", client_id, client_name
            )
            await audit.record(
                conn,
                client_id,
                "client.created",
                actor,
                f"client:{client_id}",
                {"name": client_name},
            )
            key, secret = await insert_key(conn, client_id, "default", "client_admin", actor)
        return client_from_row(row), key, secret

    async def list(self, limit: int, cursor: str) -> Page[Client]:
        """Every client, oldest first (platform admin only; the gateway enforces that)."""
        size = clamp_limit(limit)
        after = decode_cursor(cursor)
        async with self._pool.acquire() as conn:
            rows = await conn.fetch("SELECT * FROM clients_page($1, $2)", after, size + 1)
        items = [client_from_row(row) for row in rows[:size]]
        return Page(items, encode_cursor(items[-1].id) if len(rows) > size else "")

    async def get(self, client_id: str, caller: uuid.UUID | None) -> Client:
        """``caller`` is the calling client (None for the platform admin): a client may read
        only itself; another client's id is a cross-tenant miss."""
        parsed = parse_id(client_id)
        if parsed is None:
            raise NotFound(_MISSING, field="client_id")
        if caller is not None and caller != parsed:
            raise NotFound(_MISSING, reason="cross_tenant", field="client_id")
        async with tenant_transaction(self._pool, parsed) as conn:
            return client_from_row(await self._row(conn, parsed))

    async def rename(self, client_id: str, name: str, actor: Actor) -> Client:
        new_name = clean_name(name, "name")
        parsed = self._parse(client_id)
        async with tenant_transaction(self._pool, parsed) as conn:
            old = await self._row(conn, parsed, lock=True)
            if old["name"] == new_name:
                return client_from_row(old)
            row = await conn.fetchrow(
                "UPDATE clients SET name = $2, updated_at = now() WHERE id = $1 RETURNING *",
                parsed,
                new_name,
            )
            await audit.record(
                conn,
                parsed,
                "client.renamed",
                actor,
                f"client:{parsed}",
                {"from": old["name"], "to": new_name},
            )
        return client_from_row(row)

    async def set_active(self, client_id: str, is_active: bool, actor: Actor) -> Client:
        """Deactivation stops every credential of the client (keys, logins, sessions) without
        revoking anything, so reactivation restores them as they were."""
        parsed = self._parse(client_id)
        async with tenant_transaction(self._pool, parsed) as conn:
            old = await self._row(conn, parsed, lock=True)
            if old["is_active"] == is_active:
                return client_from_row(old)
            row = await conn.fetchrow(
                "UPDATE clients SET is_active = $2, updated_at = now() WHERE id = $1 RETURNING *",
                parsed,
                is_active,
            )
            action = "client.reactivated" if is_active else "client.deactivated"
            await audit.record(conn, parsed, action, actor, f"client:{parsed}")
        return client_from_row(row)

    async def is_active(self, client_id: str) -> bool:
        parsed = self._parse(client_id)
        async with tenant_transaction(self._pool, parsed) as conn:
            return bool((await self._row(conn, parsed))["is_active"])

    @staticmethod
    def _parse(client_id: str) -> uuid.UUID:
        parsed = parse_id(client_id)
        if parsed is None:
            raise NotFound(_MISSING, field="client_id")
        return parsed

    @staticmethod
    async def _row(
        conn: asyncpg.Connection, client_id: uuid.UUID, *, lock: bool = False
    ) -> asyncpg.Record:
        suffix = " FOR UPDATE" if lock else ""
        row = await conn.fetchrow("SELECT * FROM clients WHERE id = $1" + suffix, client_id)
        if row is None:
            raise NotFound(_MISSING, field="client_id")
        return row
