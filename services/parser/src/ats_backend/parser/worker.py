"""The parse worker: a ParseRequested message in, ResumeParsed or ParseFailed out.

Claim check: the message carries ids; the bytes are fetched from ingest (which also marks the
job ``parsing``). Acknowledged only after the outcome is confirmed by the broker. Outcomes:
- the job's client is deactivated: the job is parked in the lane's hold queue (see ``hold``)
  and acked, before anything is fetched, so it stays ``queued`` and returns to the lane after
  held_retry_seconds to be checked again; a client tenants does not know: ParseFailed with
  ``client_missing``, acked; tenants unavailable: retried in place like an ingest outage;
- a document that cannot be parsed (corrupt, unsupported, no text, timeout): ParseFailed with
  the reason, acked; retrying would not help;
- ingest or the broker unavailable, or a parse process crash: the message is requeued and the
  queue's delivery limit bounds the retries;
- the job already finished (a redelivery or duplicate): acked without work;
- in the text lane, a document that needs OCR (scanned pages): the same job is republished to
  the OCR lane (``parse.ocr``) and acked, so scans never hold up text documents. In the OCR
  lane such a document fails with ``ocr_unavailable`` when this worker has no OCR engine.

Text and OCR lanes run the same handler, configured with their own sandbox and ``lane``.
"""

from __future__ import annotations

import datetime
import logging
import time

import grpc
from aio_pika.abc import AbstractIncomingMessage

from ats_backend.core.errors import AtsError, Conflict, DocumentUnreadable, NotFound
from ats_backend.core.grpc_client import error_from_rpc, outgoing_metadata
from ats_backend.core.messaging import Publisher
from ats_backend.core.messaging.topology import (
    EVENTS_EXCHANGE,
    OCR_QUEUE,
    PARSE_EXCHANGE,
    RK_RESUME_FAILED,
    RK_RESUME_PARSED,
    TEXT_QUEUE,
)
from ats_backend.core.protoconv import timestamp
from ats_backend.parser.client_status import ClientStatusCache
from ats_backend.parser.config import Lane
from ats_backend.parser.hold import JobHold
from ats_backend.parser.metrics import PARSE_DURATION, PARSE_JOBS, PARSE_JOBS_HELD, record_ocr
from ats_backend.parser.sandbox import ParseCrashed, Sandbox
from ats_backend.proto.events.v1 import events_pb2
from ats_backend.proto.ingest.v1 import ingest_pb2, ingest_pb2_grpc

__all__ = ["ParseJobHandler"]

log = logging.getLogger(__name__)

