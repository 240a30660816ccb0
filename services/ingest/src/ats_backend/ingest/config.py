"""Settings of the ingest process (``ATS_*`` environment variables)."""

from __future__ import annotations

from pydantic import Field

from ats_backend.core.config import ServiceSettings

__all__ = ["IngestSettings"]


class IngestSettings(ServiceSettings):
    database_url: str = Field(description="PostgreSQL URL of the app role (RLS applies to it).")
    amqp_url: str = Field(description="RabbitMQ URL (amqp://user:pass@host:5672/vhost).")
    grpc_port: int = Field(50052, description="Port of the gRPC server.")
    metrics_port: int = Field(9102, description="Port of the Prometheus /metrics endpoint.")
    db_pool_size: int = Field(10, description="Maximum connections in the asyncpg pool.")
    max_upload_bytes: int = Field(
        10 * 1024 * 1024, description="Largest accepted document; uploads are cut off beyond it."
    )
    relay_batch_size: int = Field(200, description="Outbox rows published per relay round.")
    relay_poll_seconds: float = Field(
        1.0, description="Relay poll interval when no notification arrives (other replicas)."
    )
    shutdown_grace: float = Field(10.0, description="Seconds in-flight calls get on SIGTERM.")
