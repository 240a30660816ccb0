"""``/v1/api-keys``: the calling client's API keys, managed by its client_admins.

A key's secret is shown once, in the answer to its creation; tenants keeps only a hash.
A revoked key stops working within ``ATS_AUTH_CACHE_SECONDS``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ats_backend.core.grpc_client import call
from ats_backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.deps import Actor, Config, Services
from ats_backend.gateway.pagination import link_next
from ats_backend.gateway.roles import Permission, requires
from ats_backend.gateway.schemas import ApiKeyCreate, ApiKeyList, ApiKeyOut
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = ["router"]

router = APIRouter(prefix="/v1/api-keys", tags=["api-keys"])

Admin = Annotated[Principal, requires(Permission.API_KEYS_MANAGE)]


@router.post(
    "",
    status_code=201,
    response_model=ApiKeyOut,
    summary="Create an API key (its secret is in this answer only)",
)
async def create_api_key(
    body: ApiKeyCreate, principal: Admin, actor: Actor, services: Services, config: Config
) -> ApiKeyOut:
    answer = await call(
        services.tenants.CreateApiKey,
        tenants_pb2.CreateApiKeyRequest(name=body.name, role=body.role, actor=actor),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    return ApiKeyOut.of(answer.api_key, answer.api_key_secret)


@router.get("", response_model=ApiKeyList, summary="List the calling client's API keys")
async def list_api_keys(
    request: Request,
    response: Response,
    principal: Admin,
    services: Services,
    config: Config,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str, Query(max_length=100)] = "",
    include_revoked: bool = False,
) -> ApiKeyList:
    answer = await call(
        services.tenants.ListApiKeys,
        tenants_pb2.ListApiKeysRequest(limit=limit, cursor=cursor, include_revoked=include_revoked),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    link_next(request, response, answer.next_cursor)
    return ApiKeyList(
        data=[ApiKeyOut.of(k) for k in answer.api_keys], next_cursor=answer.next_cursor or None
    )


@router.delete(
    "/{key_id}",
    status_code=204,
    summary="Revoke an API key",
    description="Idempotent: revoking a revoked key is 204 too.",
)
async def revoke_api_key(
    key_id: str, principal: Admin, actor: Actor, services: Services, config: Config
) -> Response:
    await call(
        services.tenants.RevokeApiKey,
        tenants_pb2.RevokeApiKeyRequest(key_id=key_id, actor=actor),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    return Response(status_code=204)
