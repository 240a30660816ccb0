"""Settings of the candidates process (``ATS_*`` environment variables)."""

from __future__ import annotations

from pydantic import Field

from ats_backend.core.config import ServiceSettings

__all__ = ["CandidatesSettings"]


class CandidatesSettings(ServiceSettings):
    database_url: str = Field(description="PostgreSQL URL of the app role (RLS applies to it).")
    amqp_url: str = Field(description="RabbitMQ URL (amqp://user:pass@host:5672/vhost).")
    grpc_port: int = Field(50053, description="Port of the gRPC server.")
    metrics_port: int = Field(9103, description="Port of the Prometheus /metrics endpoint.")
    db_pool_size: int = Field(10, description="Maximum connections in the asyncpg pool.")
    consumer_prefetch: int = Field(64, description="Unacked ResumeParsed events in flight.")
    shutdown_grace: float = Field(10.0, description="Seconds in-flight calls get on SIGTERM.")
