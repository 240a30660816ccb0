"""API keys of a client: create, list, revoke, and resolving a presented key."""

from __future__ import annotations

import uuid

import asyncpg

from ats_backend.core.db import tenant_transaction
from ats_backend.core.errors import InvalidInput, Unauthenticated
from ats_backend.core.ids import new_id, parse_id
from ats_backend.core.pagination import clamp_limit, decode_cursor, encode_cursor
from ats_backend.tenants import audit, keys, probes
from ats_backend.tenants.audit import Actor
from ats_backend.tenants.models import ROLES, ApiKey, Page, Principal, api_key_from_row
from ats_backend.tenants.names import clean_name

__all__ = ["ApiKeys", "insert_key"]

_MISSING = "API key not found"


async def insert_key(
    conn: asyncpg.Connection, tenant_id: uuid.UUID, name: str, role: str, actor: Actor
) -> tuple[ApiKey, str]:
    """A new key in ``conn``'s tenant transaction, audited; the secret is returned once."""
    secret = keys.generate()
    row = await conn.fetchrow(
        "INSERT INTO api_keys (tenant_id, id, name, role, key_hash, prefix)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING *",
        tenant_id,
        new_id(),
        name,
        role,
        keys.hash_key(secret),
        keys.visible_prefix(secret),
    )
    key = api_key_from_row(row)
    await audit.record(
        conn,
        tenant_id,
        "api_key.created",
        actor,
        f"api_key:{key.id}",
        {"name": name, "role": role, "prefix": key.prefix},
    )
    return key, secret


class ApiKeys:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(
        self, tenant_id: uuid.UUID, name: str, role: str, actor: Actor
    ) -> tuple[ApiKey, str]:
        if role not in ROLES:
            raise InvalidInput(f"role must be one of {', '.join(ROLES)}", field="role")
        key_name = clean_name(name, "name")
        async with tenant_transaction(self._pool, tenant_id) as conn:
            return await insert_key(conn, tenant_id, key_name, role, actor)

    async def list(
        self, tenant_id: uuid.UUID, limit: int, cursor: str, include_revoked: bool
    ) -> Page[ApiKey]:
        """Newest first; revoked keys only when asked for."""
        size = clamp_limit(limit)
        after = decode_cursor(cursor)
        async with tenant_transaction(self._pool, tenant_id) as conn:
            rows = await conn.fetch(
                "SELECT * FROM api_keys WHERE ($1::uuid IS NULL OR id < $1)"
                " AND ($2 OR revoked_at IS NULL) ORDER BY id DESC LIMIT $3",
                after,
                include_revoked,
                size + 1,
            )
        items = [api_key_from_row(row) for row in rows[:size]]
        return Page(items, encode_cursor(items[-1].id) if len(rows) > size else "")

    async def revoke(self, tenant_id: uuid.UUID, key_id: str, actor: Actor) -> ApiKey:
        """Revoked keys stop resolving at once; revoking twice returns the key unchanged."""
        parsed = parse_id(key_id)
        async with tenant_transaction(self._pool, tenant_id) as conn:
            row = None
            if parsed is not None:
                row = await conn.fetchrow("SELECT * FROM api_keys WHERE id = $1 FOR UPDATE", parsed)
            if row is None:
                raise await probes.not_found(
                    conn, "api_key_exists_elsewhere", parsed, _MISSING, "key_id"
                )
            if row["revoked_at"] is None:
                row = await conn.fetchrow(
                    "UPDATE api_keys SET revoked_at = now() WHERE tenant_id = $1 AND id = $2"
                    " RETURNING *",
                    tenant_id,
                    parsed,
                )
                await audit.record(
                    conn,
                    tenant_id,
                    "api_key.revoked",
                    actor,
                    f"api_key:{parsed}",
                    {"name": row["name"], "prefix": row["prefix"]},
                )
        return api_key_from_row(row)

    async def resolve(self, presented: str) -> Principal:
        if not keys.looks_like_key(presented):
            raise Unauthenticated("invalid API key", reason="invalid_credentials")
        digest = keys.hash_key(presented)
        async with self._pool.acquire() as conn, conn.transaction():
            # The tenant is not known yet: the policy admits the one row with this hash.
            await conn.execute("SELECT set_config('app.api_key_hash', $1, true)", digest)
            row = await conn.fetchrow(
                "SELECT tenant_id, id, role, revoked_at FROM api_keys WHERE key_hash = $1", digest
            )
            if row is None or row["revoked_at"] is not None:
                raise Unauthenticated("invalid API key", reason="invalid_credentials")
            await conn.execute(
                "SELECT set_config('app.tenant_id', $1, true)", str(row["tenant_id"])
            )
            active = await conn.fetchval(
                "SELECT is_active FROM clients WHERE id = $1", row["tenant_id"]
            )
            if not active:
                raise Unauthenticated("client is deactivated", reason="client_inactive")
            # At most one write a minute per key: last-used is for people, not an audit trail.
            await conn.execute(
                "UPDATE api_keys SET last_used_at = now() WHERE tenant_id = $1 AND id = $2"
                " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
                row["tenant_id"],
                row["id"],
            )
        return Principal(client_id=row["tenant_id"], key_id=row["id"], role=row["role"])
