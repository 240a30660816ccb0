"""``/v1/audit-events``: the calling client's security audit log, newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from ats_backend.core.grpc_client import call
from ats_backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.deps import backends, settings
from ats_backend.gateway.pagination import link_next
from ats_backend.gateway.roles import Permission, requires
from ats_backend.gateway.schemas import AuditEventList, AuditEventOut
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = ["router"]

router = APIRouter(prefix="/v1/audit-events", tags=["audit"])


@router.get(
    "",
    response_model=AuditEventList,
    summary="List security audit events, newest first",
    description="Logins (succeeded, failed, locked), key and user changes, client "
    "(de)activation, session revocations. `action` filters to one kind.",
)
async def list_audit_events(
    request: Request,
    response: Response,
    principal: Annotated[Principal, requires(Permission.AUDIT_READ)],
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str, Query(max_length=100)] = "",
    action: Annotated[
        str, Query(max_length=100, pattern=r"^[a-z_.]*$", examples=["login.failed"])
    ] = "",
) -> AuditEventList:
    answer = await call(
        services.tenants.ListAuditEvents,
        tenants_pb2.ListAuditEventsRequest(limit=limit, cursor=cursor, action=action),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    link_next(request, response, answer.next_cursor)
    return AuditEventList(
        data=[AuditEventOut.of(e) for e in answer.events], next_cursor=answer.next_cursor or None
    )
