"""Settings of the gateway process (``ATS_*`` environment variables)."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from ats_backend.core.config import ServiceSettings

__all__ = ["MIN_JWT_SECRET_CHARS", "GatewaySettings", "parse_jwt_keys"]

# HS256 is only as strong as its key: 32 characters of `openssl rand -hex 32` are 128 bits
# at the least, and RFC 7518 asks for a key at least as long as the hash (256 bits).
MIN_JWT_SECRET_CHARS = 32


def parse_jwt_keys(value: str) -> list[tuple[str, str]]:
    """``"kid1:secret1,kid2:secret2"`` as ``[(kid, secret), ...]``, in order (the first
    signs). Raises ValueError naming what is wrong, never echoing a secret."""
    keys: list[tuple[str, str]] = []
    for index, item in enumerate(part.strip() for part in value.split(",")):
        if not item:
            continue
        kid, sep, secret = item.partition(":")
        kid = kid.strip()
        if not sep or not kid:
            raise ValueError(f"key {index + 1} is not of the form kid:secret")
        if len(secret) < MIN_JWT_SECRET_CHARS:
            raise ValueError(
                f"the secret of key {kid!r} is shorter than {MIN_JWT_SECRET_CHARS} characters"
            )
        if any(kid == seen for seen, _ in keys):
            raise ValueError(f"key id {kid!r} appears twice")
        keys.append((kid, secret))
    if not keys:
        raise ValueError("at least one kid:secret key is required")
    return keys


class GatewaySettings(ServiceSettings):
    # Validation errors never repeat the input: it may be a secret (ATS_JWT_KEYS).
    model_config = ServiceSettings.model_config | SettingsConfigDict(hide_input_in_errors=True)

    http_host: str = Field("0.0.0.0", description="Interface the HTTP server binds.")
    http_port: int = Field(8002, description="Port of the HTTP API and the /monitoring endpoints.")
    forwarded_allow_ips: str = Field(
        "127.0.0.1,::1",
        description="Proxies (addresses or CIDR networks, comma-separated, or *) whose "
        "X-Forwarded-For is trusted as the client's address: the source IP of the login "
        "throttle, audit log and security logs. Set it to the ingress/load balancer's "
        "addresses, never to * on a gateway clients can reach directly.",
    )
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
    jwt_keys: SecretStr = Field(
        description="Keys of the access tokens: `kid1:secret1,kid2:secret2` (each secret at "
        "least 32 characters, e.g. `openssl rand -hex 32`). The first signs new tokens, all "
        "verify. To rotate, prepend a new key, and drop the old one once "
        "ATS_ACCESS_TOKEN_SECONDS have passed (docs/api.md#key-rotation).",
    )
    jwt_issuer: str = Field("ats", min_length=1, description="`iss` of access tokens.")
    jwt_audience: str = Field("ats-api", min_length=1, description="`aud` of access tokens.")
    access_token_seconds: int = Field(
        900,
        gt=0,
        le=3600,
        description="Lifetime of an access token. Also how long a dropped signing key must "
        "be kept after rotation. Revocation does not wait for it (see auth_cache_seconds).",
    )
    login_per_ip_per_minute: int = Field(
        20,
        gt=0,
        description="Failed logins one source IP may have per minute (all clients and "
        "accounts together); past it, attempts get 429 until the budget refills. Kept in "
        "Redis like the rate limits.",
    )
    max_upload_bytes: int = Field(
        10 * 1024 * 1024, description="Largest accepted file; larger uploads get 413."
    )
    max_files_per_upload: int = Field(
        20, description="Most files one POST /v1/documents may carry."
    )
    auth_cache_seconds: float = Field(
        5.0,
        description="How long a resolved API key or login session is trusted before asking "
        "tenants again; the bound on how fast a revoked key or session, a changed role, a "
        "deactivated user or a deactivated client loses access.",
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

    @field_validator("jwt_keys")
    @classmethod
    def _valid_jwt_keys(cls, value: SecretStr) -> SecretStr:
        parse_jwt_keys(value.get_secret_value())
        return value

    def signing_keys(self) -> list[tuple[str, str]]:
        """The JWT keys as ``(kid, secret)``, the signing one first."""
        return parse_jwt_keys(self.jwt_keys.get_secret_value())
