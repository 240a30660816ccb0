"""Settings of the gateway process (``ATS_*`` environment variables)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from ats_backend.core.config import ServiceSettings

__all__ = ["GatewaySettings"]


class GatewaySettings(ServiceSettings):
    http_host: str = Field("0.0.0.0", description="Interface the HTTP server binds.")
    http_port: int = Field(8002, description="Port of the HTTP API and the /monitoring endpoints.")
    tenants_addr: str = Field("127.0.0.1:50051", description="host:port of the tenants service.")
    ingest_addr: str = Field("127.0.0.1:50052", description="host:port of the ingest service.")
    candidates_addr: str = Field(
        "127.0.0.1:50053", description="host:port of the candidates service."
    )
    parser_addr: str = Field("127.0.0.1:50054", description="host:port of the parser service.")
    database_url: str = Field(
        description="PostgreSQL URL of the app role; the gateway only health-checks it."
    )
    amqp_url: str = Field(description="RabbitMQ URL; the gateway only reads queue depths.")
    platform_admin_token: SecretStr = Field(
        description="Bearer token of the platform administrator (creates clients). "
        "At least 32 characters; generate one with `openssl rand -hex 32`.",
        min_length=32,
    )
    max_upload_bytes: int = Field(
        10 * 1024 * 1024, description="Largest accepted file; larger uploads get 413."
    )
    max_files_per_upload: int = Field(
        20, description="Most files one POST /v1/documents may carry."
    )
    auth_cache_seconds: float = Field(
        5.0,
        description="How long a resolved API key is trusted before asking tenants again; "
        "the bound on how fast a revoked key or deactivated client loses access.",
    )
    grpc_timeout_seconds: float = Field(10.0, description="Deadline of calls to the services.")
    upload_timeout_seconds: float = Field(60.0, description="Deadline of one file's upload stream.")
    queue_warning_depth: int = Field(100, description="Parse queue depth reported as degraded.")
    rate_limit_enabled: bool = Field(
        True,
        description="Enforce the per-client and per-key rate limits of /v1 (docs/api.md).",
    )
    rate_limit_client_per_minute: int = Field(
        600, gt=0, description="Requests a client may make per minute, all its keys together."
    )
    rate_limit_key_per_minute: int = Field(
        300, gt=0, description="Requests one API key (or the platform admin) may make per minute."
    )
    rate_limit_key_prefix: str = Field(
        "ats:ratelimit", description="Prefix of the rate-limit keys in Redis."
    )
    redis_url: str = Field(
        "redis://127.0.0.1:6379/0",
        description="Redis holding the rate-limit budgets, shared by every gateway replica. "
        "Unreachable, the gateway serves without limits (fails open) and counts "
        "ats_rate_limit_store_errors_total.",
    )
    redis_timeout_seconds: float = Field(
        0.25, gt=0, description="Connect and reply timeout of each rate-limit check."
    )
