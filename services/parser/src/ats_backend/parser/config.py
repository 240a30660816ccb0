"""Settings of the parser process (``ATS_*`` environment variables)."""

from __future__ import annotations

import os

from pydantic import Field

from ats_backend.core.config import ServiceSettings

__all__ = ["ParserSettings"]


class ParserSettings(ServiceSettings):
    amqp_url: str = Field(description="RabbitMQ URL (amqp://user:pass@host:5672/vhost).")
    ingest_addr: str = Field(
        "127.0.0.1:50052", description="host:port of ingest, where document bytes are fetched."
    )
    grpc_port: int = Field(50054, description="Port of the gRPC server (sync Parse, health).")
    metrics_port: int = Field(9104, description="Port of the Prometheus /metrics endpoint.")
    parse_concurrency: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        description="Sandboxed parse processes; parsing is CPU-bound, so one per core.",
    )
    parse_prefetch: int = Field(
        0, description="Unacked parse jobs held at once; 0 means twice the concurrency."
    )
    parse_timeout_seconds: float = Field(
        30.0, description="Wall-clock limit for parsing one document before it fails."
    )
    parse_memory_limit_mb: int = Field(
        1024, description="Address-space limit (RLIMIT_AS) of each parse process, in MiB."
    )
    max_document_bytes: int = Field(
        10 * 1024 * 1024, description="Largest document the sync Parse call accepts."
    )
    fetch_timeout_seconds: float = Field(30.0, description="Deadline for fetching one document.")
    shutdown_grace: float = Field(10.0, description="Seconds in-flight calls get on SIGTERM.")
