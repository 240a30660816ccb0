"""Password login, rotating refresh tokens, logout and session resolution.

Login never tells a caller *why* it failed (unknown client or user, wrong password, inactive
user or client, locked account): one error, and every path spends exactly one argon2 verify so
timing does not tell either. The reason is kept in the audit log, which only the client's
admins read. The slow verify runs between two short transactions so it holds no row lock.
"""

from __future__ import annotations

import datetime
import uuid

import asyncpg

from ats_backend.core.db import tenant_transaction
from ats_backend.core.errors import NotFound, Unauthenticated
from ats_backend.core.ids import new_id, parse_id
from ats_backend.tenants import audit, lockout, refresh_tokens
from ats_backend.tenants.audit import Actor
from ats_backend.tenants.config import AuthPolicy
from ats_backend.tenants.models import LoginResult, user_from_row
from ats_backend.tenants.passwords import Passwords

__all__ = ["Sessions"]


def _login_failed() -> Unauthenticated:
    return Unauthenticated("invalid email or password", reason="invalid_credentials")


def _refresh_refused(reason: str = "invalid_credentials") -> Unauthenticated:
    return Unauthenticated("invalid refresh token", reason=reason)


def _clip(value: str, size: int) -> str:
    """Caller-supplied strings kept for people to read: printable and bounded."""
    return "".join(char for char in value if char.isprintable())[:size]


