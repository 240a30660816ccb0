"""gRPC edge of the tenants service: protobuf in, domain calls, protobuf out.

In-client calls take the tenant from the call metadata (``require_tenant()``, set by the
gateway from the verified credential); platform calls name the client in the request.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import grpc

from ats_backend.core import context as call_context
from ats_backend.core.context import require_tenant
from ats_backend.core.errors import PermissionDenied
from ats_backend.core.protoconv import timestamp
from ats_backend.core.rls_audit import RlsReport
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb
from ats_backend.proto.tenants.v1 import tenants_pb2_grpc as pb_grpc
from ats_backend.tenants.audit import PLATFORM_ADMIN, Actor
from ats_backend.tenants.models import ApiKey, AuditEvent, Client, LoginResult, User
from ats_backend.tenants.service import TenantsService
from ats_backend.tenants.users import UserChanges

__all__ = ["TenantsServicer"]

Context = grpc.aio.ServicerContext[Any, Any]


def _optional_times(**values: datetime.datetime | None) -> dict[str, Any]:
    """Timestamps that are unset (not epoch) when the value is None: message fields have
    presence, so assigning an empty Timestamp would mark them set."""
    return {name: timestamp(value) for name, value in values.items() if value is not None}


def _client(client: Client) -> pb.Client:
    return pb.Client(
        id=str(client.id),
        name=client.name,
        is_active=client.is_active,
        created_at=timestamp(client.created_at),
        updated_at=timestamp(client.updated_at),
    )


def _key(key: ApiKey) -> pb.ApiKey:
    return pb.ApiKey(
        id=str(key.id),
        client_id=str(key.client_id),
        name=key.name,
        role=key.role,
        prefix=key.prefix,
        created_at=timestamp(key.created_at),
        **_optional_times(last_used_at=key.last_used_at, revoked_at=key.revoked_at),
    )


def _user(user: User) -> pb.User:
    return pb.User(
        id=str(user.id),
        client_id=str(user.client_id),
        email=user.email,
        name=user.name,
        role=user.role,
        is_active=user.is_active,
        created_at=timestamp(user.created_at),
        updated_at=timestamp(user.updated_at),
        **_optional_times(last_login_at=user.last_login_at, locked_until=user.locked_until),
    )


def _login(result: LoginResult) -> pb.LoginResponse:
    return pb.LoginResponse(
        user=_user(result.user),
        session_id=str(result.session_id),
        refresh_token=result.refresh_token,
        refresh_expires_at=timestamp(result.refresh_expires_at),
    )


def _event(event: AuditEvent) -> pb.AuditEvent:
    return pb.AuditEvent(
        id=str(event.id),
        client_id=str(event.client_id),
        occurred_at=timestamp(event.occurred_at),
        action=event.action,
        actor=pb.Actor(
            kind=event.actor_kind,
            id=event.actor_id,
            source_ip=event.source_ip,
            on_behalf_of=event.on_behalf_of,
        ),
        target=event.target,
        details_json=event.details_json,
    )


def _actor(message: pb.Actor, default: Actor | None = None) -> Actor:
    """The audited actor the gateway named; without one, ``default`` or an internal caller
    identified by the call's actor metadata."""
    if message.kind:
        return Actor(
            kind=message.kind,
            id=message.id[:200],
            source_ip=message.source_ip[:100],
            on_behalf_of=message.on_behalf_of[:200],
        )
    return default or Actor("system", id=call_context.actor.get() or "")


def _caller_tenant() -> uuid.UUID | None:
    """The calling client when the metadata names one (a client principal), else None
    (the platform admin)."""
    return require_tenant() if call_context.tenant_id.get() else None


def _platform_only() -> None:
    """Defence in depth for platform calls: the gateway only makes them for the platform
    admin, who acts for no client, so a call naming a client is refused."""
    if call_context.tenant_id.get():
        raise PermissionDenied("platform admin only")


def _rls_report(report: RlsReport) -> pb.RlsAuditResponse:
    role = report.role
    return pb.RlsAuditResponse(
        ok=report.ok,
        findings=list(report.findings),
        tables=[
            pb.RlsAuditTable(
                schema=table.schema,
                name=table.name,
                owner=table.owner,
                tenant_column=table.tenant_column or "",
                rls_enabled=table.rls_enabled,
                rls_forced=table.rls_forced,
                policy_count=len(table.policies),
                fail_closed=table.fail_closed,
                ok=table.ok,
            )
            for table in report.tables
        ],
        role=pb.RlsAuditRole(
            name=role.name,
            exists=role.exists,
            superuser=role.superuser,
            bypass_rls=role.bypass_rls,
            powerful_memberships=list(role.powerful_memberships),
            owns=list(role.owns),
        ),
        views=[
            pb.RlsAuditView(schema=v.schema, name=v.name, security_invoker=v.security_invoker)
            for v in report.views
        ],
        functions=[
            pb.RlsAuditFunction(
                schema=f.schema, signature=f.signature, search_path=f.search_path or ""
            )
            for f in report.functions
        ],
    )


