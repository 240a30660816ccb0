"""FastAPI dependencies: the process's shared objects, the authenticated principal (rate
limited), and the audit actor of a write."""

from __future__ import annotations

import ipaddress
from typing import Annotated

from fastapi import Depends, Header, Request

from ats_backend.gateway.auth import Principal
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.ratelimit import STATE_KEY, RateLimiter, RateLimitExceeded
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = [
    "Actor",
    "Config",
    "Services",
    "authenticated_principal",
    "backends",
    "settings",
    "source_ip",
    "write_actor",
]


def backends(request: Request) -> Backends:
    value: Backends = request.app.state.backends
    return value


def settings(request: Request) -> GatewaySettings:
    value: GatewaySettings = request.app.state.settings
    return value


# What a route declares to get the service stubs and the settings.
Services = Annotated[Backends, Depends(backends)]
Config = Annotated[GatewaySettings, Depends(settings)]


def source_ip(request: Request) -> str:
    """The caller's address. uvicorn's proxy_headers has already replaced it with the
    X-Forwarded-For of a trusted proxy (FORWARDED_ALLOW_IPS), and only then; uvicorn does
    not check that what the proxy passed on is an address, so anything else is "unknown"
    (one shared login-throttle budget, never text of the caller's choosing in the logs)."""
    host = request.client.host if request.client else ""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return "unknown"


async def authenticated_principal(request: Request) -> Principal:
    """The verified caller, counted against its rate limits. Use it through roles.py."""
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


def write_actor(
    request: Request,
    principal: Annotated[Principal, Depends(authenticated_principal)],
    on_behalf_of: Annotated[
        str,
        Header(
            alias="On-Behalf-Of",
            max_length=100,
            description="The user a machine key acts for; recorded in the audit log.",
        ),
    ] = "",
) -> tenants_pb2.Actor:
    """Who makes a write, for the audit log (the principal is the one the route's access
    dependency checks: FastAPI resolves a dependency once per request)."""
    return tenants_pb2.Actor(
        kind=principal.kind,
        id=principal.id,
        source_ip=source_ip(request),
        on_behalf_of=on_behalf_of.strip(),
    )


Actor = Annotated[tenants_pb2.Actor, Depends(write_actor)]
