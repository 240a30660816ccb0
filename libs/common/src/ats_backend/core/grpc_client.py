"""Calling other services: channels, outgoing context metadata, deadlines, error translation.

Every call goes through ``call()``: it forwards tenant/request/actor ids from contextvars,
always sets a deadline, and turns a failed call back into the ``AtsError`` the remote raised.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import grpc

from ats_backend.core import context
from ats_backend.core.errors import AtsError, Unavailable, error_from_reason
from ats_backend.core.grpc_server import ERROR_FIELD_KEY, ERROR_REASON_KEY, MAX_MESSAGE_BYTES

__all__ = ["DEFAULT_DEADLINE", "call", "error_from_rpc", "open_channel", "outgoing_metadata"]

DEFAULT_DEADLINE = 10.0

R = TypeVar("R")

# Codes gRPC never produces on its own; with them, a missing reason still means the remote
# servicer chose the code (e.g. an AbortError of its own).
_APPLICATION_CODES = frozenset(
    {
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.ALREADY_EXISTS,
        grpc.StatusCode.PERMISSION_DENIED,
        grpc.StatusCode.FAILED_PRECONDITION,
        grpc.StatusCode.UNAUTHENTICATED,
    }
)


def open_channel(target: str) -> grpc.aio.Channel:
    return grpc.aio.insecure_channel(
        target,
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ("grpc.keepalive_time_ms", 30_000),
            ("grpc.enable_retries", 1),
        ],
    )


def outgoing_metadata(tenant_id: str | None = None) -> tuple[tuple[str, str], ...]:
    pairs = [
        (context.TENANT_HEADER, tenant_id or context.tenant_id.get()),
        (context.REQUEST_ID_HEADER, context.request_id.get()),
        (context.ACTOR_HEADER, context.actor.get()),
    ]
    return tuple((key, value) for key, value in pairs if value)


def error_from_rpc(exc: grpc.aio.AioRpcError) -> AtsError:
    trailing = {
        key: value for key, value in (exc.trailing_metadata() or ()) if isinstance(value, str)
    }
    code = exc.code()
    if ERROR_REASON_KEY not in trailing and code not in _APPLICATION_CODES:
        # Raised by gRPC itself, not by our servicer (connection refused, overload, message
        # limits, cancellation, deadline): the dependency is not usable right now.
        return Unavailable(
            f"dependency unavailable: {code.name}: {exc.details()}",
            reason="deadline_exceeded"
            if code == grpc.StatusCode.DEADLINE_EXCEEDED
            else "dependency_unavailable",
        )
    return error_from_reason(
        code, trailing.get(ERROR_REASON_KEY), exc.details() or "", trailing.get(ERROR_FIELD_KEY)
    )


async def call(
    method: Callable[..., Awaitable[R]],
    request: Any,
    *,
    timeout: float = DEFAULT_DEADLINE,  # noqa: ASYNC109 - a gRPC deadline, passed through
    tenant_id: str | None = None,
) -> R:
    try:
        return await method(request, timeout=timeout, metadata=outgoing_metadata(tenant_id))
    except grpc.aio.AioRpcError as exc:
        raise error_from_rpc(exc) from None
