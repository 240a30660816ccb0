"""``GET /v1/admin/rls-audit`` against a fake tenants stub: platform admin only, the report
passed through as JSON, 200 with ``ok: false`` when the audit has findings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request

from ats_backend.core.errors import Unauthenticated
from ats_backend.gateway import admin, problems
from ats_backend.gateway.auth import ADMIN_PRINCIPAL, Principal
from ats_backend.gateway.config import GatewaySettings
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb

FINDING = "table public.notes: row-level security is not forced (its owner bypasses it)"


@dataclass
class FakeTenants:
    answer: pb.RlsAuditResponse
    calls: int = 0
    timeouts: list[float] = field(default_factory=list)

    async def RlsAudit(
        self,
        request: pb.RlsAuditRequest,
        *,
        timeout: float,  # noqa: ASYNC109 - the stub's signature: a gRPC deadline
        metadata: Any,
    ) -> pb.RlsAuditResponse:
        self.calls += 1
        self.timeouts.append(timeout)
        return self.answer


@dataclass
class FakeBackends:
    tenants: FakeTenants


async def authenticate(request: Request) -> Principal:
    token = request.headers.get("authorization")
    if token == "Bearer admin-token":
        return ADMIN_PRINCIPAL
    if token == "Bearer client-key":
        return Principal(kind="api_key", id="key-1", role="client_admin", client_id="tenant-1")
    raise Unauthenticated("missing bearer credential", reason="missing_credentials")


def report(*, ok: bool) -> pb.RlsAuditResponse:
    return pb.RlsAuditResponse(
        ok=ok,
        findings=[] if ok else [FINDING],
        tables=[
            pb.RlsAuditTable(
                schema="public",
                name="clients",
                owner="ats_owner",
                rls_enabled=True,
                rls_forced=True,
                policy_count=1,
                fail_closed=True,
                ok=True,
            ),
            pb.RlsAuditTable(
                schema="public",
                name="notes",
                owner="ats_owner",
                tenant_column="tenant_id",
                rls_enabled=True,
                rls_forced=ok,
                policy_count=1,
                fail_closed=True,
                ok=ok,
            ),
        ],
        role=pb.RlsAuditRole(name="ats_app", exists=True),
        functions=[pb.RlsAuditFunction(schema="public", signature="f()")],
    )


@pytest.fixture
def tenants() -> FakeTenants:
    return FakeTenants(report(ok=True))


@pytest.fixture
async def client(tenants: FakeTenants) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.include_router(admin.router)
    problems.install(app)
    app.state.settings = GatewaySettings(
        database_url="postgresql://unused",
        amqp_url="amqp://unused",
        platform_admin_token="x" * 32,
        jwt_keys="test:" + "k" * 32,
        grpc_timeout_seconds=7.0,
    )
    app.state.backends = FakeBackends(tenants)
    app.state.authenticator = authenticate
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://gateway",
        headers={"Authorization": "Bearer admin-token"},
    ) as http:
        yield http


async def test_the_admin_gets_the_report(client: httpx.AsyncClient, tenants: FakeTenants) -> None:
    response = await client.get("/v1/admin/rls-audit")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True and body["findings"] == []
    clients, notes = body["tables"]
    assert clients["schema"] == "public" and clients["tenant_column"] is None
    assert notes["tenant_column"] == "tenant_id"
    assert body["role"]["name"] == "ats_app" and body["role"]["owns"] == []
    assert body["functions"] == [{"schema": "public", "signature": "f()", "search_path": None}]
    assert tenants.timeouts == [7.0]


async def test_findings_are_200_with_ok_false(
    client: httpx.AsyncClient, tenants: FakeTenants
) -> None:
    tenants.answer = report(ok=False)
    response = await client.get("/v1/admin/rls-audit")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is False and body["findings"] == [FINDING]
    assert body["tables"][1]["rls_forced"] is False


async def test_only_the_platform_admin(client: httpx.AsyncClient, tenants: FakeTenants) -> None:
    as_client = await client.get(
        "/v1/admin/rls-audit", headers={"Authorization": "Bearer client-key"}
    )
    assert as_client.status_code == 403
    anonymous = await client.get("/v1/admin/rls-audit", headers={"Authorization": ""})
    assert anonymous.status_code == 401
    assert tenants.calls == 0


async def test_openapi_documents_the_route(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    operation = spec["paths"]["/v1/admin/rls-audit"]["get"]
    assert "200 whether or not the audit passes" in operation["description"]
    schema = spec["components"]["schemas"]["RlsAuditReport"]
    assert {"ok", "findings", "tables", "role", "views", "functions"} <= set(schema["properties"])
