"""Request-scoped context carried in contextvars: who the caller is and which request this is.

The gateway sets these from the verified credential; gRPC metadata carries them between
services (see ``grpc_server``/``grpc_client``); messages carry them in their bodies. Logging
reads them so every line names its tenant and request.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar

__all__ = [
    "ACTOR_HEADER",
    "REQUEST_ID_HEADER",
    "TENANT_HEADER",
    "actor",
    "bound",
    "new_request_id",
    "request_id",
    "require_tenant",
    "tenant_id",
]

# gRPC metadata keys (lower case, as gRPC requires).
TENANT_HEADER = "x-ats-tenant-id"
REQUEST_ID_HEADER = "x-request-id"
ACTOR_HEADER = "x-ats-actor"

tenant_id: ContextVar[str | None] = ContextVar("ats_tenant_id", default=None)
request_id: ContextVar[str | None] = ContextVar("ats_request_id", default=None)
actor: ContextVar[str | None] = ContextVar("ats_actor", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextlib.contextmanager
def bound(
    *, tenant: str | None = None, request: str | None = None, acting: str | None = None
) -> Iterator[None]:
    """Set the context for the duration of a block (a message being handled, say)."""
    tokens = [tenant_id.set(tenant), request_id.set(request), actor.set(acting)]
    try:
        yield
    finally:
        actor.reset(tokens[2])
        request_id.reset(tokens[1])
        tenant_id.reset(tokens[0])


def require_tenant() -> uuid.UUID:
    """The calling tenant, for handlers that only make sense inside one.

    A missing or malformed tenant is a bug in the caller (the gateway always sets it), so it
    is refused as unauthenticated rather than run with no tenant.
    """
    from ats_backend.core.errors import Unauthenticated

    value = tenant_id.get()
    try:
        return uuid.UUID(value or "")
    except ValueError:
        raise Unauthenticated("no tenant in call metadata", reason="missing_tenant") from None
