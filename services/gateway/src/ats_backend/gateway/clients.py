"""``/v1/clients``: client (tenant) administration by the platform admin; a client's own
users and keys may read their own client.

A client principal naming any other client's id in a path gets the 404 of a missing client,
and the attempt is reported as RLS_BYPASS (problems.py): the check runs before the
permission check, so it also answers PATCH and deactivate with 404 rather than revealing
by a 403 that the id exists.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from ats_backend.core.errors import NotFound
from ats_backend.core.grpc_client import call
from ats_backend.core.ids import parse_id
from ats_backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.deps import Actor, Config, Services, authenticated_principal
from ats_backend.gateway.pagination import link_next
from ats_backend.gateway.problems import CROSS_TENANT
from ats_backend.gateway.roles import Permission, requires
from ats_backend.gateway.schemas import (
    ApiKeyOut,
    ClientCreate,
    ClientCreated,
    ClientList,
    ClientOut,
    ClientUpdate,
)
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = ["router", "visible_client"]

router = APIRouter(prefix="/v1/clients", tags=["clients"])


def visible_client(
    client_id: str, principal: Annotated[Principal, Depends(authenticated_principal)]
) -> str:
    """The path's client id, if the caller may see it: the platform admin sees every client,
    anyone else only its own; another id is a cross-tenant attempt (404 + RLS_BYPASS)."""
    if principal.client_id is None:
        return client_id
    # Compared as UUIDs: one's own id in capitals or without dashes is still one's own.
    if parse_id(client_id) != parse_id(principal.client_id):
        # The detail tenants gives for a client that does not exist: nothing to tell apart.
        raise NotFound("client not found", reason=CROSS_TENANT, field="client_id")
    return principal.client_id


VisibleClient = Annotated[str, Depends(visible_client)]


@router.post(
    "",
    status_code=201,
    response_model=ClientCreated,
    summary="Create a client and its first API key (platform admin only)",
)
async def create_client(
    body: ClientCreate,
    _: Annotated[Principal, requires(Permission.CLIENTS_MANAGE)],
    actor: Actor,
    services: Services,
    config: Config,
) -> ClientCreated:
    answer = await call(
        services.tenants.CreateClient,
        tenants_pb2.CreateClientRequest(name=body.name, actor=actor),
        timeout=config.grpc_timeout_seconds,
    )
    return ClientCreated(
        client=ClientOut.of(answer.client),
        api_key=ApiKeyOut.of(answer.api_key, answer.api_key_secret),
    )


@router.get("", response_model=ClientList, summary="List every client, oldest first")
async def list_clients(
    request: Request,
    response: Response,
    _: Annotated[Principal, requires(Permission.CLIENTS_MANAGE)],
    services: Services,
    config: Config,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str, Query(max_length=100)] = "",
) -> ClientList:
    answer = await call(
        services.tenants.ListClients,
        tenants_pb2.ListClientsRequest(limit=limit, cursor=cursor),
        timeout=config.grpc_timeout_seconds,
    )
    link_next(request, response, answer.next_cursor)
    return ClientList(
        data=[ClientOut.of(c) for c in answer.clients], next_cursor=answer.next_cursor or None
    )


@router.get(
    "/{client_id}",
    response_model=ClientOut,
    summary="Get a client (the platform admin any, a client's credential its own)",
)
async def get_client(
    client_id: VisibleClient,
    principal: Annotated[Principal, requires(Permission.CLIENT_READ)],
    services: Services,
    config: Config,
) -> ClientOut:
    answer = await call(
        services.tenants.GetClient,
        tenants_pb2.GetClientRequest(client_id=client_id),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.client_id,
    )
    return ClientOut.of(answer)


@router.patch("/{client_id}", response_model=ClientOut, summary="Rename a client")
async def update_client(
    client_id: VisibleClient,
    body: ClientUpdate,
    _: Annotated[Principal, requires(Permission.CLIENTS_MANAGE)],
    actor: Actor,
    services: Services,
    config: Config,
) -> ClientOut:
    answer = await call(
        services.tenants.UpdateClient,
        tenants_pb2.UpdateClientRequest(client_id=client_id, name=body.name, actor=actor),
        timeout=config.grpc_timeout_seconds,
    )
    return ClientOut.of(answer)


async def _set_active(
    client_id: str, active: bool, actor: tenants_pb2.Actor, services: Backends, config: Config
) -> ClientOut:
    answer = await call(
        services.tenants.SetClientActive,
        tenants_pb2.SetClientActiveRequest(client_id=client_id, is_active=active, actor=actor),
        timeout=config.grpc_timeout_seconds,
    )
    return ClientOut.of(answer)


@router.post(
    "/{client_id}/deactivate",
    response_model=ClientOut,
    summary="Deactivate a client",
    description="Its API keys and users stop working within `ATS_AUTH_CACHE_SECONDS`; its "
    "data is kept. Idempotent.",
)
async def deactivate_client(
    client_id: VisibleClient,
    _: Annotated[Principal, requires(Permission.CLIENTS_MANAGE)],
    actor: Actor,
    services: Services,
    config: Config,
) -> ClientOut:
    return await _set_active(client_id, False, actor, services, config)


@router.post(
    "/{client_id}/reactivate",
    response_model=ClientOut,
    summary="Reactivate a client",
    description="Idempotent.",
)
async def reactivate_client(
    client_id: VisibleClient,
    _: Annotated[Principal, requires(Permission.CLIENTS_MANAGE)],
    actor: Actor,
    services: Services,
    config: Config,
) -> ClientOut:
    return await _set_active(client_id, True, actor, services, config)
