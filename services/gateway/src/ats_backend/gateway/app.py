"""The gateway application: FastAPI app factory, lifespan, and the process entry point."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import uvicorn
from fastapi import FastAPI

from ats_backend.core.db import create_pool
from ats_backend.core.messaging import connect
from ats_backend.gateway import (
    admin,
    api_keys,
    audit_events,
    candidates,
    clients,
    documents,
    jobs,
    login,
    monitoring,
    parse,
    problems,
    users,
)
from ats_backend.gateway.access_tokens import AccessTokens
from ats_backend.gateway.auth import Authenticator
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.middleware import (
    BodyLimitMiddleware,
    RateLimitHeadersMiddleware,
    RequestContextMiddleware,
)
from ats_backend.gateway.ratelimit import LoginThrottle, RateLimiter

__all__ = [
    "access_tokens",
    "body_limits",
    "create_app",
    "login_throttle",
    "rate_limiter",
    "serve",
]

log = logging.getLogger(__name__)

# Multipart framing around the files themselves.
_FORM_OVERHEAD = 1024 * 1024


async def _connect_dependencies(deps: monitoring.Dependencies, settings: GatewaySettings) -> None:
    """Open the health-check connections, retrying: the gateway must come up (and answer
    liveness) even while PostgreSQL or RabbitMQ is still starting."""
    delay = 1.0
    while deps.pool is None or deps.broker is None:
        if deps.pool is None:
            try:
                deps.pool = await create_pool(settings.database_url, min_size=0, max_size=2)
            except Exception as exc:
                log.warning("database unreachable; retrying", extra={"cause": repr(exc)})
        if deps.broker is None:
            try:
                deps.broker = await connect(settings.amqp_url, "gateway")
            except Exception as exc:
                log.warning("broker unreachable; retrying", extra={"cause": repr(exc)})
        if deps.pool is None or deps.broker is None:
            await asyncio.sleep(delay)
            delay = min(delay * 2, 15.0)


def body_limits(settings: GatewaySettings) -> dict[str, int]:
    """The most bytes a request body may have, by route: the files it may carry plus framing."""
    return {
        "/v1/documents": settings.max_upload_bytes * settings.max_files_per_upload + _FORM_OVERHEAD,
        "/v1/parse": settings.max_upload_bytes + parse.FORM_OVERHEAD,
    }


def rate_limiter(settings: GatewaySettings) -> RateLimiter | None:
    """The limiter of the /v1 routes (None when disabled): its budgets live in Redis, so
    every replica of the gateway draws on the same ones."""
    if not settings.rate_limit_enabled:
        return None
    return RateLimiter(
        settings.redis_url,
        client_per_minute=settings.rate_limit_client_per_minute,
        key_per_minute=settings.rate_limit_key_per_minute,
        prefix=settings.rate_limit_key_prefix,
        timeout=settings.redis_timeout_seconds,
    )


def login_throttle(settings: GatewaySettings) -> LoginThrottle:
    """Login attempts per source IP, in the same Redis (its own keys, scope ``login_ip``).
    On even when the rate limits are off: it guards passwords, not capacity."""
    return LoginThrottle(
        settings.redis_url,
        per_minute=settings.login_per_ip_per_minute,
        prefix=settings.rate_limit_key_prefix,
        timeout=settings.redis_timeout_seconds,
    )


def access_tokens(settings: GatewaySettings) -> AccessTokens:
    return AccessTokens(
        settings.signing_keys(),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        lifetime=settings.access_token_seconds,
    )


def create_app(settings: GatewaySettings) -> FastAPI:
    deps = monitoring.Dependencies()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        backends = Backends.open(settings)
        app.state.settings = settings
        app.state.backends = backends
        app.state.access_tokens = access_tokens(settings)
        app.state.authenticator = Authenticator(
            backends.tenants,
            settings.platform_admin_token.get_secret_value(),
            app.state.access_tokens,
            settings.auth_cache_seconds,
            settings.grpc_timeout_seconds,
        )
        app.state.health = monitoring.HealthChecker(deps, backends, settings)
        app.state.rate_limiter = rate_limiter(settings)
        app.state.login_throttle = login_throttle(settings)
        connecting = asyncio.create_task(_connect_dependencies(deps, settings))
        try:
            yield
        finally:
            connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await connecting
            if deps.broker is not None:
                await deps.broker.close()
            if deps.pool is not None:
                await deps.pool.close()
            if app.state.rate_limiter is not None:
                await app.state.rate_limiter.close()
            await app.state.login_throttle.close()
            await backends.close()

    app = FastAPI(
        title="ATS API",
        version="1.0.0",
        summary="Multi-tenant applicant tracking: resumes in, candidate profiles out.",
        lifespan=lifespan,
    )
    for router in (
        login.router,
        clients.router,
        users.router,
        api_keys.router,
        audit_events.router,
        admin.router,
        documents.router,
        parse.router,
        jobs.router,
        candidates.router,
        monitoring.router,
    ):
        app.include_router(router)
    problems.install(app)
    app.add_middleware(BodyLimitMiddleware, limits=body_limits(settings))
    app.add_middleware(RateLimitHeadersMiddleware)
    app.add_middleware(RequestContextMiddleware)
    return app


async def serve(settings: GatewaySettings) -> None:
    config = uvicorn.Config(
        create_app(settings),
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,  # our JSON logging is already configured
        access_log=False,  # RequestContextMiddleware counts requests; logs stay quiet
        timeout_graceful_shutdown=10,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
    )
    await uvicorn.Server(config).serve()
