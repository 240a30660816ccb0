"""The parse worker's lanes against real RabbitMQ, PostgreSQL and an in-process ingest gRPC
server: the text lane moves scans to the OCR lane, the OCR lane reads them (or fails them with
``ocr_unavailable`` when it has no engine), and text documents are never OCRed."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import aio_pika
import asyncpg
import pytest
from aio_pika.abc import AbstractIncomingMessage, AbstractQueue
from prometheus_client import REGISTRY

from ats_backend.core.filetypes import PDF
from ats_backend.core.grpc_client import open_channel
from ats_backend.core.grpc_server import GrpcServer
from ats_backend.core.messaging import Publisher, connect
from ats_backend.core.messaging.topology import (
    EVENTS_EXCHANGE,
    OCR_QUEUE,
    PARSE_EXCHANGE,
    RK_RESUME_FAILED,
    RK_RESUME_PARSED,
)
from ats_backend.ingest.domain import JobStatus
from ats_backend.ingest.receiver import ReceivedFile
from ats_backend.ingest.server import IngestServicer
from ats_backend.ingest.service import IngestService
from ats_backend.parser.config import Lane
from ats_backend.parser.sandbox import ChildStatus, Sandbox
from ats_backend.parser.worker import ParseJobHandler
from ats_backend.proto.events.v1 import events_pb2
from ats_backend.proto.ingest.v1 import ingest_pb2, ingest_pb2_grpc

pytestmark = pytest.mark.integration


@dataclass
class Rig:
    """Ingest (service and gRPC stub), a confirming publisher and taps on what is published."""

    service: IngestService
    ingest: ingest_pb2_grpc.IngestServiceAsyncStub
    publisher: Publisher
    ocr_tap: AbstractQueue
    events_tap: AbstractQueue

    def handler(self, sandbox: Sandbox, lane: Lane) -> ParseJobHandler:
        return ParseJobHandler(self.ingest, sandbox, self.publisher, fetch_timeout=10, lane=lane)

    async def job(self, content: bytes, filename: str) -> events_pb2.ParseRequested:
        tenant = uuid.uuid4()
        received = ReceivedFile(content, PDF, hashlib.sha256(content).hexdigest())
        outcome = await self.service.accept(
            tenant, received, filename=filename, idempotency_key="", part_index=0
        )
        return events_pb2.ParseRequested(
            tenant_id=str(tenant),
            job_id=str(outcome.job.id),
            document_id=str(outcome.job.document_id),
            content_type=PDF,
            request_id=f"req-{uuid.uuid4().hex[:8]}",
        )

    async def finish(self, request: events_pb2.ParseRequested) -> None:
        # A job left unfinished would be parsed again by whatever consumes parse.ocr later
        # (the end-to-end stack): finished, it is skipped.
        await self.service.finish_job(
            uuid.UUID(request.tenant_id),
            uuid.UUID(request.job_id),
            JobStatus.FAILED,
            reason="test_done",
            detail="",
        )


@pytest.fixture
async def rig(app_pool: asyncpg.Pool, amqp_url: str) -> AsyncIterator[Rig]:
    service = IngestService(app_pool)
    server = GrpcServer(port=0, host="127.0.0.1")
    server.add(
        ingest_pb2_grpc.add_IngestServiceServicer_to_server,
        IngestServicer(service, max_upload_bytes=10 * 1024 * 1024),
        ingest_pb2.DESCRIPTOR.services_by_name["IngestService"].full_name,
    )
    await server.start()
    channel = open_channel(f"127.0.0.1:{server.port}")
    connection = await connect(amqp_url, "test-ocr-worker")
    taps = await connection.channel()
    ocr_tap = await taps.declare_queue(exclusive=True)
    await ocr_tap.bind(PARSE_EXCHANGE, routing_key=OCR_QUEUE)
    events_tap = await taps.declare_queue(exclusive=True)
    for key in (RK_RESUME_PARSED, RK_RESUME_FAILED):
        await events_tap.bind(EVENTS_EXCHANGE, routing_key=key)
    try:
        yield Rig(
            service,
            ingest_pb2_grpc.IngestServiceStub(channel),
            await Publisher.open(connection),
            ocr_tap,
            events_tap,
        )
    finally:
        await connection.close()
        await channel.close()
        await server.stop(1, drain=0)


@pytest.fixture(scope="module")
async def text_sandbox() -> AsyncIterator[Sandbox]:
    box = Sandbox(processes=1, timeout=20, memory_limit_mb=1024)
    yield box
    box.close()


async def _published(tap: AbstractQueue, job_id: str, wait: float = 10) -> list[Any]:
    """The messages on ``tap`` about ``job_id`` (a ParseRequested or an outcome event),
    read until none arrived for a moment (outcomes are confirmed before the handler
    returns, so they are on the tap already)."""
    found = []
    async with asyncio.timeout(wait):
        while (message := await tap.get(timeout=5, fail=False)) is not None:
            await message.ack()
            kinds = {
                events_pb2.ParseRequested.DESCRIPTOR.full_name: events_pb2.ParseRequested,
                events_pb2.ResumeParsed.DESCRIPTOR.full_name: events_pb2.ResumeParsed,
                events_pb2.ParseFailed.DESCRIPTOR.full_name: events_pb2.ParseFailed,
            }
            decoded = kinds[str(message.type)].FromString(message.body)
            if decoded.job_id == job_id:
                found.append((message, decoded))
    return found


def _sample(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


def _no_message() -> AbstractIncomingMessage:
    return cast(AbstractIncomingMessage, None)  # the handler does not look at it


async def test_the_text_lane_moves_a_scanned_pdf_to_the_ocr_lane(
    rig: Rig, text_sandbox: Sandbox, scanned_pdf: Any
) -> None:
    request = await rig.job(scanned_pdf.content, "scan.pdf")
    rerouted = {"outcome": "rerouted"}
    before = _sample("ats_parse_jobs_total", rerouted)
    try:
        await rig.handler(text_sandbox, "text")(request, _no_message())
        [(message, moved)] = await _published(rig.ocr_tap, request.job_id)
    finally:
        await rig.finish(request)
    assert moved == request  # the same job, unchanged
    assert message.message_id == f"ocr:{request.job_id}"
    assert message.headers["x-tenant-id"] == request.tenant_id
    assert message.headers["x-request-id"] == request.request_id
    assert message.delivery_mode == aio_pika.DeliveryMode.PERSISTENT
    assert await _published(rig.events_tap, request.job_id) == []  # no outcome yet
    assert _sample("ats_parse_jobs_total", rerouted) == before + 1


async def test_the_text_lane_parses_a_text_pdf_itself_without_ocr(
    rig: Rig, text_sandbox: Sandbox, samples_dir: Path
) -> None:
    request = await rig.job((samples_dir / "amelia-clarke.pdf").read_bytes(), "a.pdf")
    pages_before = _sample("ats_ocr_page_duration_seconds_count")
    try:
        await rig.handler(text_sandbox, "text")(request, _no_message())
        [(_, outcome)] = await _published(rig.events_tap, request.job_id)
    finally:
        await rig.finish(request)
    assert isinstance(outcome, events_pb2.ResumeParsed)
    assert b'"extraction_method": "pdf_text"' in outcome.profile_json
    assert await _published(rig.ocr_tap, request.job_id, wait=2) == []
    assert _sample("ats_ocr_page_duration_seconds_count") == pages_before


async def test_an_ocr_lane_without_an_engine_fails_a_scan_as_ocr_unavailable(
    rig: Rig, text_sandbox: Sandbox, scanned_pdf: Any
) -> None:
    # A text sandbox's processes have no engine: what the OCR lane has without the ocr extra.
    request = await rig.job(scanned_pdf.content + uuid.uuid4().bytes, "scan.pdf")
    try:
        await rig.handler(text_sandbox, "ocr")(request, _no_message())
        [(_, outcome)] = await _published(rig.events_tap, request.job_id)
    finally:
        await rig.finish(request)
    assert isinstance(outcome, events_pb2.ParseFailed)
    assert outcome.reason == "ocr_unavailable"
    assert await _published(rig.ocr_tap, request.job_id, wait=2) == []  # not moved again


async def test_the_ocr_lane_reads_a_scan_and_counts_its_pages(
    rig: Rig, ocr_sandbox: tuple[Sandbox, list[ChildStatus]], scanned_pdf: Any
) -> None:
    box, _ = ocr_sandbox
    request = await rig.job(scanned_pdf.content + uuid.uuid4().bytes, "scan.pdf")
    documents = {"unit": "documents", "reason": "no_text_layer"}
    pages = {"unit": "pages", "reason": "no_text_layer"}
    before = [_sample("ats_ocr_fallback_total", labels) for labels in (documents, pages)]
    durations = _sample("ats_ocr_page_duration_seconds_count")
    try:
        await rig.handler(box, "ocr")(request, _no_message())
        [(_, outcome)] = await _published(rig.events_tap, request.job_id)
    finally:
        await rig.finish(request)
    assert isinstance(outcome, events_pb2.ResumeParsed)
    assert b'"extraction_method": "pdf_ocr"' in outcome.profile_json
    assert scanned_pdf.truth["basics"]["name"].encode() in outcome.profile_json
    after = [_sample("ats_ocr_fallback_total", labels) for labels in (documents, pages)]
    assert after == [before[0] + 1, before[1] + 1]
    assert _sample("ats_ocr_page_duration_seconds_count") == durations + 1
