"""Settings of the tenants process (``ATS_*`` environment variables)."""

from __future__ import annotations

from pydantic import Field

from ats_backend.core.config import ServiceSettings

__all__ = ["TenantsSettings"]


class TenantsSettings(ServiceSettings):
    database_url: str = Field(description="PostgreSQL URL of the app role (RLS applies to it).")
    grpc_port: int = Field(50051, description="Port of the gRPC server.")
    metrics_port: int = Field(9101, description="Port of the Prometheus /metrics endpoint.")
    db_pool_size: int = Field(10, description="Maximum connections in the asyncpg pool.")
    shutdown_grace: float = Field(10.0, description="Seconds in-flight calls get on SIGTERM.")
    rls_audit_seconds: float = Field(
        300.0, gt=0, description="Seconds between RLS audits (readiness fails on findings)."
    )
