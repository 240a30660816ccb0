"""``/v1/admin/...``: platform operations for the platform admin (no client acts here)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ats_backend.core.grpc_client import call
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.deps import backends, settings
from ats_backend.gateway.roles import Permission, requires
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = ["RlsAuditReport", "router"]

router = APIRouter(prefix="/v1/admin", tags=["admin"])

Auditor = Annotated[Principal, requires(Permission.RLS_AUDIT)]


class RlsAuditTable(BaseModel):
    schema_name: str = Field(alias="schema", description="The table's schema.")
    name: str
    owner: str
    tenant_column: str | None = Field(
        description="`tenant_id`, or null for the tenant table itself (`clients`)."
    )
    rls_enabled: bool
    rls_forced: bool
    policy_count: int
    fail_closed: bool = Field(
        description="Has policies for the app role, and every permissive one of them fails closed."
    )
    ok: bool

    model_config = {"populate_by_name": True}


class RlsAuditRole(BaseModel):
    name: str
    exists: bool
    superuser: bool
    bypass_rls: bool
    powerful_memberships: list[str] = Field(
        description="Superuser or BYPASSRLS roles the app role is a member of (should be none)."
    )
    owns: list[str] = Field(description="Objects the app role owns (should be none).")


class RlsAuditView(BaseModel):
    schema_name: str = Field(alias="schema")
    name: str
    security_invoker: bool

    model_config = {"populate_by_name": True}


class RlsAuditFunction(BaseModel):
    schema_name: str = Field(alias="schema")
    signature: str
    search_path: str | None = Field(description="Null when not pinned (a finding).")

    model_config = {"populate_by_name": True}


class RlsAuditReport(BaseModel):
    ok: bool = Field(description="True when there are no findings.")
    findings: list[str] = Field(
        description="One sentence per problem, naming the object and what is wrong.",
        examples=[["table public.notes: row-level security is not forced"]],
    )
    tables: list[RlsAuditTable]
    role: RlsAuditRole
    views: list[RlsAuditView]
    functions: list[RlsAuditFunction]

    @classmethod
    def of(cls, answer: tenants_pb2.RlsAuditResponse) -> RlsAuditReport:
        return cls(
            ok=answer.ok,
            findings=list(answer.findings),
            tables=[
                RlsAuditTable(
                    schema_name=t.schema,
                    name=t.name,
                    owner=t.owner,
                    tenant_column=t.tenant_column or None,
                    rls_enabled=t.rls_enabled,
                    rls_forced=t.rls_forced,
                    policy_count=t.policy_count,
                    fail_closed=t.fail_closed,
                    ok=t.ok,
                )
                for t in answer.tables
            ],
            role=RlsAuditRole(
                name=answer.role.name,
                exists=answer.role.exists,
                superuser=answer.role.superuser,
                bypass_rls=answer.role.bypass_rls,
                powerful_memberships=list(answer.role.powerful_memberships),
                owns=list(answer.role.owns),
            ),
            views=[
                RlsAuditView(schema_name=v.schema, name=v.name, security_invoker=v.security_invoker)
                for v in answer.views
            ],
            functions=[
                RlsAuditFunction(
                    schema_name=f.schema, signature=f.signature, search_path=f.search_path or None
                )
                for f in answer.functions
            ],
        )


@router.get(
    "/rls-audit",
    response_model=RlsAuditReport,
    response_model_by_alias=True,
    summary="Audit the database's row-level security (platform admin only)",
)
async def rls_audit(
    _: Auditor,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
) -> RlsAuditReport:
    """Runs the RLS audit now, in the tenants service, as the services' own database role:
    every table with a tenant column has RLS enabled and forced with fail-closed policies,
    the role is not superuser nor BYPASSRLS and owns nothing, views are security_invoker,
    SECURITY DEFINER functions pin their search_path.

    **200 whether or not the audit passes**: the report is the resource and it was produced,
    so a failing audit is `"ok": false` with `findings`, not an error status (a 5xx would read
    as "the audit could not run", and monitors should alert on `ok`). 503 when the tenants
    service cannot be reached, 401/403 for anyone but the platform admin.
    """
    answer = await call(
        services.tenants.RlsAudit,
        tenants_pb2.RlsAuditRequest(),
        timeout=config.grpc_timeout_seconds,
    )
    return RlsAuditReport.of(answer)
