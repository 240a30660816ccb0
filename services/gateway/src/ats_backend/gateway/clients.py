"""``/v1/clients``: client (tenant) administration by the platform admin."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from ats_backend.core.grpc_client import call
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.deps import AdminPrincipal, backends, settings
from ats_backend.gateway.schemas import ApiKeyOut, ClientCreate, ClientCreated, ClientOut
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = ["router"]

router = APIRouter(prefix="/v1/clients", tags=["clients"])


@router.post(
    "",
    status_code=201,
    response_model=ClientCreated,
    summary="Create a client and its first API key (platform admin only)",
)
async def create_client(
    body: ClientCreate,
    _: AdminPrincipal,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
) -> ClientCreated:
    answer = await call(
        services.tenants.CreateClient,
        tenants_pb2.CreateClientRequest(name=body.name),
        timeout=config.grpc_timeout_seconds,
    )
    return ClientCreated(
        client=ClientOut.of(answer.client),
        api_key=ApiKeyOut.of(answer.api_key, answer.api_key_secret),
    )
