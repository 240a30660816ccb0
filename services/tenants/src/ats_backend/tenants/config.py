"""Settings of the tenants process (``ATS_*`` environment variables)."""

from __future__ import annotations

import dataclasses

from pydantic import Field

from ats_backend.core.config import ServiceSettings

__all__ = ["AuthPolicy", "TenantsSettings"]

# OWASP's minimum argon2id parameters (m=19 MiB, t=2, p=1); settings may only go above them.
MIN_ARGON2_TIME_COST = 2
MIN_ARGON2_MEMORY_KIB = 19456


@dataclasses.dataclass(frozen=True)
class AuthPolicy:
    """What the login machinery needs from the settings, as a plain value (tests build one
    with small numbers instead of a whole process configuration)."""

    argon2_time_cost: int = MIN_ARGON2_TIME_COST
    argon2_memory_kib: int = MIN_ARGON2_MEMORY_KIB
    login_max_failures: int = 5
    lockout_base_seconds: float = 60.0
    lockout_max_seconds: float = 3600.0
    refresh_token_seconds: int = 1_209_600


class TenantsSettings(ServiceSettings):
    database_url: str = Field(description="PostgreSQL URL of the app role (RLS applies to it).")
    grpc_port: int = Field(50051, description="Port of the gRPC server.")
    metrics_port: int = Field(9101, description="Port of the Prometheus /metrics endpoint.")
    db_pool_size: int = Field(10, description="Maximum connections in the asyncpg pool.")
    shutdown_grace: float = Field(10.0, description="Seconds in-flight calls get on SIGTERM.")
    rls_audit_seconds: float = Field(
        300.0, gt=0, description="Seconds between RLS audits (readiness fails on findings)."
    )
    argon2_time_cost: int = Field(
        MIN_ARGON2_TIME_COST,
        ge=MIN_ARGON2_TIME_COST,
        description="argon2id iterations for password hashes (OWASP minimum 2).",
    )
    argon2_memory_kib: int = Field(
        MIN_ARGON2_MEMORY_KIB,
        ge=MIN_ARGON2_MEMORY_KIB,
        description="argon2id memory per hash in KiB (OWASP minimum 19456 = 19 MiB).",
    )
    login_max_failures: int = Field(
        5, ge=1, description="Consecutive failed logins that lock an account."
    )
    lockout_base_seconds: float = Field(
        60.0, gt=0, description="Length of the first lockout; each further one doubles it."
    )
    lockout_max_seconds: float = Field(
        3600.0, gt=0, description="Longest lockout, however many came before."
    )
    refresh_token_seconds: int = Field(
        1_209_600,
        gt=0,
        description="Lifetime of a login session's refresh token (14 days); every refresh "
        "extends the session by this much.",
    )

    def auth_policy(self) -> AuthPolicy:
        return AuthPolicy(
            argon2_time_cost=self.argon2_time_cost,
            argon2_memory_kib=self.argon2_memory_kib,
            login_max_failures=self.login_max_failures,
            lockout_base_seconds=self.lockout_base_seconds,
            lockout_max_seconds=self.lockout_max_seconds,
            refresh_token_seconds=self.refresh_token_seconds,
        )
