"""Ingest's domain operations: accept an upload, read jobs, hand bytes to the parser, record
outcomes. Plain values in and out; the gRPC edge is server.py, the broker edge results.py."""

from __future__ import annotations

import asyncio
import datetime
import logging
import uuid
from collections.abc import AsyncIterator

import asyncpg

from ats_backend.core import context
from ats_backend.core.db import tenant_transaction
from ats_backend.core.errors import Conflict, InvalidInput, NotFound
from ats_backend.core.filetypes import JPEG, PNG, TIFF, WEBP, essence
from ats_backend.core.ids import new_id, parse_id
from ats_backend.core.messaging import message_headers
from ats_backend.core.messaging.topology import OCR_QUEUE, PARSE_EXCHANGE, TEXT_QUEUE
from ats_backend.core.pagination import clamp_limit, decode_cursor, encode_cursor
from ats_backend.core.protoconv import timestamp
from ats_backend.ingest import store
from ats_backend.ingest.domain import Job, JobStatus, UploadOutcome
from ats_backend.ingest.receiver import ReceivedFile
from ats_backend.proto.events.v1 import events_pb2

__all__ = ["IngestService"]

log = logging.getLogger(__name__)

MAX_FILENAME = 255

_OCR_TYPES = frozenset({PNG, JPEG, TIFF, WEBP})
"""Image files always need text recognition: their jobs go straight to the OCR lane. Anything
else starts in the text lane, which moves a PDF on to the OCR lane if it turns out scanned."""


def _parse_lane(content_type: str) -> str:
    """The routing key (``parse.text`` or ``parse.ocr``) of a document's parse job."""
    return OCR_QUEUE if essence(content_type) in _OCR_TYPES else TEXT_QUEUE


def _not_found(detail: str, field: str, *, elsewhere: bool = False) -> NotFound:
    """The one 404 for an id the caller cannot see. An id of another tenant (``elsewhere``)
    differs only by its reason, ``cross_tenant``, which the gateway logs and then hides: the
    caller gets the same answer as for an id that does not exist."""
    return NotFound(detail, field=field, reason="cross_tenant" if elsewhere else None)


def _clean_filename(name: str) -> str:
    # Keep the last path component only, without control characters.
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:MAX_FILENAME] or "upload"


