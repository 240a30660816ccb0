"""SQL of the ingest service. Every function takes a connection already inside a tenant
transaction (``tenant_transaction``), so RLS scopes each statement to the calling client."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping

import asyncpg

from ats_backend.core.db import exists_elsewhere
from ats_backend.ingest.domain import Job, JobStatus

__all__ = [
    "document_exists_elsewhere",
    "find_document_by_sha",
    "find_idempotency",
    "finish_job",
    "get_job",
    "insert_document",
    "insert_idempotency",
    "insert_job",
    "insert_outbox",
    "job_exists_elsewhere",
    "latest_job_for_document",
    "list_jobs",
    "read_content",
    "start_attempt",
]

_JOB_COLUMNS = """
    j.id, j.document_id, j.status, j.failure_reason, j.failure_detail, j.candidate_id,
    j.attempts, j.created_at, j.updated_at,
    d.filename, d.content_type, d.size_bytes, d.sha256
"""
_JOB_FROM = "parse_jobs j JOIN documents d ON d.tenant_id = j.tenant_id AND d.id = j.document_id"


def _job(row: asyncpg.Record) -> Job:
    return Job(
        id=row["id"],
        document_id=row["document_id"],
        status=JobStatus(row["status"]),
        failure_reason=row["failure_reason"],
        failure_detail=row["failure_detail"],
        candidate_id=row["candidate_id"],
        filename=row["filename"],
        content_type=row["content_type"],
        size_bytes=row["size_bytes"],
        sha256=row["sha256"],
        attempts=row["attempts"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


async def find_idempotency(
    conn: asyncpg.Connection, key: str, part_index: int
) -> asyncpg.Record | None:
    # Keys are honoured for 24 hours, as the API conventions promise.
    return await conn.fetchrow(
        "SELECT sha256, job_id, duplicate FROM upload_idempotency"
        " WHERE idempotency_key = $1 AND part_index = $2"
        " AND created_at > now() - interval '24 hours'",
        key,
        part_index,
    )


async def insert_idempotency(
    conn: asyncpg.Connection,
    tenant_id: uuid.UUID,
    key: str,
    part_index: int,
    *,
    sha256: str,
    document_id: uuid.UUID,
    job_id: uuid.UUID,
    duplicate: bool,
) -> None:
    """Record the answer given to (key, part). An expired record for the key is replaced; a
    live one written meanwhile by a concurrent request raises UniqueViolationError, so the
    caller retries and answers from that record (a replay, or 409 for other bytes)."""
    written = await conn.fetchval(
        "INSERT INTO upload_idempotency"
        " (tenant_id, idempotency_key, part_index, sha256, document_id, job_id, duplicate)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " ON CONFLICT (tenant_id, idempotency_key, part_index) DO UPDATE SET"
        " sha256 = EXCLUDED.sha256, document_id = EXCLUDED.document_id,"
        " job_id = EXCLUDED.job_id, duplicate = EXCLUDED.duplicate, created_at = now()"
        " WHERE upload_idempotency.created_at <= now() - interval '24 hours'"
        " RETURNING true",
        tenant_id,
        key,
        part_index,
        sha256,
        document_id,
        job_id,
        duplicate,
    )
    if not written:
        raise asyncpg.UniqueViolationError("idempotency key recorded by a concurrent request")


async def find_document_by_sha(conn: asyncpg.Connection, sha256: str) -> uuid.UUID | None:
    value = await conn.fetchval("SELECT id FROM documents WHERE sha256 = $1", sha256)
    return value if isinstance(value, uuid.UUID) else None


async def insert_document(
    conn: asyncpg.Connection,
    tenant_id: uuid.UUID,
    document_id: uuid.UUID,
    *,
    sha256: str,
    filename: str,
    content_type: str,
    content: bytes,
) -> bool:
    """False when this client already has a document with these bytes (a concurrent twin)."""
    inserted = await conn.fetchval(
        "INSERT INTO documents (tenant_id, id, sha256, filename, content_type, size_bytes)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, sha256) DO NOTHING"
        " RETURNING true",
        tenant_id,
        document_id,
        sha256,
        filename,
        content_type,
        len(content),
    )
    if not inserted:
        return False
    await conn.execute(
        "INSERT INTO document_contents (tenant_id, document_id, content) VALUES ($1, $2, $3)",
        tenant_id,
        document_id,
        content,
    )
    return True


async def insert_job(
    conn: asyncpg.Connection, tenant_id: uuid.UUID, job_id: uuid.UUID, document_id: uuid.UUID
) -> None:
    await conn.execute(
        "INSERT INTO parse_jobs (tenant_id, id, document_id) VALUES ($1, $2, $3)",
        tenant_id,
        job_id,
        document_id,
    )


async def insert_outbox(
    conn: asyncpg.Connection,
    *,
    exchange: str,
    routing_key: str,
    message_type: str,
    message_id: str,
    payload: bytes,
    headers: Mapping[str, str],
) -> None:
    await conn.execute(
        "INSERT INTO outbox (exchange, routing_key, message_type, message_id, payload, headers)"
        " VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
        exchange,
        routing_key,
        message_type,
        message_id,
        payload,
        json.dumps(dict(headers)),
    )
    # Delivered at commit: wakes the relay of every ingest replica.
    await conn.execute("SELECT pg_notify('ats_outbox', '')")


async def get_job(conn: asyncpg.Connection, job_id: uuid.UUID) -> Job | None:
    row = await conn.fetchrow(f"SELECT {_JOB_COLUMNS} FROM {_JOB_FROM} WHERE j.id = $1", job_id)
    return _job(row) if row else None


async def job_exists_elsewhere(conn: asyncpg.Connection, job_id: uuid.UUID) -> bool:
    """Whether ``job_id`` is a job of another tenant than the transaction's (migration 0002)."""
    return await exists_elsewhere(conn, "parse_job_exists_elsewhere", job_id)


