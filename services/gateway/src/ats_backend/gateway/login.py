"""``/v1/auth``: password login, refresh, logout, and who am I.

Login answers one 401 (reason ``invalid_credentials``, detail "invalid email or password")
for every failure, whatever tenants found (unknown client or user, wrong password, inactive,
locked), so the response never says which accounts exist. Before tenants is asked, the
source IP's budget of attempts is checked in Redis (``LoginThrottle``); the account's own
lockout lives in tenants. Every failure, 401 or 429, logs ``Login failed for <email> from
<ip>`` (the IP is the message's last field, for fail2ban-style tools) and counts in
``ats_auth_failures_total{method="password"}``.
"""

from __future__ import annotations

import datetime
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from ats_backend.core.errors import PermissionDenied, Unauthenticated
from ats_backend.core.grpc_client import call
from ats_backend.core.ids import parse_id
from ats_backend.gateway.access_tokens import AccessTokens
from ats_backend.gateway.auth import Authenticator, count_failure
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.deps import Actor, backends, settings, source_ip
from ats_backend.gateway.logsafe import loggable
from ats_backend.gateway.ratelimit import LoginThrottle, RateLimitExceeded
from ats_backend.gateway.roles import Authenticated, public
from ats_backend.gateway.schemas import (
    LoginRequest,
    MeOut,
    RefreshRequest,
    TokenResponse,
    UserOut,
)
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = ["INVALID_CREDENTIALS", "router"]

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/auth", tags=["auth"])

INVALID_CREDENTIALS = "invalid email or password"


def _login_failed(email: str, ip: str, reason: str) -> None:
    count_failure("password", reason)
    safe_email, safe_ip = loggable(email), loggable(ip)
    log.warning(
        "Login failed for %s from %s",
        safe_email,
        safe_ip,
        extra={"login_email": safe_email, "source_ip": safe_ip, "failure": reason},
    )


def _tokens(request: Request) -> AccessTokens:
    value: AccessTokens = request.app.state.access_tokens
    return value


def _token_response(answer: tenants_pb2.LoginResponse, tokens: AccessTokens) -> TokenResponse:
    issued = tokens.issue(
        user_id=answer.user.id, client_id=answer.user.client_id, session_id=answer.session_id
    )
    refresh_left = answer.refresh_expires_at.ToDatetime(
        tzinfo=datetime.UTC
    ) - datetime.datetime.now(datetime.UTC)
    return TokenResponse(
        access_token=issued.token,
        expires_in=issued.expires_in,
        refresh_token=answer.refresh_token,
        refresh_expires_in=max(0, int(refresh_left.total_seconds())),
        user=UserOut.of(answer.user),
    )


def _login_throttle(request: Request) -> LoginThrottle | None:
    throttle: LoginThrottle | None = getattr(request.app.state, "login_throttle", None)
    return throttle


async def _throttle(request: Request, email: str, ip: str) -> None:
    throttle = _login_throttle(request)
    decision = await throttle.check(ip) if throttle is not None else None
    if decision is not None and not decision.allowed:
        _login_failed(email, ip, "throttled")
        raise RateLimitExceeded(
            f"too many failed logins from this address; retry in {decision.retry_after} s",
            retry_after=decision.retry_after,
        )


@router.post(
    "/login",
    response_model=TokenResponse,
    dependencies=[public],
    summary="Log in with email and password",
    description="Answers an access token (a JWT, `expires_in` seconds) and a single-use "
    "refresh token. Every failure is the same 401 `invalid_credentials`; after too many "
    "failures from one address, attempts get 429 with `Retry-After`.",
    responses={401: {"description": "Invalid credentials"}, 429: {"description": "Throttled"}},
)
async def login(
    body: LoginRequest,
    request: Request,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
) -> TokenResponse:
    ip = source_ip(request)
    await _throttle(request, body.email, ip)
    try:
        if parse_id(body.client_id) is None or not body.email or not body.password:
            raise Unauthenticated(INVALID_CREDENTIALS, reason="invalid_credentials")
        answer = await call(
            services.tenants.Login,
            tenants_pb2.LoginRequest(
                client_id=body.client_id,
                email=body.email,
                password=body.password,
                source_ip=ip,
                user_agent=request.headers.get("user-agent", "")[:256],
            ),
            timeout=config.grpc_timeout_seconds,
            tenant_id=body.client_id,
        )
    except Unauthenticated:
        _login_failed(body.email, ip, "invalid_credentials")
        if (throttle := _login_throttle(request)) is not None:
            await throttle.failed(ip)  # only failures spend the address's budget
        # Whatever tenants said, the caller learns only this.
        raise Unauthenticated(INVALID_CREDENTIALS, reason="invalid_credentials") from None
    return _token_response(answer, _tokens(request))


@router.post(
    "/refresh",
    response_model=TokenResponse,
    dependencies=[public],
    summary="Trade a refresh token for a new access and refresh token",
    description="The refresh token is spent: use the new one next time. Presenting a spent "
    "refresh token again ends the whole session (it was stolen, or the client is confused).",
    responses={401: {"description": "Invalid, spent or expired refresh token"}},
)
async def refresh(
    body: RefreshRequest,
    request: Request,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
) -> TokenResponse:
    try:
        answer = await call(
            services.tenants.Refresh,
            tenants_pb2.RefreshRequest(
                refresh_token=body.refresh_token, source_ip=source_ip(request)
            ),
            timeout=config.grpc_timeout_seconds,
        )
    except Unauthenticated as refused:
        count_failure("refresh", refused.reason)
        raise Unauthenticated(
            "invalid or expired refresh token; log in again", reason="invalid_credentials"
        ) from None
    return _token_response(answer, _tokens(request))


@router.post(
    "/logout",
    status_code=204,
    summary="End the caller's login session",
    description="Revokes the session of the access token: its refresh token stops working at "
    "once and its access tokens within `ATS_AUTH_CACHE_SECONDS`.",
)
async def logout(
    principal: Authenticated,
    actor: Actor,
    request: Request,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
) -> Response:
    if principal.session_id is None:
        raise PermissionDenied(
            "only a user's access token has a session to end; revoke an API key with "
            "DELETE /v1/api-keys/{id}"
        )
    await call(
        services.tenants.Logout,
        tenants_pb2.LogoutRequest(session_id=principal.session_id, actor=actor),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    authenticator: Authenticator = request.app.state.authenticator
    authenticator.forget_session(principal)
    return Response(status_code=204)


@router.get("/me", response_model=MeOut, summary="Who the credential belongs to")
async def me(principal: Authenticated) -> MeOut:
    return MeOut(
        kind=principal.kind,
        id=principal.id,
        client_id=principal.client_id,
        role=principal.role,
    )
