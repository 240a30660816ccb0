"""The security audit log: recording events (inside the caller's transaction, so an event
exists exactly when the change it describes was committed) and listing a client's events."""

from __future__ import annotations

import dataclasses
import json
import uuid
from typing import Any

import asyncpg

from ats_backend.core.db import tenant_transaction
from ats_backend.core.errors import InvalidInput
from ats_backend.core.ids import new_id
from ats_backend.core.pagination import clamp_limit, decode_cursor, encode_cursor
from ats_backend.tenants.models import AuditEvent, Page

__all__ = ["ACTOR_KINDS", "PLATFORM_ADMIN", "Actor", "list_events", "record"]

ACTOR_KINDS = ("user", "api_key", "platform_admin", "anonymous", "system")


@dataclasses.dataclass(frozen=True)
class Actor:
    """Who did it. ``anonymous`` is a login attempt for no known account; ``system`` a call
    that named no actor (an internal caller)."""

    kind: str
    id: str = ""
    source_ip: str = ""
    on_behalf_of: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ACTOR_KINDS:
            raise InvalidInput(
                f"actor kind must be one of {', '.join(ACTOR_KINDS)}", field="actor.kind"
            )


PLATFORM_ADMIN = Actor(kind="platform_admin", id="platform_admin")


async def record(
    conn: asyncpg.Connection,
    tenant_id: uuid.UUID,
    action: str,
    actor: Actor,
    target: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Append one event in ``conn``'s (tenant) transaction. Never pass secrets in details."""
    await conn.execute(
        "INSERT INTO audit_events (tenant_id, id, action, actor_kind, actor_id, source_ip,"
        " on_behalf_of, target, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)",
        tenant_id,
        new_id(),
        action,
        actor.kind,
        actor.id or None,
        actor.source_ip or None,
        actor.on_behalf_of or None,
        target or None,
        json.dumps(details or {}, sort_keys=True),
    )


async def list_events(
    pool: asyncpg.Pool, tenant_id: uuid.UUID, limit: int, cursor: str, action: str
) -> Page[AuditEvent]:
    """The tenant's events, newest first (RLS keeps every other tenant's out)."""
    size = clamp_limit(limit)
    after = decode_cursor(cursor)
    if len(action) > 100:
        raise InvalidInput("action must be at most 100 characters", field="action")
    async with tenant_transaction(pool, tenant_id) as conn:
        rows = await conn.fetch(
            "SELECT * FROM audit_events WHERE ($1::uuid IS NULL OR id < $1)"
            " AND ($2::text = '' OR action = $2) ORDER BY id DESC LIMIT $3",
            after,
            action,
            size + 1,
        )
    events = [_event(row) for row in rows[:size]]
    more = len(rows) > size
    return Page(events, encode_cursor(events[-1].id) if more else "")


def _event(row: asyncpg.Record) -> AuditEvent:
    return AuditEvent(
        id=row["id"],
        client_id=row["tenant_id"],
        occurred_at=row["occurred_at"],
        action=row["action"],
        actor_kind=row["actor_kind"],
        actor_id=row["actor_id"] or "",
        source_ip=row["source_ip"] or "",
        on_behalf_of=row["on_behalf_of"] or "",
        target=row["target"] or "",
        details_json=row["details"],
    )