async def document_exists_elsewhere(conn: asyncpg.Connection, document_id: uuid.UUID) -> bool:
    """Whether ``document_id`` is a document of another tenant than the transaction's."""
    return await exists_elsewhere(conn, "document_exists_elsewhere", document_id)


async def latest_job_for_document(conn: asyncpg.Connection, document_id: uuid.UUID) -> Job | None:
    row = await conn.fetchrow(
        f"SELECT {_JOB_COLUMNS} FROM {_JOB_FROM} WHERE j.document_id = $1"
        " ORDER BY j.id DESC LIMIT 1",
        document_id,
    )
    return _job(row) if row else None


async def list_jobs(
    conn: asyncpg.Connection, *, limit: int, before: uuid.UUID | None, status: JobStatus | None
) -> list[Job]:
    rows = await conn.fetch(
        f"SELECT {_JOB_COLUMNS} FROM {_JOB_FROM}"
        " WHERE ($1::uuid IS NULL OR j.id < $1) AND ($2::text IS NULL OR j.status = $2)"
        " ORDER BY j.id DESC LIMIT $3",
        before,
        status.value if status else None,
        limit,
    )
    return [_job(row) for row in rows]


async def start_attempt(
    conn: asyncpg.Connection, job_id: uuid.UUID, document_id: uuid.UUID
) -> JobStatus | None:
    """Mark the job as being parsed (one more attempt); returns its status before, or None.

    The row is locked first, so an outcome committed concurrently is seen (a finished job
    is reported as finished, not parsed again)."""
    before = await conn.fetchval(
        "SELECT status FROM parse_jobs WHERE id = $1 AND document_id = $2 FOR UPDATE",
        job_id,
        document_id,
    )
    if before is None:
        return None
    status = JobStatus(before)
    if not status.finished:
        await conn.execute(
            "UPDATE parse_jobs SET attempts = attempts + 1, status = 'parsing', updated_at = now()"
            " WHERE id = $1",
            job_id,
        )
    return status


async def read_content(conn: asyncpg.Connection, document_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "SELECT d.filename, d.content_type, c.content FROM documents d"
        " JOIN document_contents c ON c.tenant_id = d.tenant_id AND c.document_id = d.id"
        " WHERE d.id = $1",
        document_id,
    )


async def finish_job(
    conn: asyncpg.Connection,
    job_id: uuid.UUID,
    status: JobStatus,
    *,
    candidate_id: uuid.UUID | None = None,
    reason: str | None = None,
    detail: str | None = None,
) -> bool:
    """Record the outcome once. 'parsed' is final; a late failure never overwrites it."""
    result = await conn.execute(
        "UPDATE parse_jobs SET status = $2, candidate_id = coalesce($3, candidate_id),"
        " failure_reason = $4, failure_detail = $5, updated_at = now()"
        " WHERE id = $1 AND status <> 'parsed'",
        job_id,
        status.value,
        candidate_id,
        reason,
        detail,
    )
    return bool(result != "UPDATE 0")
