"""Errors as RFC 9457 ``application/problem+json``: the one table from errors to HTTP.

Also the one place that notices attempts to reach another client's data: a ``NotFound`` with
reason ``cross_tenant`` (a service found the id under another client, or the gateway saw
another client's id in a path) is logged as ``RLS_BYPASS ...`` and counted in
``ats_rls_bypass_attempts_total``, then answered exactly like a missing id, so the caller
cannot tell "exists elsewhere" from "does not exist".
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import Counter
from starlette.exceptions import HTTPException as StarletteHTTPException

from ats_backend.core import context, errors
from ats_backend.gateway.deps import source_ip
from ats_backend.gateway.logsafe import loggable
from ats_backend.gateway.ratelimit import RateLimitExceeded

__all__ = [
    "CROSS_TENANT",
    "PROBLEM_TYPE_BASE",
    "RLS_BYPASS_ATTEMPTS",
    "install",
    "problem_body",
    "status_for",
]

log = logging.getLogger(__name__)

PROBLEM_TYPE_BASE = "https://ats.dev/problems/"
CROSS_TENANT = "cross_tenant"

RLS_BYPASS_ATTEMPTS = Counter(
    "ats_rls_bypass_attempts_total",
    "Requests for an id that exists under another client (answered 404)",
    ["resource"],
)
# The first path segment after /v1, as the resource kind label (bounded: unknown is "other").
_RESOURCE_KINDS = {
    "candidates": "candidate",
    "jobs": "job",
    "documents": "document",
    "users": "user",
    "api-keys": "api_key",
    "clients": "client",
}

# Most specific first: the first class an error is an instance of decides its status.
_STATUS: tuple[tuple[type[errors.AtsError], int, str], ...] = (
    (errors.UnsupportedMediaType, 415, "Unsupported media type"),
    (errors.InvalidInput, 422, "Invalid input"),
    (errors.DocumentUnreadable, 422, "Unreadable document"),
    (errors.Unauthenticated, 401, "Unauthenticated"),
    (errors.PermissionDenied, 403, "Forbidden"),
    (errors.NotFound, 404, "Not found"),
    (errors.Conflict, 409, "Conflict"),
    (errors.PayloadTooLarge, 413, "Payload too large"),
    (RateLimitExceeded, 429, "Too many requests"),
    (errors.Unavailable, 503, "Service unavailable"),
    (errors.AtsError, 500, "Internal error"),
)


def status_for(exc: errors.AtsError) -> tuple[int, str]:
    for cls, status, title in _STATUS:
        if isinstance(exc, cls):
            return status, title
    return 500, "Internal error"


def problem_body(status: int, title: str, detail: str, reason: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + reason,
        "title": title,
        "status": status,
        "detail": detail,
        "reason": reason,
        "request_id": context.request_id.get(),
    }
    body.update(extra)
    return body


def _response(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        body, status_code=status, headers=headers, media_type="application/problem+json"
    )


def _resource_kind(path: str) -> str:
    parts = path.split("/")
    return _RESOURCE_KINDS.get(parts[2], "other") if len(parts) > 2 else "other"


def _report_rls_bypass(request: Request) -> None:
    principal = getattr(request.state, "principal", None)
    client = getattr(principal, "client_id", None) or "-"
    actor = getattr(principal, "id", None) or context.actor.get() or "-"
    # The path is the caller's text, percent-decoded: made safe like the login email.
    method, path, ip = request.method, loggable(request.url.path), source_ip(request)
    kind = _resource_kind(path)
    RLS_BYPASS_ATTEMPTS.labels(kind).inc()
    log.warning(
        "RLS_BYPASS client=%s actor=%s resource=%s %s ip=%s",
        client,
        actor,
        method,
        path,
        ip,
        extra={
            "rls_bypass": True,
            "caller_client_id": client,
            "caller_actor": actor,
            "resource": f"{method} {path}",
            "resource_kind": kind,
            "source_ip": ip,
        },
    )


async def _ats_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.AtsError)
    if isinstance(exc, errors.NotFound) and exc.reason == CROSS_TENANT:
        _report_rls_bypass(request)
        # From here on, byte-for-byte the 404 of a missing id (same detail and field).
        exc = errors.NotFound(exc.detail, field=exc.field)
    status, title = status_for(exc)
    extra: dict[str, Any] = {}
    if exc.field and status in (413, 415, 422, 409):
        extra["errors"] = [{"field": exc.field, "message": exc.detail}]
    headers: dict[str, str] = {}
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="ats"'
    if status == 503:
        headers["Retry-After"] = "5"
    if isinstance(exc, RateLimitExceeded):
        headers["Retry-After"] = str(exc.retry_after)
    detail = exc.detail if status < 500 or status == 503 else "internal error"
    return _response(status, problem_body(status, title, detail, exc.reason, **extra), headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {
            "field": ".".join(
                str(part) for part in err["loc"] if part not in ("body", "query", "path")
            ),
            "message": err["msg"],
        }
        for err in exc.errors()
    ]
    return _response(
        422,
        problem_body(
            422, "Invalid input", "the request has invalid fields", "invalid_input", errors=problems
        ),
    )


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    reason = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return _response(
        exc.status_code,
        problem_body(exc.status_code, str(exc.detail), str(exc.detail), reason),
        dict(exc.headers or {}),
    )


async def _unhandled(_: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the log (by the server), never to the client.
    return _response(500, problem_body(500, "Internal error", "internal error", "internal"))


def install(app: Any) -> None:
    app.add_exception_handler(errors.AtsError, _ats_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unhandled)
