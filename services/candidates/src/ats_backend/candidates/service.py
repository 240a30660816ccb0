"""Candidate profiles: store one per parsed document, read them back."""

from __future__ import annotations

import dataclasses
import datetime
import json
import uuid
from typing import Any

import asyncpg

from ats_backend.core.db import exists_elsewhere, tenant_transaction
from ats_backend.core.errors import NotFound
from ats_backend.core.ids import new_id, parse_id
from ats_backend.core.pagination import clamp_limit, decode_cursor, encode_cursor

__all__ = ["Candidate", "CandidatesService"]

_COLUMNS = "id, document_id, job_id, profile::text AS profile, created_at, updated_at"


@dataclasses.dataclass(frozen=True)
class Candidate:
    id: uuid.UUID
    document_id: uuid.UUID
    job_id: uuid.UUID
    profile_json: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


def _candidate(row: asyncpg.Record) -> Candidate:
    return Candidate(
        id=row["id"],
        document_id=row["document_id"],
        job_id=row["job_id"],
        profile_json=row["profile"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class CandidatesService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def store_profile(
        self,
        tenant_id: uuid.UUID,
        *,
        document_id: uuid.UUID,
        job_id: uuid.UUID,
        profile: dict[str, Any],
    ) -> uuid.UUID:
        """Insert or refresh the candidate of ``document_id``; the id never changes."""
        basics = profile.get("basics") or {}
        async with tenant_transaction(self._pool, tenant_id) as conn:
            candidate_id = await conn.fetchval(
                "INSERT INTO candidates (tenant_id, id, document_id, job_id, profile, name, email)"
                " VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)"
                " ON CONFLICT (tenant_id, document_id) DO UPDATE SET"
                " profile = EXCLUDED.profile, name = EXCLUDED.name, email = EXCLUDED.email,"
                " job_id = EXCLUDED.job_id, updated_at = now()"
                " RETURNING id",
                tenant_id,
                new_id(),
                document_id,
                job_id,
                json.dumps(profile),
                basics.get("name"),
                basics.get("email"),
            )
        assert isinstance(candidate_id, uuid.UUID)
        return candidate_id

    async def get(self, tenant_id: uuid.UUID, candidate_id: str) -> Candidate:
        parsed = parse_id(candidate_id)
        elsewhere = False
        if parsed is not None:
            async with tenant_transaction(self._pool, tenant_id) as conn:
                row = await conn.fetchrow(
                    f"SELECT {_COLUMNS} FROM candidates WHERE id = $1", parsed
                )
                if row is None:
                    # Probed in the same transaction: it compares with its app.tenant_id.
                    elsewhere = await exists_elsewhere(conn, "candidate_exists_elsewhere", parsed)
            if row is not None:
                return _candidate(row)
        # Another tenant's id differs only by its reason, which the gateway logs and then
        # hides: the caller gets the same 404 as for an id that does not exist.
        raise NotFound(
            f"candidate {candidate_id} not found",
            field="candidate_id",
            reason="cross_tenant" if elsewhere else None,
        )

    async def list(
        self, tenant_id: uuid.UUID, *, limit: int, cursor: str
    ) -> tuple[list[Candidate], str]:
        size = clamp_limit(limit)
        before = decode_cursor(cursor)
        async with tenant_transaction(self._pool, tenant_id) as conn:
            rows = await conn.fetch(
                f"SELECT {_COLUMNS} FROM candidates WHERE ($1::uuid IS NULL OR id < $1)"
                " ORDER BY id DESC LIMIT $2",
                before,
                size + 1,
            )
        candidates = [_candidate(row) for row in rows]
        next_cursor = encode_cursor(candidates[size - 1].id) if len(candidates) > size else ""
        return candidates[:size], next_cursor
