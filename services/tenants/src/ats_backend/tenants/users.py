"""Users of a client: create, list, read, update (role, name, active flag, password).

Role changes take effect at once because ResolveSession reads the current role on every
(cached) request. Deactivating a user or changing their password also revokes their sessions:
whoever held them must log in again. A client's last active client_admin can be neither
demoted nor deactivated, so a client cannot lock itself out of managing its users.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import asyncpg

from ats_backend.core.db import tenant_transaction
from ats_backend.core.errors import Conflict, InvalidInput
from ats_backend.core.ids import new_id, parse_id
from ats_backend.core.pagination import clamp_limit, decode_cursor, encode_cursor
from ats_backend.tenants import audit, probes
from ats_backend.tenants.audit import Actor
from ats_backend.tenants.models import ROLES, Page, User, user_from_row
from ats_backend.tenants.names import clean_name
from ats_backend.tenants.passwords import Passwords, check_policy

__all__ = ["UserChanges", "Users", "normalise_email"]

_MISSING = "user not found"


def normalise_email(value: str) -> str:
    """Lower-cased and trimmed; a plausibility check only (no mail is sent to it)."""
    email = value.strip().lower()
    local, at, domain = email.partition("@")
    if (
        not at
        or not local
        or "." not in domain
        or "@" in domain
        or len(email) > 254
        or any(char.isspace() or not char.isprintable() for char in email)
    ):
        raise InvalidInput("email is not a valid address", field="email")
    return email


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}", field="role")
    return role


@dataclasses.dataclass(frozen=True)
class UserChanges:
    """What UpdateUser changes; None leaves a field as it is."""

    name: str | None = None
    role: str | None = None
    is_active: bool | None = None
    password: str | None = None


class Users:
    def __init__(self, pool: asyncpg.Pool, passwords: Passwords) -> None:
        self._pool = pool
        self._passwords = passwords

    async def create(
        self, tenant_id: uuid.UUID, email: str, name: str, role: str, password: str, actor: Actor
    ) -> User:
        address = normalise_email(email)
        display = clean_name(name, "name")
        _check_role(role)
        check_policy(password, address)
        password_hash = await self._passwords.hash(password)
        async with tenant_transaction(self._pool, tenant_id) as conn:
            try:
                # A savepoint, so the duplicate's error leaves the transaction usable.
                async with conn.transaction():
                    row = await conn.fetchrow(
                        "INSERT INTO users (tenant_id, id, email, name, role, password_hash)"
                        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING *",
                        tenant_id,
                        new_id(),
                        address,
                        display,
                        role,
                        password_hash,
                    )
            except asyncpg.UniqueViolationError:
                raise Conflict(
                    "a user with this email already exists",
                    reason="duplicate_email",
                    field="email",
                ) from None
            await audit.record(
                conn,
                tenant_id,
                "user.created",
                actor,
                f"user:{row['id']}",
                {"email": address, "role": role},
            )
        return user_from_row(row)

    async def list(self, tenant_id: uuid.UUID, limit: int, cursor: str) -> Page[User]:
        """Newest first."""
        size = clamp_limit(limit)
        after = decode_cursor(cursor)
        async with tenant_transaction(self._pool, tenant_id) as conn:
            rows = await conn.fetch(
                "SELECT * FROM users WHERE ($1::uuid IS NULL OR id < $1) ORDER BY id DESC LIMIT $2",
                after,
                size + 1,
            )
        items = [user_from_row(row) for row in rows[:size]]
        return Page(items, encode_cursor(items[-1].id) if len(rows) > size else "")

    async def get(self, tenant_id: uuid.UUID, user_id: str) -> User:
        parsed = parse_id(user_id)
        async with tenant_transaction(self._pool, tenant_id) as conn:
            return user_from_row(await self._row(conn, parsed))

    async def update(
        self, tenant_id: uuid.UUID, user_id: str, changes: UserChanges, actor: Actor
    ) -> User:
        name = clean_name(changes.name, "name") if changes.name is not None else None
        role = _check_role(changes.role) if changes.role is not None else None
        parsed = parse_id(user_id)
        password_hash = None
        if changes.password is not None:
            # The policy needs the email: read it first (outside the write transaction, so the
            # slow hash does not hold a row lock).
            async with tenant_transaction(self._pool, tenant_id) as conn:
                email = (await self._row(conn, parsed))["email"]
            check_policy(changes.password, email)
            password_hash = await self._passwords.hash(changes.password)
        async with tenant_transaction(self._pool, tenant_id) as conn:
            old = await self._row(conn, parsed, lock=True)
            target = f"user:{old['id']}"
            new_role = role if role is not None else old["role"]
            new_active = changes.is_active if changes.is_active is not None else old["is_active"]
            if (
                old["role"] == "client_admin"
                and old["is_active"]
                and (new_role != "client_admin" or not new_active)
            ):
                await self._keep_an_admin(conn, old["id"])
            row = await conn.fetchrow(
                "UPDATE users SET name = coalesce($3, name), role = $4, is_active = $5,"
                " password_hash = coalesce($6, password_hash),"
                # An admin setting a password also unlocks the account.
                " failed_logins = CASE WHEN $6::text IS NULL THEN failed_logins ELSE 0 END,"
                " lockouts = CASE WHEN $6::text IS NULL THEN lockouts ELSE 0 END,"
                " locked_until = CASE WHEN $6::text IS NULL THEN locked_until END,"
                " updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *",
                tenant_id,
                old["id"],
                name,
                new_role,
                new_active,
                password_hash,
            )
            events: list[tuple[str, dict[str, Any]]] = []
            if new_role != old["role"]:
                events.append(("user.role_changed", {"from": old["role"], "to": new_role}))
            if new_active != old["is_active"]:
                events.append(("user.reactivated" if new_active else "user.deactivated", {}))
            if password_hash is not None:
                events.append(("user.password_changed", {}))
            if not new_active or password_hash is not None:
                revoked = await conn.fetchval(
                    "WITH revoked AS (UPDATE sessions SET revoked_at = now()"
                    " WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING 1)"
                    " SELECT count(*) FROM revoked",
                    tenant_id,
                    old["id"],
                )
                if revoked and events:
                    events[-1][1]["sessions_revoked"] = revoked
            for action, details in events:
                await audit.record(conn, tenant_id, action, actor, target, details)
        return user_from_row(row)

    @staticmethod
    async def _keep_an_admin(conn: asyncpg.Connection, leaving: uuid.UUID) -> None:
        # FOR UPDATE on every active admin: two admins demoting each other at the same time
        # serialise here instead of both succeeding.
        others = await conn.fetch(
            "SELECT id FROM users WHERE role = 'client_admin' AND is_active AND id <> $1"
            " FOR UPDATE",
            leaving,
        )
        if not others:
            raise Conflict(
                "the last active client_admin cannot be demoted or deactivated",
                reason="last_client_admin",
                field="role",
            )

    @staticmethod
    async def _row(
        conn: asyncpg.Connection, user_id: uuid.UUID | None, *, lock: bool = False
    ) -> asyncpg.Record:
        row = None
        if user_id is not None:
            suffix = " FOR UPDATE" if lock else ""
            row = await conn.fetchrow("SELECT * FROM users WHERE id = $1" + suffix, user_id)
        if row is None:
            raise await probes.not_found(
                conn, "user_exists_elsewhere", user_id, _MISSING, "user_id"
            )
        return row
