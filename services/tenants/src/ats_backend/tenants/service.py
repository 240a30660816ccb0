"""Clients and API keys: the domain operations, on plain values (no protobuf here)."""

from __future__ import annotations

import dataclasses
import datetime
import uuid

import asyncpg

from ats_backend.core.db import tenant_transaction
from ats_backend.core.errors import InvalidInput, Unauthenticated
from ats_backend.core.ids import new_id
from ats_backend.core.rls_audit import RlsReport, audit
from ats_backend.tenants import keys

__all__ = ["ROLES", "ApiKey", "Client", "Principal", "TenantsService"]

ROLES = ("client_admin", "recruiter", "viewer")


@dataclasses.dataclass(frozen=True)
class Client:
    id: uuid.UUID
    name: str
    is_active: bool
    created_at: datetime.datetime


@dataclasses.dataclass(frozen=True)
class ApiKey:
    id: uuid.UUID
    client_id: uuid.UUID
    name: str
    role: str
    prefix: str
    created_at: datetime.datetime


@dataclasses.dataclass(frozen=True)
class Principal:
    """Who a verified credential acts as."""

    client_id: uuid.UUID
    key_id: uuid.UUID
    role: str


def _clean_name(value: str, field: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise InvalidInput(f"{field} must not be empty", field=field)
    if len(name) > 200:
        raise InvalidInput(f"{field} must be at most 200 characters", field=field)
    return name


class TenantsService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create_client(self, name: str) -> tuple[Client, ApiKey, str]:
        """A new client with its first key (role client_admin). The secret is returned once."""
        client_name = _clean_name(name, "name")
        client_id = new_id()
        # The new client's own tenant context lets RLS's WITH CHECK accept its rows.
        async with tenant_transaction(self._pool, client_id) as conn:
            row = await conn.fetchrow(
                "INSERT INTO clients (id, name) VALUES ($1, $2) RETURNING *", client_id, client_name
            )
            key, secret = await self._insert_key(conn, client_id, "default", "client_admin")
        return _client(row), key, secret

    async def create_api_key(
        self, tenant_id: uuid.UUID, name: str, role: str
    ) -> tuple[ApiKey, str]:
        if role not in ROLES:
            raise InvalidInput(f"role must be one of {', '.join(ROLES)}", field="role")
        key_name = _clean_name(name, "name")
        async with tenant_transaction(self._pool, tenant_id) as conn:
            return await self._insert_key(conn, tenant_id, key_name, role)

    async def resolve_api_key(self, presented: str) -> Principal:
        if not keys.looks_like_key(presented):
            raise Unauthenticated("invalid API key", reason="invalid_credentials")
        digest = keys.hash_key(presented)
        async with self._pool.acquire() as conn, conn.transaction():
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

    async def _insert_key(
        self, conn: asyncpg.Connection, tenant_id: uuid.UUID, name: str, role: str
    ) -> tuple[ApiKey, str]:
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
        key = ApiKey(
            id=row["id"],
            client_id=row["tenant_id"],
            name=row["name"],
            role=row["role"],
            prefix=row["prefix"],
            created_at=row["created_at"],
        )
        return key, secret

    async def rls_audit(self) -> RlsReport:
        """The RLS audit, run as the pool's own role (the app role): what it can see is
        what the audit checks, and catalogs are readable by every role."""
        async with self._pool.acquire() as conn:
            role: str = await conn.fetchval("SELECT current_user")
            return await audit(conn, app_role=role)


def _client(row: asyncpg.Record) -> Client:
    return Client(
        id=row["id"], name=row["name"], is_active=row["is_active"], created_at=row["created_at"]
    )