class TenantsServicer(pb_grpc.TenantsServiceServicer):
    def __init__(self, service: TenantsService) -> None:
        self._service = service

    # Clients (platform, except GetClient for the client itself).

    async def CreateClient(
        self, request: pb.CreateClientRequest, context: Context
    ) -> pb.CreateClientResponse:
        _platform_only()
        client, key, secret = await self._service.clients.create(
            request.name, _actor(request.actor, PLATFORM_ADMIN)
        )
        return pb.CreateClientResponse(
            client=_client(client), api_key=_key(key), api_key_secret=secret
        )

    async def ListClients(
        self, request: pb.ListClientsRequest, context: Context
    ) -> pb.ListClientsResponse:
        _platform_only()
        page = await self._service.clients.list(request.limit, request.cursor)
        return pb.ListClientsResponse(
            clients=[_client(c) for c in page.items], next_cursor=page.next_cursor
        )

    async def GetClient(self, request: pb.GetClientRequest, context: Context) -> pb.Client:
        return _client(await self._service.clients.get(request.client_id, _caller_tenant()))

    async def UpdateClient(self, request: pb.UpdateClientRequest, context: Context) -> pb.Client:
        _platform_only()
        client = await self._service.clients.rename(
            request.client_id, request.name, _actor(request.actor, PLATFORM_ADMIN)
        )
        return _client(client)

    async def SetClientActive(
        self, request: pb.SetClientActiveRequest, context: Context
    ) -> pb.Client:
        _platform_only()
        client = await self._service.clients.set_active(
            request.client_id, request.is_active, _actor(request.actor, PLATFORM_ADMIN)
        )
        return _client(client)

    async def GetClientStatus(
        self, request: pb.GetClientStatusRequest, context: Context
    ) -> pb.GetClientStatusResponse:
        return pb.GetClientStatusResponse(
            is_active=await self._service.clients.is_active(request.client_id)
        )

    # API keys.

    async def CreateApiKey(
        self, request: pb.CreateApiKeyRequest, context: Context
    ) -> pb.CreateApiKeyResponse:
        key, secret = await self._service.api_keys.create(
            require_tenant(), request.name, request.role, _actor(request.actor)
        )
        return pb.CreateApiKeyResponse(api_key=_key(key), api_key_secret=secret)

    async def ListApiKeys(
        self, request: pb.ListApiKeysRequest, context: Context
    ) -> pb.ListApiKeysResponse:
        page = await self._service.api_keys.list(
            require_tenant(), request.limit, request.cursor, request.include_revoked
        )
        return pb.ListApiKeysResponse(
            api_keys=[_key(k) for k in page.items], next_cursor=page.next_cursor
        )

    async def RevokeApiKey(self, request: pb.RevokeApiKeyRequest, context: Context) -> pb.ApiKey:
        key = await self._service.api_keys.revoke(
            require_tenant(), request.key_id, _actor(request.actor)
        )
        return _key(key)

    async def ResolveApiKey(
        self, request: pb.ResolveApiKeyRequest, context: Context
    ) -> pb.ResolveApiKeyResponse:
        principal = await self._service.api_keys.resolve(request.api_key)
        return pb.ResolveApiKeyResponse(
            client_id=str(principal.client_id), key_id=str(principal.key_id), role=principal.role
        )

    # Users.

    async def CreateUser(self, request: pb.CreateUserRequest, context: Context) -> pb.User:
        user = await self._service.users.create(
            require_tenant(),
            request.email,
            request.name,
            request.role,
            request.password,
            _actor(request.actor),
        )
        return _user(user)

    async def ListUsers(
        self, request: pb.ListUsersRequest, context: Context
    ) -> pb.ListUsersResponse:
        page = await self._service.users.list(require_tenant(), request.limit, request.cursor)
        return pb.ListUsersResponse(
            users=[_user(u) for u in page.items], next_cursor=page.next_cursor
        )

    async def GetUser(self, request: pb.GetUserRequest, context: Context) -> pb.User:
        return _user(await self._service.users.get(require_tenant(), request.user_id))

    async def UpdateUser(self, request: pb.UpdateUserRequest, context: Context) -> pb.User:
        changes = UserChanges(
            name=request.name if request.HasField("name") else None,
            role=request.role if request.HasField("role") else None,
            is_active=request.is_active if request.HasField("is_active") else None,
            password=request.password if request.HasField("password") else None,
        )
        user = await self._service.users.update(
            require_tenant(), request.user_id, changes, _actor(request.actor)
        )
        return _user(user)

    # Sessions.

    async def Login(self, request: pb.LoginRequest, context: Context) -> pb.LoginResponse:
        result = await self._service.sessions.login(
            request.client_id,
            request.email,
            request.password,
            request.source_ip,
            request.user_agent,
        )
        return _login(result)

    async def Refresh(self, request: pb.RefreshRequest, context: Context) -> pb.LoginResponse:
        return _login(
            await self._service.sessions.refresh(request.refresh_token, request.source_ip)
        )

    async def Logout(self, request: pb.LogoutRequest, context: Context) -> pb.LogoutResponse:
        await self._service.sessions.logout(
            require_tenant(), request.session_id, _actor(request.actor)
        )
        return pb.LogoutResponse()

    async def ResolveSession(
        self, request: pb.ResolveSessionRequest, context: Context
    ) -> pb.ResolveSessionResponse:
        role = await self._service.sessions.resolve(
            request.client_id, request.user_id, request.session_id
        )
        return pb.ResolveSessionResponse(role=role)

    # Audit.

    async def ListAuditEvents(
        self, request: pb.ListAuditEventsRequest, context: Context
    ) -> pb.ListAuditEventsResponse:
        page = await self._service.audit_events(
            require_tenant(), request.limit, request.cursor, request.action
        )
        return pb.ListAuditEventsResponse(
            events=[_event(e) for e in page.items], next_cursor=page.next_cursor
        )

    async def RlsAudit(self, request: pb.RlsAuditRequest, context: Context) -> pb.RlsAuditResponse:
        return _rls_report(await self._service.rls_audit())
