"""The tenants service's operations, composed from one module per concept:

clients.py (clients), apikeys.py (API keys), users.py (users and roles), sessions.py (login,
refresh, logout, session resolution), audit.py (the security audit log), plus the RLS audit.
Plain values in and out; protobuf stays in server.py.
"""

from __future__ import annotations

import uuid

import asyncpg

from ats_backend.core.rls_audit import RlsReport, audit
from ats_backend.tenants.apikeys import ApiKeys
from ats_backend.tenants.audit import PLATFORM_ADMIN, Actor, list_events
from ats_backend.tenants.clients import Clients
from ats_backend.tenants.config import AuthPolicy
from ats_backend.tenants.models import ROLES, ApiKey, AuditEvent, Client, Page, Principal
from ats_backend.tenants.passwords import Passwords
from ats_backend.tenants.sessions import Sessions
from ats_backend.tenants.users import Users

__all__ = ["ROLES", "ApiKey", "Client", "Principal", "TenantsService"]


class TenantsService:
    """Holds one instance of each part; callers use the parts directly (``service.users``...).

    The few methods below keep the original call shapes (client creation, key creation and
    resolution, the RLS audit) that other tests and tools use.
    """

    def __init__(self, pool: asyncpg.Pool, policy: AuthPolicy | None = None) -> None:
        self._pool = pool
        self.policy = policy or AuthPolicy()
        passwords = self._passwords = Passwords(self.policy)
        self.clients = Clients(pool)
        self.api_keys = ApiKeys(pool)
        self.users = Users(pool, passwords)
        self.sessions = Sessions(pool, passwords, self.policy)

    async def warm_up(self) -> None:
        """Work done once at start rather than during the first request."""
        await self._passwords.warm_up()

    async def create_client(
        self, name: str, actor: Actor = PLATFORM_ADMIN
    ) -> tuple[Client, ApiKey, str]:
        return await self.clients.create(name, actor)

    async def create_api_key(
        self, tenant_id: uuid.UUID, name: str, role: str, actor: Actor | None = None
    ) -> tuple[ApiKey, str]:
        return await self.api_keys.create(tenant_id, name, role, actor or Actor("system"))

    async def resolve_api_key(self, presented: str) -> Principal:
        return await self.api_keys.resolve(presented)

    async def audit_events(
        self, tenant_id: uuid.UUID, limit: int, cursor: str, action: str
    ) -> Page[AuditEvent]:
        return await list_events(self._pool, tenant_id, limit, cursor, action)

    async def rls_audit(self) -> RlsReport:
        """The RLS audit, run as the pool's own role (the app role): what it can see is
        what the audit checks, and catalogs are readable by every role."""
        async with self._pool.acquire() as conn:
            role: str = await conn.fetchval("SELECT current_user")
            return await audit(conn, app_role=role)
