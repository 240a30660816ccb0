"""ASGI middleware: request id, request metrics, and the body-size cap on uploads."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from typing import Any

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ats_backend.core import context
from ats_backend.core.errors import PayloadTooLarge
from ats_backend.gateway import ratelimit
from ats_backend.gateway.problems import problem_body

__all__ = ["BodyLimitMiddleware", "RateLimitHeadersMiddleware", "RequestContextMiddleware"]

HTTP_REQUESTS = Counter(
    "ats_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
HTTP_DURATION = Histogram(
    "ats_http_request_duration_seconds", "HTTP request duration in seconds", ["method", "route"]
)

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestContextMiddleware:
    """Accept or generate ``X-Request-ID``, echo it, bind it for logs and gRPC; count requests."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else context.new_request_id()
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-request-id", request_id.encode("latin-1")),
                ]
            await send(message)

        with context.bound(request=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                route = _route_template(scope)
                HTTP_REQUESTS.labels(scope["method"], route, str(status)).inc()
                HTTP_DURATION.labels(scope["method"], route).observe(time.perf_counter() - started)


class RateLimitHeadersMiddleware:
    """Add ``X-RateLimit-*`` to the response of every request the rate limiter decided on.

    The limiter runs after authentication (``deps``), which leaves its decision in the
    request state; whatever the route then answers, success or problem, carries the headers.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_limits(message: Message) -> None:
            if message["type"] == "http.response.start":
                decision = scope.get("state", {}).get(ratelimit.STATE_KEY)
                if isinstance(decision, ratelimit.Decision):
                    message["headers"] = [
                        *message.get("headers", []),
                        *ratelimit.headers(decision),
                    ]
            await send(message)

        await self.app(scope, receive, send_with_limits)


def _route_template(scope: Scope) -> str:
    # The matched route's template keeps label cardinality bounded (no ids in labels).
    route: Any = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


class BodyLimitMiddleware:
    """Cut an upload off as soon as its body passes its route's limit, before it is all read.

    ``limits`` maps a path prefix to the most bytes a request body under it may have; paths
    under no prefix are not limited here. A declared ``Content-Length`` over the limit is
    answered at once; a streamed (chunked) body raises ``PayloadTooLarge`` from ``receive``
    the moment it passes the limit, which the problem table turns into 413.
    """

    def __init__(self, app: ASGIApp, *, limits: Mapping[str, int]) -> None:
        self.app = app
        self.limits = dict(limits)

    def _limit_for(self, path: str) -> int | None:
        for prefix, limit in self.limits.items():
            if path.startswith(prefix):
                return limit
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self._limit_for(scope["path"]) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._too_large(send, limit)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise PayloadTooLarge(_detail(limit), field="body")
            return message

        await self.app(scope, counting_receive, send)

    async def _too_large(self, send: Send, limit: int) -> None:
        body = json.dumps(
            problem_body(413, "Payload too large", _detail(limit), PayloadTooLarge.reason)
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _detail(limit: int) -> str:
    return f"request body is larger than the {limit} byte limit"