class IngestService:
    def __init__(self, pool: asyncpg.Pool, outbox_written: asyncio.Event | None = None) -> None:
        self._pool = pool
        # Set after each committed outbox write so the in-process relay publishes at once.
        self._outbox_written = outbox_written

    async def accept(
        self,
        tenant_id: uuid.UUID,
        received: ReceivedFile,
        *,
        filename: str,
        idempotency_key: str,
        part_index: int,
    ) -> UploadOutcome:
        if len(idempotency_key) > 255:
            raise InvalidInput(
                "Idempotency-Key must be at most 255 characters", field="Idempotency-Key"
            )
        for attempt in range(2):
            try:
                return await self._accept_once(
                    tenant_id, received, _clean_filename(filename), idempotency_key, part_index
                )
            except asyncpg.UniqueViolationError:
                # A concurrent request with the same key or bytes committed first; the second
                # pass sees its rows and answers from them.
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    async def _accept_once(
        self,
        tenant_id: uuid.UUID,
        received: ReceivedFile,
        filename: str,
        idempotency_key: str,
        part_index: int,
    ) -> UploadOutcome:
        queued = False
        async with tenant_transaction(self._pool, tenant_id) as conn:
            if idempotency_key:
                earlier = await store.find_idempotency(conn, idempotency_key, part_index)
                if earlier is not None:
                    if earlier["sha256"] != received.sha256:
                        raise Conflict(
                            "Idempotency-Key was already used for a different file",
                            field="Idempotency-Key",
                            reason="idempotency_key_reused",
                        )
                    job = await store.get_job(conn, earlier["job_id"])
                    assert job is not None
                    return UploadOutcome(
                        job, duplicate=earlier["duplicate"], idempotent_replay=True
                    )

            document_id = await store.find_document_by_sha(conn, received.sha256)
            duplicate = document_id is not None
            if document_id is not None:
                existing = await store.latest_job_for_document(conn, document_id)
                assert existing is not None
                job_id = existing.id
                if existing.status is JobStatus.FAILED:
                    # Uploading a failed document again is how a client retries it (after an
                    # outage, or once the parser learned its format): a new job, same document.
                    job_id = new_id()
                    await store.insert_job(conn, tenant_id, job_id, document_id)
                    await self._enqueue_parse(
                        conn, tenant_id, job_id, document_id, received.content_type
                    )
                    queued = True
            else:
                document_id, job_id = new_id(), new_id()
                inserted = await store.insert_document(
                    conn,
                    tenant_id,
                    document_id,
                    sha256=received.sha256,
                    filename=filename,
                    content_type=received.content_type,
                    content=received.content,
                )
                if not inserted:
                    raise asyncpg.UniqueViolationError("concurrent upload of the same bytes")
                await store.insert_job(conn, tenant_id, job_id, document_id)
                await self._enqueue_parse(
                    conn, tenant_id, job_id, document_id, received.content_type
                )
                queued = True
            if idempotency_key:
                await store.insert_idempotency(
                    conn,
                    tenant_id,
                    idempotency_key,
                    part_index,
                    sha256=received.sha256,
                    document_id=document_id,
                    job_id=job_id,
                    duplicate=duplicate,
                )
            job = await store.get_job(conn, job_id)
            assert job is not None
        if queued and self._outbox_written is not None:
            self._outbox_written.set()
        log.info(
            "document accepted",
            extra={
                "job_id": str(job.id),
                "document_id": str(document_id),
                "duplicate": duplicate,
                "content_type": received.content_type,
            },
        )
        return UploadOutcome(job, duplicate=duplicate, idempotent_replay=False)

    async def _enqueue_parse(
        self,
        conn: asyncpg.Connection,
        tenant_id: uuid.UUID,
        job_id: uuid.UUID,
        document_id: uuid.UUID,
        content_type: str,
    ) -> None:
        request_id = context.request_id.get() or ""
        message = events_pb2.ParseRequested(
            tenant_id=str(tenant_id),
            job_id=str(job_id),
            document_id=str(document_id),
            content_type=content_type,
            request_id=request_id,
            requested_at=timestamp(datetime.datetime.now(datetime.UTC)),
        )
        headers = message_headers(str(tenant_id), request_id)
        await store.insert_outbox(
            conn,
            exchange=PARSE_EXCHANGE,
            routing_key=_parse_lane(content_type),
            message_type=message.DESCRIPTOR.full_name,
            message_id=str(job_id),
            payload=message.SerializeToString(),
            headers=headers,
        )

    async def get_job(self, tenant_id: uuid.UUID, job_id: str) -> Job:
        parsed = parse_id(job_id)
        if parsed is None:
            raise _not_found(f"job {job_id} not found", "job_id")
        async with tenant_transaction(self._pool, tenant_id) as conn:
            job = await store.get_job(conn, parsed)
            # Probed in the same transaction: the probe compares with its app.tenant_id.
            elsewhere = job is None and await store.job_exists_elsewhere(conn, parsed)
        if job is None:
            raise _not_found(f"job {job_id} not found", "job_id", elsewhere=elsewhere)
        return job

    async def list_jobs(
        self, tenant_id: uuid.UUID, *, limit: int, cursor: str, status: JobStatus | None
    ) -> tuple[list[Job], str]:
        size = clamp_limit(limit)
        async with tenant_transaction(self._pool, tenant_id) as conn:
            jobs = await store.list_jobs(
                conn, limit=size + 1, before=decode_cursor(cursor), status=status
            )
        next_cursor = encode_cursor(jobs[size - 1].id) if len(jobs) > size else ""
        return jobs[:size], next_cursor

    async def fetch_document(
        self, tenant_id: uuid.UUID, document_id: str, job_id: str, chunk_size: int = 256 * 1024
    ) -> AsyncIterator[tuple[str, str, int, bytes]]:
        """Yield (content_type, filename, size, chunk) for the parser, marking the job parsing.

        A job that already finished answers Conflict(job_finished): the message is a
        redelivery or a duplicate, and the parser acknowledges it without work.
        """
        doc_id, parsed_job = parse_id(document_id), parse_id(job_id)
        if doc_id is None or parsed_job is None:
            raise _not_found("document not found", "document_id")
        async with tenant_transaction(self._pool, tenant_id) as conn:
            before = await store.start_attempt(conn, parsed_job, doc_id)
            if before is None:
                # Either id may be another tenant's (a forged or misrouted parse message).
                job_elsewhere = await store.job_exists_elsewhere(conn, parsed_job)
                document_elsewhere = await store.document_exists_elsewhere(conn, doc_id)
                raise _not_found(
                    "document not found",
                    "document_id",
                    elsewhere=job_elsewhere or document_elsewhere,
                )
            if before.finished:
                raise Conflict(f"job is already {before.value}", reason="job_finished")
            row = await store.read_content(conn, doc_id)
        if row is None:
            raise _not_found("document not found", "document_id")
        content: bytes = row["content"]
        for offset in range(0, max(len(content), 1), chunk_size):
            yield (
                row["content_type"],
                row["filename"],
                len(content),
                content[offset : offset + chunk_size],
            )

    async def finish_job(
        self,
        tenant_id: uuid.UUID,
        job_id: uuid.UUID,
        status: JobStatus,
        *,
        candidate_id: uuid.UUID | None = None,
        reason: str | None = None,
        detail: str | None = None,
    ) -> None:
        async with tenant_transaction(self._pool, tenant_id) as conn:
            changed = await store.finish_job(
                conn, job_id, status, candidate_id=candidate_id, reason=reason, detail=detail
            )
        log.info(
            "job finished" if changed else "job outcome already recorded",
            extra={"job_id": str(job_id), "status": status.value, "reason": reason},
        )
