"""The values the tenants operations return: plain frozen dataclasses (no protobuf here)."""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from typing import Generic, TypeVar

import asyncpg

__all__ = [
    "ROLES",
    "ApiKey",
    "AuditEvent",
    "Client",
    "LoginResult",
    "Page",
    "Principal",
    "User",
    "api_key_from_row",
    "client_from_row",
    "user_from_row",
]

ROLES = ("client_admin", "recruiter", "viewer")

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str


@dataclasses.dataclass(frozen=True)
class Client:
    id: uuid.UUID
    name: str
    is_active: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime


@dataclasses.dataclass(frozen=True)
class ApiKey:
    id: uuid.UUID
    client_id: uuid.UUID
    name: str
    role: str
    prefix: str
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None = None
    revoked_at: datetime.datetime | None = None


@dataclasses.dataclass(frozen=True)
class User:
    id: uuid.UUID
    client_id: uuid.UUID
    email: str
    name: str
    role: str
    is_active: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    last_login_at: datetime.datetime | None
    # Set only while the account is locked.
    locked_until: datetime.datetime | None


@dataclasses.dataclass(frozen=True)
class Principal:
    """Who a verified API key acts as."""

    client_id: uuid.UUID
    key_id: uuid.UUID
    role: str


@dataclasses.dataclass(frozen=True)
class LoginResult:
    user: User
    session_id: uuid.UUID
    # Shown once to the caller; only its sha256 is stored.
    refresh_token: str
    refresh_expires_at: datetime.datetime


@dataclasses.dataclass(frozen=True)
class AuditEvent:
    id: uuid.UUID
    client_id: uuid.UUID
    occurred_at: datetime.datetime
    action: str
    actor_kind: str
    actor_id: str
    source_ip: str
    on_behalf_of: str
    target: str
    details_json: str


def client_from_row(row: asyncpg.Record) -> Client:
    return Client(
        id=row["id"],
        name=row["name"],
        is_active=row["is_active"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def api_key_from_row(row: asyncpg.Record) -> ApiKey:
    return ApiKey(
        id=row["id"],
        client_id=row["tenant_id"],
        name=row["name"],
        role=row["role"],
        prefix=row["prefix"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
        revoked_at=row["revoked_at"],
    )


def user_from_row(row: asyncpg.Record, now: datetime.datetime | None = None) -> User:
    locked_until = row["locked_until"]
    moment = now or datetime.datetime.now(datetime.UTC)
    return User(
        id=row["id"],
        client_id=row["tenant_id"],
        email=row["email"],
        name=row["name"],
        role=row["role"],
        is_active=row["is_active"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        last_login_at=row["last_login_at"],
        locked_until=locked_until if locked_until is not None and locked_until > moment else None,
    )