class Sessions:
    def __init__(self, pool: asyncpg.Pool, passwords: Passwords, policy: AuthPolicy) -> None:
        self._pool = pool
        self._passwords = passwords
        self._policy = policy

    async def login(
        self, client_id: str, email: str, password: str, source_ip: str, user_agent: str
    ) -> LoginResult:
        tenant = parse_id(client_id)
        address = _clip(email.strip().lower(), 254)
        ip = _clip(source_ip, 100)
        client_active: bool | None = None
        found: asyncpg.Record | None = None
        if tenant is not None:
            async with tenant_transaction(self._pool, tenant) as conn:
                client_active = await conn.fetchval(
                    "SELECT is_active FROM clients WHERE id = $1", tenant
                )
                if client_active is not None:
                    found = await conn.fetchrow("SELECT * FROM users WHERE email = $1", address)
        stored = found["password_hash"] if found is not None else None
        matches = await self._passwords.verify(stored, password)
        if tenant is None or client_active is None:
            # No client to write an audit event for.
            raise _login_failed()

        result: LoginResult | None = None
        async with tenant_transaction(self._pool, tenant) as conn:
            if found is None:
                await audit.record(
                    conn,
                    tenant,
                    "login.failed",
                    Actor("anonymous", source_ip=ip),
                    "",
                    {"email": address, "reason": "unknown_user"},
                )
            else:
                result = await self._settle(
                    conn,
                    tenant,
                    found,
                    stored,
                    matches,
                    bool(client_active),
                    ip,
                    _clip(user_agent, 512),
                )
        # Raised after the transaction committed, so the failure's audit event and counters
        # are kept.
        if result is None:
            raise _login_failed()
        if stored is not None and self._passwords.needs_rehash(stored):
            await self._rehash(tenant, result.user.id, stored, password)
        return result

    async def _rehash(
        self, tenant: uuid.UUID, user_id: uuid.UUID, old_hash: str, password: str
    ) -> None:
        """Upgrade a hash made with weaker parameters, after the login succeeded (doing it
        earlier would make a correct password on a locked account slower, and so visible).
        Compare-and-set: an admin's password change in between wins."""
        new_hash = await self._passwords.hash(password)
        async with tenant_transaction(self._pool, tenant) as conn:
            await conn.execute(
                "UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2",
                user_id,
                old_hash,
                new_hash,
            )

    async def _settle(
        self,
        conn: asyncpg.Connection,
        tenant: uuid.UUID,
        found: asyncpg.Record,
        verified_hash: str | None,
        matches: bool,
        client_active: bool,
        ip: str,
        user_agent: str,
    ) -> LoginResult | None:
        """Second half of a login, with the user's row locked: count a failure (and maybe
        lock), or open a session. None means the login failed."""
        user = await conn.fetchrow("SELECT * FROM users WHERE id = $1 FOR UPDATE", found["id"])
        now: datetime.datetime = await conn.fetchval("SELECT now()")
        actor = Actor("user", str(user["id"]), source_ip=ip)
        target = f"user:{user['id']}"
        reason = None
        if not client_active:
            reason = "client_inactive"
        elif not user["is_active"]:
            reason = "user_inactive"
        elif user["locked_until"] is not None and user["locked_until"] > now:
            reason = "locked"
        # The hash verified must still be the stored one (an admin may have just reset it).
        elif not matches or user["password_hash"] != verified_hash:
            reason = "wrong_password"
        if reason is not None:
            details: dict[str, object] = {"reason": reason}
            if reason == "wrong_password":
                outcome = lockout.after_failure(
                    self._policy, user["failed_logins"], user["lockouts"], now
                )
                await conn.execute(
                    "UPDATE users SET failed_logins = $2, lockouts = $3,"
                    " locked_until = coalesce($4, locked_until) WHERE id = $1",
                    user["id"],
                    outcome.failed_logins,
                    outcome.lockouts,
                    outcome.locked_until,
                )
                details["failed_logins"] = outcome.failed_logins
                if outcome.locked_until is not None:
                    await audit.record(
                        conn,
                        tenant,
                        "login.locked",
                        actor,
                        target,
                        {
                            "locked_until": outcome.locked_until.isoformat(),
                            "lockouts": outcome.lockouts,
                        },
                    )
            await audit.record(conn, tenant, "login.failed", actor, target, details)
            return None

        row = await conn.fetchrow(
            "UPDATE users SET failed_logins = 0, lockouts = 0, locked_until = NULL,"
            " last_login_at = now() WHERE id = $1 RETURNING *",
            user["id"],
        )
        session_id = new_id()
        expires_at = now + datetime.timedelta(seconds=self._policy.refresh_token_seconds)
        await conn.execute(
            "INSERT INTO sessions (tenant_id, id, user_id, expires_at, source_ip, user_agent)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            tenant,
            session_id,
            user["id"],
            expires_at,
            ip or None,
            user_agent or None,
        )
        token = await self._issue(conn, tenant, session_id)
        await audit.record(
            conn, tenant, "login.succeeded", actor, target, {"session_id": str(session_id)}
        )
        return LoginResult(user_from_row(row, now), session_id, token, expires_at)

    async def refresh(self, token: str, source_ip: str) -> LoginResult:
        """Spend ``token`` and issue the next one. A token already spent means two parties
        hold the chain (one of them a thief): the whole session is revoked."""
        tenant = refresh_tokens.client_of(token)
        if tenant is None:
            raise _refresh_refused()
        digest = refresh_tokens.hash_token(token)
        ip = _clip(source_ip, 100)
        refused: Unauthenticated | None = None
        result: LoginResult | None = None
        async with tenant_transaction(self._pool, tenant) as conn:
            row = await conn.fetchrow(
                "SELECT t.spent_at, s.id AS session_id, s.user_id, s.revoked_at,"
                " s.expires_at <= now() AS expired, now() AS now"
                " FROM refresh_tokens t JOIN sessions s"
                " ON s.tenant_id = t.tenant_id AND s.id = t.session_id"
                # Both rows locked: a concurrent refresh of the same token waits here, then
                # re-reads the token row and sees it spent (locking only the session row
                # would let it read the token's old, unspent version under Read Committed).
                " WHERE t.token_hash = $1 FOR UPDATE OF s, t",
                digest,
            )
            if row is None:
                raise _refresh_refused()
            session_id = row["session_id"]
            if row["spent_at"] is not None:
                refused = _refresh_refused("refresh_token_reused")
                if row["revoked_at"] is None:
                    await conn.execute(
                        "UPDATE sessions SET revoked_at = now() WHERE id = $1", session_id
                    )
                    await audit.record(
                        conn,
                        tenant,
                        "session.reuse_detected",
                        Actor("anonymous", source_ip=ip),
                        f"session:{session_id}",
                        {"user_id": str(row["user_id"])},
                    )
            elif row["revoked_at"] is not None or row["expired"]:
                raise _refresh_refused("session_ended")
            else:
                user = await conn.fetchrow(
                    "SELECT u.*, c.is_active AS client_active FROM users u"
                    " JOIN clients c ON c.id = u.tenant_id WHERE u.id = $1",
                    row["user_id"],
                )
                if not user["client_active"]:
                    raise _refresh_refused("client_inactive")
                if not user["is_active"]:
                    raise _refresh_refused()
                spent = await conn.execute(
                    "UPDATE refresh_tokens SET spent_at = now()"
                    " WHERE token_hash = $1 AND spent_at IS NULL",
                    digest,
                )
                if spent != "UPDATE 1":  # cannot happen under the lock above; never fork
                    raise _refresh_refused("refresh_token_reused")
                expires_at = row["now"] + datetime.timedelta(
                    seconds=self._policy.refresh_token_seconds
                )
                await conn.execute(
                    "UPDATE sessions SET expires_at = $2 WHERE id = $1", session_id, expires_at
                )
                new_token = await self._issue(conn, tenant, session_id)
                result = LoginResult(
                    user_from_row(user, row["now"]), session_id, new_token, expires_at
                )
        # After the commit, so the revocation of a reused token's session is kept.
        if refused is not None:
            raise refused
        assert result is not None
        return result

    async def logout(self, tenant: uuid.UUID, session_id: str, actor: Actor) -> None:
        """Revoke the session; access tokens naming it stop resolving. Idempotent."""
        parsed = parse_id(session_id)
        async with tenant_transaction(self._pool, tenant) as conn:
            row = None
            if parsed is not None:
                row = await conn.fetchrow(
                    "SELECT revoked_at FROM sessions WHERE id = $1 FOR UPDATE", parsed
                )
            if row is None:
                raise NotFound("session not found", field="session_id")
            if row["revoked_at"] is None:
                await conn.execute("UPDATE sessions SET revoked_at = now() WHERE id = $1", parsed)
                await audit.record(
                    conn,
                    tenant,
                    "session.revoked",
                    actor,
                    f"session:{parsed}",
                    {"reason": "logout"},
                )

    async def resolve(self, client_id: str, user_id: str, session_id: str) -> str:
        """The current role of the session's user, or UNAUTHENTICATED when the session is
        revoked or expired or the user or client inactive."""
        tenant, user, session = parse_id(client_id), parse_id(user_id), parse_id(session_id)
        if tenant is None or user is None or session is None:
            raise Unauthenticated("invalid session", reason="invalid_credentials")
        async with tenant_transaction(self._pool, tenant) as conn:
            row = await conn.fetchrow(
                "SELECT u.role, u.is_active, c.is_active AS client_active,"
                " s.revoked_at IS NOT NULL AS revoked, s.expires_at <= now() AS expired"
                " FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id"
                " JOIN clients c ON c.id = s.tenant_id WHERE s.id = $1 AND s.user_id = $2",
                session,
                user,
            )
        if row is None or row["revoked"] or not row["is_active"]:
            raise Unauthenticated("invalid session", reason="invalid_credentials")
        if row["expired"]:
            raise Unauthenticated("session expired", reason="expired")
        if not row["client_active"]:
            raise Unauthenticated("client is deactivated", reason="client_inactive")
        return str(row["role"])

    @staticmethod
    async def _issue(conn: asyncpg.Connection, tenant: uuid.UUID, session_id: uuid.UUID) -> str:
        token = refresh_tokens.generate(tenant)
        await conn.execute(
            "INSERT INTO refresh_tokens (tenant_id, token_hash, session_id) VALUES ($1, $2, $3)",
            tenant,
            refresh_tokens.hash_token(token),
            session_id,
        )
        return token
