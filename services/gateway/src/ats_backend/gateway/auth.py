"""Who is calling: the platform admin token or a client's API key, verified per request.

API keys are resolved by the tenants service and the answer is cached for a few seconds
(``auth_cache_seconds``), which bounds how long a revoked key or a deactivated client keeps
access. The tenant comes from the verified credential only, never from the request.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import time

from fastapi import Request

from ats_backend.core import context
from ats_backend.core.errors import PermissionDenied, Unauthenticated
from ats_backend.core.grpc_client import call
from ats_backend.proto.tenants.v1 import tenants_pb2, tenants_pb2_grpc

__all__ = ["PLATFORM_ADMIN", "Authenticator", "Principal"]

PLATFORM_ADMIN = "platform_admin"
_CACHE_LIMIT = 10_000


@dataclasses.dataclass(frozen=True)
class Principal:
    role: str
    client_id: str | None = None
    key_id: str | None = None

    @property
    def is_platform_admin(self) -> bool:
        return self.role == PLATFORM_ADMIN

    def tenant(self) -> str:
        """The client this principal acts for; the platform admin acts for none."""
        if self.client_id is None:
            raise PermissionDenied("this endpoint acts for a client; use a client's API key")
        return self.client_id


class Authenticator:
    def __init__(
        self,
        tenants: tenants_pb2_grpc.TenantsServiceAsyncStub,
        admin_token: str,
        cache_seconds: float,
        timeout: float,
    ) -> None:
        self._tenants = tenants
        self._admin_digest = hashlib.sha256(admin_token.encode()).digest()
        self._cache_seconds = cache_seconds
        self._timeout = timeout
        self._cache: dict[bytes, tuple[float, Principal | Unauthenticated]] = {}

    async def __call__(self, request: Request) -> Principal:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated(
                "missing bearer credential (Authorization: Bearer <key>)",
                reason="missing_credentials",
            )
        token = token.strip()
        digest = hashlib.sha256(token.encode()).digest()
        if hmac.compare_digest(digest, self._admin_digest):
            principal = Principal(role=PLATFORM_ADMIN)
        else:
            principal = await self._resolve(token, digest)
        context.tenant_id.set(principal.client_id)
        context.actor.set(principal.key_id or PLATFORM_ADMIN)
        request.state.principal = principal
        return principal

    async def _resolve(self, token: str, digest: bytes) -> Principal:
        now = time.monotonic()
        cached = self._cache.get(digest)
        if cached is not None and cached[0] > now:
            if isinstance(cached[1], Unauthenticated):
                raise cached[1]
            return cached[1]
        try:
            answer = await call(
                self._tenants.ResolveApiKey,
                tenants_pb2.ResolveApiKeyRequest(api_key=token),
                timeout=self._timeout,
            )
        except Unauthenticated as refused:
            # Refusals are cached too: a flood of bad keys must not reach the database.
            self._remember(digest, now, refused)
            raise
        principal = Principal(role=answer.role, client_id=answer.client_id, key_id=answer.key_id)
        self._remember(digest, now, principal)
        return principal

    def _remember(self, digest: bytes, now: float, answer: Principal | Unauthenticated) -> None:
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[digest] = (now + self._cache_seconds, answer)
