"""``/v1/users``: the calling client's users, managed by its client_admins.

Passwords are checked and hashed by tenants (8..128 characters, not a common password);
they are never logged or returned. Role changes and deactivation reach the user's sessions
within ``ATS_AUTH_CACHE_SECONDS`` (the role is resolved per session, not kept in tokens).
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
from ats_backend.gateway.schemas import UserCreate, UserList, UserOut, UserUpdate
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = ["router"]

router = APIRouter(prefix="/v1/users", tags=["users"])

Admin = Annotated[Principal, requires(Permission.USERS_MANAGE)]


@router.post(
    "",
    status_code=201,
    response_model=UserOut,
    summary="Create a user of the calling client",
    responses={409: {"description": "A user with this email exists in the client"}},
)
async def create_user(
    body: UserCreate, principal: Admin, actor: Actor, services: Services, config: Config
) -> UserOut:
    user = await call(
        services.tenants.CreateUser,
        tenants_pb2.CreateUserRequest(
            email=body.email, name=body.name, role=body.role, password=body.password, actor=actor
        ),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    return UserOut.of(user)


@router.get("", response_model=UserList, summary="List the calling client's users")
async def list_users(
    request: Request,
    response: Response,
    principal: Admin,
    services: Services,
    config: Config,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str, Query(max_length=100)] = "",
) -> UserList:
    answer = await call(
        services.tenants.ListUsers,
        tenants_pb2.ListUsersRequest(limit=limit, cursor=cursor),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    link_next(request, response, answer.next_cursor)
    return UserList(
        data=[UserOut.of(u) for u in answer.users], next_cursor=answer.next_cursor or None
    )


@router.get("/{user_id}", response_model=UserOut, summary="Get a user")
async def get_user(user_id: str, principal: Admin, services: Services, config: Config) -> UserOut:
    user = await call(
        services.tenants.GetUser,
        tenants_pb2.GetUserRequest(user_id=user_id),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    return UserOut.of(user)


@router.patch(
    "/{user_id}",
    response_model=UserOut,
    summary="Change a user's name, role, password or active state",
)
async def update_user(
    user_id: str,
    body: UserUpdate,
    principal: Admin,
    actor: Actor,
    services: Services,
    config: Config,
) -> UserOut:
    request = tenants_pb2.UpdateUserRequest(user_id=user_id, actor=actor)
    # Only the fields sent are set: proto3 `optional` tells "not given" from empty/false.
    for name, value in body.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(request, name, value)
    user = await call(
        services.tenants.UpdateUser,
        request,
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    return UserOut.of(user)
