"""gRPC edge of the tenants service: protobuf in, domain calls, protobuf out."""

from __future__ import annotations

import asyncpg
import grpc

from ats_backend.core.context import require_tenant
from ats_backend.core.protoconv import timestamp
from ats_backend.core.rls_audit import RlsReport
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb
from ats_backend.proto.tenants.v1 import tenants_pb2_grpc as pb_grpc
from ats_backend.tenants.service import ApiKey, Client, TenantsService

__all__ = ["TenantsServicer"]


def _client(client: Client) -> pb.Client:
    return pb.Client(
        id=str(client.id),
        name=client.name,
        is_active=client.is_active,
        created_at=timestamp(client.created_at),
    )


def _key(key: ApiKey) -> pb.ApiKey:
    return pb.ApiKey(
        id=str(key.id),
        client_id=str(key.client_id),
        name=key.name,
        role=key.role,
        prefix=key.prefix,
        created_at=timestamp(key.created_at),
    )


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
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._service = TenantsService(pool)

    async def CreateClient(
        self, request: pb.CreateClientRequest, context: grpc.aio.ServicerContext[object, object]
    ) -> pb.CreateClientResponse:
        client, key, secret = await self._service.create_client(request.name)
        return pb.CreateClientResponse(
            client=_client(client), api_key=_key(key), api_key_secret=secret
        )

    async def CreateApiKey(
        self, request: pb.CreateApiKeyRequest, context: grpc.aio.ServicerContext[object, object]
    ) -> pb.CreateApiKeyResponse:
        key, secret = await self._service.create_api_key(
            require_tenant(), request.name, request.role
        )
        return pb.CreateApiKeyResponse(api_key=_key(key), api_key_secret=secret)

    async def ResolveApiKey(
        self, request: pb.ResolveApiKeyRequest, context: grpc.aio.ServicerContext[object, object]
    ) -> pb.ResolveApiKeyResponse:
        principal = await self._service.resolve_api_key(request.api_key)
        return pb.ResolveApiKeyResponse(
            client_id=str(principal.client_id), key_id=str(principal.key_id), role=principal.role
        )

    async def RlsAudit(
        self, request: pb.RlsAuditRequest, context: grpc.aio.ServicerContext[object, object]
    ) -> pb.RlsAuditResponse:
        return _rls_report(await self._service.rls_audit())
