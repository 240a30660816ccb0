"""FastAPI dependencies: the process's shared objects, and the authenticated principal."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ats_backend.core.errors import PermissionDenied
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.ratelimit import STATE_KEY, RateLimiter, RateLimitExceeded

__all__ = ["AdminPrincipal", "ClientPrincipal", "backends", "settings"]


def backends(request: Request) -> Backends:
    value: Backends = request.app.state.backends
    return value


def settings(request: Request) -> GatewaySettings:
    value: GatewaySettings = request.app.state.settings
    return value


async def _principal(request: Request) -> Principal:
    principal: Principal = await request.app.state.authenticator(request)
    await _rate_limit(request, principal)
    return principal


async def _rate_limit(request: Request, principal: Principal) -> None:
    """Count the request against its client's and key's budgets (docs/api.md#rate-limits);
    429 once either is spent. Without a limiter (disabled) or a reachable store, no limit."""
    limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
    if limiter is None:
        return
    decision = await limiter.check(principal)
    if decision is None:
        return
    setattr(request.state, STATE_KEY, decision)
    if not decision.allowed:
        raise RateLimitExceeded(
            f"rate limit of {decision.limit} requests per minute per {decision.scope} "
            f"exceeded; retry in {decision.retry_after} s",
            retry_after=decision.retry_after,
        )


async def _client_principal(principal: Annotated[Principal, Depends(_principal)]) -> Principal:
    principal.tenant()  # raises 403 for the platform admin
    return principal


async def _admin_principal(principal: Annotated[Principal, Depends(_principal)]) -> Principal:
    if not principal.is_platform_admin:
        raise PermissionDenied("only the platform administrator may do this")
    return principal


ClientPrincipal = Annotated[Principal, Depends(_client_principal)]
AdminPrincipal = Annotated[Principal, Depends(_admin_principal)]