_LANE_QUEUES: dict[Lane, str] = {"text": TEXT_QUEUE, "ocr": OCR_QUEUE}


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class ParseJobHandler:
    def __init__(
        self,
        ingest: ingest_pb2_grpc.IngestServiceAsyncStub,
        sandbox: Sandbox,
        publisher: Publisher,
        *,
        fetch_timeout: float,
        lane: Lane = "text",
        client_status: ClientStatusCache | None = None,
        hold: JobHold | None = None,
    ) -> None:
        # Both or neither: without them (tests of parsing alone) every client counts as active.
        if (client_status is None) != (hold is None):
            raise ValueError("client_status and hold go together")
        self._ingest = ingest
        self._sandbox = sandbox
        self._publisher = publisher
        self._fetch_timeout = fetch_timeout
        self._lane = lane
        self._client_status = client_status
        self._hold = hold

    async def __call__(
        self, message: events_pb2.ParseRequested, incoming: AbstractIncomingMessage
    ) -> None:
        started = time.perf_counter()
        try:
            outcome = await self._handle(message, incoming)
        except Exception:
            PARSE_JOBS.labels("retried").inc()
            raise
        PARSE_JOBS.labels(outcome).inc()
        # A hold takes a status lookup and a publish, no parsing: timing it would only drag
        # the parse duration down while a deactivated client's backlog cycles.
        if outcome != "held":
            PARSE_DURATION.observe(time.perf_counter() - started)

    async def _handle(
        self, message: events_pb2.ParseRequested, incoming: AbstractIncomingMessage
    ) -> str:
        # Before the fetch: fetching marks the job parsing in ingest, and a held job must stay
        # queued. Unavailable from tenants propagates: the consumer retries in place.
        if self._client_status is not None and self._hold is not None:
            try:
                active = await self._client_status.is_active(message.tenant_id)
            except NotFound as exc:
                await self._failed(message, "client_missing", exc.detail)
                return "failed"
            if not active:
                await self._hold_job(self._hold, message, incoming)
                return "held"

        try:
            data, content_type, filename = await self._fetch(message)
        except Conflict as exc:
            if exc.reason == "job_finished":
                log.info(
                    "job already finished; redelivery acknowledged",
                    extra={"job_id": message.job_id},
                )
                return "skipped"
            raise
        except NotFound as exc:
            if exc.reason == "cross_tenant":
                # The message names another client's job or document: forged or misrouted,
                # never something the pipeline makes. Fail it, and say so where it is seen.
                log.warning(
                    "RLS_BYPASS client=%s actor=parser resource=parse job %s ip=-",
                    message.tenant_id,
                    message.job_id,
                    extra={"job_id": message.job_id, "document_id": message.document_id},
                )
            await self._failed(message, "document_missing", exc.detail)
            return "failed"

        try:
            profile_json = await self._sandbox.parse(
                data, content_type=content_type or None, filename=filename
            )
        except ParseCrashed:
            raise
        except DocumentUnreadable as exc:
            if exc.reason == "ocr_unavailable" and self._lane == "text":
                await self._reroute_to_ocr(message)
                return "rerouted"
            await self._failed(message, exc.reason, exc.detail)
            return "failed"
        except AtsError as exc:
            await self._failed(message, exc.reason, exc.detail)
            return "failed"

        if self._lane == "ocr":
            record_ocr(profile_json)

        await self._publisher.publish(
            EVENTS_EXCHANGE,
            RK_RESUME_PARSED,
            events_pb2.ResumeParsed(
                tenant_id=message.tenant_id,
                job_id=message.job_id,
                document_id=message.document_id,
                profile_json=profile_json.encode("utf-8"),
                request_id=message.request_id,
                parsed_at=timestamp(_now()),
            ),
            message_id=f"resume-parsed:{message.job_id}",
            tenant_id=message.tenant_id,
            request_id=message.request_id or None,
        )
        log.info("document parsed", extra={"job_id": message.job_id})
        return "parsed"

    async def _hold_job(
        self, hold: JobHold, message: events_pb2.ParseRequested, incoming: AbstractIncomingMessage
    ) -> None:
        delay = await hold.hold(incoming, _LANE_QUEUES[self._lane])
        PARSE_JOBS_HELD.labels(self._lane).inc()
        log.info(
            "client deactivated; job held",
            extra={
                "job_id": message.job_id,
                "tenant_id": message.tenant_id,
                "lane": self._lane,
                "retry_in": delay,
            },
        )

    async def _fetch(self, message: events_pb2.ParseRequested) -> tuple[bytes, str, str]:
        request = ingest_pb2.FetchDocumentRequest(
            document_id=message.document_id, job_id=message.job_id
        )
        chunks: list[bytes] = []
        content_type = filename = ""
        try:
            stream = self._ingest.FetchDocument(
                request,
                timeout=self._fetch_timeout,
                metadata=outgoing_metadata(message.tenant_id),
            )
            async for chunk in stream:
                if not chunks:
                    content_type, filename = chunk.content_type, chunk.filename
                chunks.append(chunk.data)
        except grpc.aio.AioRpcError as exc:
            raise error_from_rpc(exc) from None
        return b"".join(chunks), content_type, filename

    async def _reroute_to_ocr(self, message: events_pb2.ParseRequested) -> None:
        # The same job, unchanged: the OCR lane fetches the bytes again (ingest accepts a
        # second fetch of a job that is still parsing). Confirmed before the text lane's
        # message is acked, so the job is always in one queue or the other.
        await self._publisher.publish(
            PARSE_EXCHANGE,
            OCR_QUEUE,
            message,
            message_id=f"ocr:{message.job_id}",
            tenant_id=message.tenant_id,
            request_id=message.request_id or None,
        )
        log.info("document needs OCR; moved to the OCR lane", extra={"job_id": message.job_id})

    async def _failed(self, message: events_pb2.ParseRequested, reason: str, detail: str) -> None:
        log.info("document failed", extra={"job_id": message.job_id, "reason": reason})
        await self._publisher.publish(
            EVENTS_EXCHANGE,
            RK_RESUME_FAILED,
            events_pb2.ParseFailed(
                tenant_id=message.tenant_id,
                job_id=message.job_id,
                document_id=message.document_id,
                reason=reason,
                detail=detail,
                request_id=message.request_id,
                failed_at=timestamp(_now()),
            ),
            message_id=f"parse-failed:{message.job_id}",
            tenant_id=message.tenant_id,
            request_id=message.request_id or None,
        )
