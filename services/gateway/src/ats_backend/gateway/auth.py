"""Who is calling: the platform admin token, a client's API key, or a user's access token.

``Authorization: Bearer <x>`` is, in this order: the platform admin token (compared in
constant time); an API key (``ats_...``), resolved by tenants; otherwise a JWT access token
(``access_tokens``), whose session tenants resolves to the user's *current* role.

Tenants' answers (and refusals) are cached for ``auth_cache_seconds``, which bounds how long a
revoked key or session, a role change or a deactivated user or client takes to bite on this
replica. The tenant comes from the verified credential only, never from the request.
Every refused credential is counted in ``ats_auth_failures_total{method, reason}``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable

from fastapi import Request
from prometheus_client import Counter

from ats_backend.core import context
from ats_backend.core.errors import PermissionDenied, Unauthenticated
from ats_backend.core.grpc_client import call
from ats_backend.gateway.access_tokens import AccessTokens
from ats_backend.proto.tenants.v1 import tenants_pb2, tenants_pb2_grpc

__all__ = [
    "ADMIN_PRINCIPAL",
    "API_KEY_PREFIX",
    "AUTH_FAILURES",
    "PLATFORM_ADMIN",
    "Authenticator",
    "Principal",
    "count_failure",
]

PLATFORM_ADMIN = "platform_admin"
API_KEY_PREFIX = "ats_"
_CACHE_LIMIT = 10_000

AUTH_FAILURES = Counter(
    "ats_auth_failures_total",
    "Refused credentials: logins, API keys and access tokens",
    ["method", "reason"],
)
# Reasons are labels: anything else a service answers is folded into invalid_credentials, so
# the metric's cardinality stays fixed whatever the services say.
_KNOWN_REASONS = frozenset(
    {
        "invalid_credentials",
        "invalid_token",
        "expired",
        "client_inactive",
        "missing_credentials",
        "throttled",
        # Refresh: a spent token presented again (theft, or a confused client) and a session
        # that was revoked or expired.
        "refresh_token_reused",
        "session_ended",
    }
)


def count_failure(method: str, reason: str) -> None:
    label = reason if reason in _KNOWN_REASONS else "invalid_credentials"
    AUTH_FAILURES.labels(method, label).inc()


@dataclasses.dataclass(frozen=True)
class Principal:
    """The verified caller. ``kind`` is "user", "api_key" or "platform_admin"; ``id`` the
    user id, key id or "platform_admin"; ``role`` what roles.py grants permissions by."""

    kind: str
    id: str
    role: str
    client_id: str | None = None
    session_id: str | None = None

    @property
    def is_platform_admin(self) -> bool:
        return self.kind == PLATFORM_ADMIN

    def tenant(self) -> str:
        """The client this principal acts for; the platform admin acts for none."""
        if self.client_id is None:
            raise PermissionDenied("this endpoint acts for a client; use a client's credential")
        return self.client_id


ADMIN_PRINCIPAL = Principal(kind=PLATFORM_ADMIN, id=PLATFORM_ADMIN, role=PLATFORM_ADMIN)

_Answer = Principal | Unauthenticated


class Authenticator:
    def __init__(
        self,
        tenants: tenants_pb2_grpc.TenantsServiceAsyncStub,
        admin_token: str,
        tokens: AccessTokens,
        cache_seconds: float,
        timeout: float,
    ) -> None:
        self._tenants = tenants
        self._admin_digest = hashlib.sha256(admin_token.encode()).digest()
        self._tokens = tokens
        self._cache_seconds = cache_seconds
        self._timeout = timeout
        self._cache: dict[bytes, tuple[float, _Answer]] = {}

    async def __call__(self, request: Request) -> Principal:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            count_failure("none", "missing_credentials")
            raise Unauthenticated(
                "missing bearer credential (Authorization: Bearer <key or token>)",
                reason="missing_credentials",
            )
        principal = await self.resolve(token)
        context.tenant_id.set(principal.client_id)
        context.actor.set(principal.id)
        request.state.principal = principal
        return principal

    async def resolve(self, token: str) -> Principal:
        digest = hashlib.sha256(token.encode()).digest()
        if hmac.compare_digest(digest, self._admin_digest):
            return ADMIN_PRINCIPAL
        if token.startswith(API_KEY_PREFIX):
            return await self._counted("api_key", self._api_key(token, digest))
        return await self._counted("token", self._access_token(token))

    @staticmethod
    async def _counted(method: str, resolving: Awaitable[Principal]) -> Principal:
        try:
            return await resolving
        except Unauthenticated as refused:
            count_failure(method, refused.reason)
            raise

    async def _api_key(self, token: str, digest: bytes) -> Principal:
        async def ask() -> Principal:
            answer = await call(
                self._tenants.ResolveApiKey,
                tenants_pb2.ResolveApiKeyRequest(api_key=token),
                timeout=self._timeout,
            )
            return Principal(
                kind="api_key", id=answer.key_id, role=answer.role, client_id=answer.client_id
            )

        return await self._cached(b"k:" + digest, ask)

    async def _access_token(self, token: str) -> Principal:
        claims = self._tokens.verify(token)

        async def ask() -> Principal:
            answer = await call(
                self._tenants.ResolveSession,
                tenants_pb2.ResolveSessionRequest(
                    client_id=claims.client_id,
                    user_id=claims.user_id,
                    session_id=claims.session_id,
                ),
                timeout=self._timeout,
                tenant_id=claims.client_id,
            )
            return Principal(
                kind="user",
                id=claims.user_id,
                role=answer.role,
                client_id=claims.client_id,
                session_id=claims.session_id,
            )

        # Keyed by session, not token: every token of a session shares one answer, and a
        # logout can drop it (forget_session).
        key = _session_key(claims.client_id, claims.user_id, claims.session_id)
        return await self._cached(key, ask)

    def forget_session(self, principal: Principal) -> None:
        """Drop this replica's cached answer for a user's session (logged out here): other
        replicas learn within auth_cache_seconds."""
        if principal.client_id and principal.session_id:
            key = _session_key(principal.client_id, principal.id, principal.session_id)
            self._cache.pop(key, None)

    async def _cached(self, key: bytes, ask: Callable[[], Awaitable[Principal]]) -> Principal:
        now = time.monotonic()
        cached = self._cache.get(key)
        if cached is not None and cached[0] > now:
            if isinstance(cached[1], Unauthenticated):
                raise cached[1]
            return cached[1]
        try:
            principal = await ask()
        except Unauthenticated as refused:
            # Refusals are cached too: a bad key presented again does not reach the database.
            self._remember(key, now, refused)
            raise
        self._remember(key, now, principal)
        return principal

    def _remember(self, key: bytes, now: float, answer: _Answer) -> None:
        self._cache.pop(key, None)
        if len(self._cache) >= _CACHE_LIMIT:
            # Drop the oldest answer (dicts keep insertion order), not the whole cache: a
            # flood of made-up keys must not evict every good caller's cached answer at once.
            del self._cache[next(iter(self._cache))]
        self._cache[key] = (now + self._cache_seconds, answer)


def _session_key(client_id: str, user_id: str, session_id: str) -> bytes:
    return f"s:{client_id}:{user_id}:{session_id}".encode()
