"""A deactivated client's parse jobs wait in the lane's hold queue, against real RabbitMQ and
PostgreSQL, an in-process ingest and an in-process fake of tenants (GetClientStatus only).

The text lane is consumed for real (``consume``), so a held job really expires out of
``parse.text.held`` and is dead-lettered back to ``parse.text``: it is neither parsed nor lost
while its client is inactive, stays ``queued`` in ingest, and is parsed once the client is
active again. A tenants outage holds the job in place (retried), never fails it.
"""

from __future__ import annotations

import asyncio
import hashlib
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import aio_pika
import asyncpg
import grpc
import pytest
from aio_pika.abc import AbstractIncomingMessage, AbstractQueue, AbstractRobustConnection
from prometheus_client import REGISTRY

from ats_backend.core.filetypes import PDF
from ats_backend.core.grpc_client import open_channel
from ats_backend.core.grpc_server import GrpcServer
from ats_backend.core.messaging import Consumer, Publisher, connect, consume
from ats_backend.core.messaging.topology import (
    EVENTS_EXCHANGE,
    PARSE_EXCHANGE,
    RK_RESUME_FAILED,
    RK_RESUME_PARSED,
    TEXT_HELD_QUEUE,
    TEXT_QUEUE,
)
from ats_backend.ingest.domain import JobStatus
from ats_backend.ingest.receiver import ReceivedFile
from ats_backend.ingest.server import IngestServicer
from ats_backend.ingest.service import IngestService
from ats_backend.parser.client_status import ClientStatusCache
from ats_backend.parser.hold import JobHold
from ats_backend.parser.sandbox import Sandbox
from ats_backend.parser.worker import ParseJobHandler
from ats_backend.proto.events.v1 import events_pb2
from ats_backend.proto.ingest.v1 import ingest_pb2, ingest_pb2_grpc
from ats_backend.proto.tenants.v1 import tenants_pb2, tenants_pb2_grpc

pytestmark = pytest.mark.integration

# Short, so a job cycles through the hold queue a few times within a test.
HELD_RETRY_SECONDS = 0.5


class FakeTenants(tenants_pb2_grpc.TenantsServiceServicer):
    """Tenants as far as the parser uses it: whether a client is active; unknown: NOT_FOUND."""

    def __init__(self) -> None:
        self.active: dict[str, bool] = {}
        self.asked: list[str] = []

    async def GetClientStatus(
        self,
        request: tenants_pb2.GetClientStatusRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> tenants_pb2.GetClientStatusResponse:
        self.asked.append(request.client_id)
        if request.client_id not in self.active:
            await context.abort(grpc.StatusCode.NOT_FOUND, "client not found")
        return tenants_pb2.GetClientStatusResponse(is_active=self.active[request.client_id])


@dataclass
class TenantsPeer:
    """The fake tenants on a fixed port, which can be taken down and brought back."""

    port: int
    fake: FakeTenants = field(default_factory=FakeTenants)
    server: grpc.aio.Server | None = None

    async def start(self) -> None:
        self.server = grpc.aio.server()
        tenants_pb2_grpc.add_TenantsServiceServicer_to_server(self.fake, self.server)
        self.server.add_insecure_port(f"127.0.0.1:{self.port}")
        await self.server.start()

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop(0)
            self.server = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Rig:
    service: IngestService
    ingest: ingest_pb2_grpc.IngestServiceAsyncStub
    tenants: TenantsPeer
    connection: AbstractRobustConnection
    publisher: Publisher
    hold: JobHold
    status: ClientStatusCache
    events_tap: AbstractQueue

    def handler(self, sandbox: Sandbox) -> ParseJobHandler:
        return ParseJobHandler(
            self.ingest,
            sandbox,
            self.publisher,
            fetch_timeout=10,
            lane="text",
            client_status=self.status,
            hold=self.hold,
        )

    async def job(self, content: bytes, *, active: bool | None) -> events_pb2.ParseRequested:
        """A queued job of a new client, published to the text lane as ingest would."""
        tenant = uuid.uuid4()
        if active is not None:
            self.tenants.fake.active[str(tenant)] = active
        content += uuid.uuid4().bytes  # a new document, not a duplicate of an earlier test's
        received = ReceivedFile(content, PDF, hashlib.sha256(content).hexdigest())
        outcome = await self.service.accept(
            tenant, received, filename="cv.pdf", idempotency_key="", part_index=0
        )
        request = events_pb2.ParseRequested(
            tenant_id=str(tenant),
            job_id=str(outcome.job.id),
            document_id=str(outcome.job.document_id),
            content_type=PDF,
            request_id=f"req-{uuid.uuid4().hex[:8]}",
        )
        await self.publisher.publish(
            PARSE_EXCHANGE,
            TEXT_QUEUE,
            request,
            message_id=f"parse:{request.job_id}",
            tenant_id=request.tenant_id,
            request_id=request.request_id,
        )
        return request

    async def status_of(self, request: events_pb2.ParseRequested) -> JobStatus:
        job = await self.service.get_job(uuid.UUID(request.tenant_id), request.job_id)
        return job.status

    async def finish(self, request: events_pb2.ParseRequested) -> None:
        # Finished, a copy left in a queue is skipped by whatever consumes it later.
        job = await self.service.get_job(uuid.UUID(request.tenant_id), request.job_id)
        if not job.status.finished:
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
    ingest_server = GrpcServer(port=0, host="127.0.0.1")
    ingest_server.add(
        ingest_pb2_grpc.add_IngestServiceServicer_to_server,
        IngestServicer(service, max_upload_bytes=10 * 1024 * 1024),
        ingest_pb2.DESCRIPTOR.services_by_name["IngestService"].full_name,
    )
    await ingest_server.start()
    ingest_channel = open_channel(f"127.0.0.1:{ingest_server.port}")
    tenants = TenantsPeer(_free_port())
    await tenants.start()
    # Reconnects quickly once the fake is back (the default backoff starts at a second and
    # grows), so the outage test does not wait on the channel.
    tenants_channel = grpc.aio.insecure_channel(
        f"127.0.0.1:{tenants.port}",
        options=[
            ("grpc.initial_reconnect_backoff_ms", 100),
            ("grpc.max_reconnect_backoff_ms", 200),
        ],
    )
    connection = await connect(amqp_url, "test-held-jobs")
    setup = await connection.channel()
    # Jobs earlier tests published to the lane (their ingest jobs are done) would be taken by
    # this test's consumer; the lane is this test's alone.
    for name in (TEXT_QUEUE, TEXT_HELD_QUEUE):
        await (await setup.get_queue(name, ensure=True)).purge()
    events_tap = await setup.declare_queue(exclusive=True)
    for key in (RK_RESUME_PARSED, RK_RESUME_FAILED):
        await events_tap.bind(EVENTS_EXCHANGE, routing_key=key)
    try:
        yield Rig(
            service,
            ingest_pb2_grpc.IngestServiceStub(ingest_channel),
            tenants,
            connection,
            await Publisher.open(connection),
            # A constant delay here (max = base): the cycling, not the growth, is under test.
            await JobHold.open(
                connection,
                retry_seconds=HELD_RETRY_SECONDS,
                max_retry_seconds=HELD_RETRY_SECONDS,
            ),
            ClientStatusCache(
                tenants_pb2_grpc.TenantsServiceStub(tenants_channel), cache_seconds=0
            ),
            events_tap,
        )
    finally:
        await connection.close()
        await tenants_channel.close()
        await tenants.stop()
        await ingest_channel.close()
        await ingest_server.stop(1, drain=0)


@pytest.fixture(scope="module")
async def text_sandbox() -> AsyncIterator[Sandbox]:
    box = Sandbox(processes=1, timeout=20, memory_limit_mb=1024)
    yield box
    box.close()


@pytest.fixture
async def text_lane(rig: Rig, text_sandbox: Sandbox) -> AsyncIterator[Consumer]:
    """The text lane consumed as the parser does (retries short, to keep the test quick)."""
    consumer = await consume(
        rig.connection,
        TEXT_QUEUE,
        {events_pb2.ParseRequested: rig.handler(text_sandbox)},
        prefetch=2,
        retry_delay=0.05,
    )
    yield consumer
    await consumer.stop(5)


def _sample(name: str, labels: dict[str, str]) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def _until(predicate: Callable[[], bool]) -> None:
    for _ in range(300):  # 15 s
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out waiting")


async def _outcomes(tap: AbstractQueue, job_id: str, wait: float = 20) -> list[Any]:
    """Outcome events about ``job_id`` that arrive within ``wait`` seconds (at least one, or
    none when the time runs out)."""
    found: list[Any] = []
    kinds: dict[str, type[events_pb2.ResumeParsed] | type[events_pb2.ParseFailed]] = {
        events_pb2.ResumeParsed.DESCRIPTOR.full_name: events_pb2.ResumeParsed,
        events_pb2.ParseFailed.DESCRIPTOR.full_name: events_pb2.ParseFailed,
    }
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while not found and loop.time() < deadline:
        message = await tap.get(fail=False)
        if message is None:
            await asyncio.sleep(0.05)
            continue
        await message.ack()
        decoded = kinds[str(message.type)].FromString(message.body)
        if decoded.job_id == job_id:
            found.append(decoded)
    return found


async def _held_now(rig: Rig) -> int:
    channel = await rig.connection.channel()
    try:
        queue = await channel.declare_queue(TEXT_HELD_QUEUE, passive=True)
        return int(queue.declaration_result.message_count or 0)
    finally:
        await channel.close()


async def test_an_inactive_clients_job_cycles_through_the_hold_queue_until_reactivated(
    rig: Rig, text_lane: Consumer, samples_dir: Path
) -> None:
    held = {"lane": "text"}
    held_before = _sample("ats_parse_jobs_held_total", held)
    outcome_held = _sample("ats_parse_jobs_total", {"outcome": "held"})
    request = await rig.job((samples_dir / "amelia-clarke.pdf").read_bytes(), active=False)
    try:
        # Asked, held, expired back into the lane, asked again...: it keeps coming back.
        await _until(lambda: rig.tenants.fake.asked.count(request.tenant_id) >= 3)
        assert _sample("ats_parse_jobs_held_total", held) >= held_before + 2
        assert _sample("ats_parse_jobs_total", {"outcome": "held"}) >= outcome_held + 2
        assert await _outcomes(rig.events_tap, request.job_id, wait=1) == []  # not processed
        assert await rig.status_of(request) == JobStatus.QUEUED  # never fetched
        # Waiting out its delay in the hold queue, not in the lane (no consumer holds it).
        await _until(lambda: rig.tenants.fake.asked.count(request.tenant_id) >= 4)
        await asyncio.sleep(HELD_RETRY_SECONDS / 4)
        assert await _held_now(rig) == 1

        rig.tenants.fake.active[request.tenant_id] = True  # reactivated
        [outcome] = await _outcomes(rig.events_tap, request.job_id)
        assert isinstance(outcome, events_pb2.ResumeParsed)
        assert outcome.request_id == request.request_id  # the same job, headers and all
        assert b"Amelia" in outcome.profile_json
        assert await _held_now(rig) == 0
    finally:
        await rig.finish(request)


async def test_a_held_job_keeps_its_message_id_and_context_headers(rig: Rig) -> None:
    # No consumer on the lane here: the held copy is read straight off the hold queue, with a
    # delay long enough that it is still there.
    request = await rig.job(b"%PDF-1.4 not parsed", active=False)
    hold = await JobHold.open(rig.connection, retry_seconds=30, max_retry_seconds=300)
    handler = ParseJobHandler(
        rig.ingest,
        cast(Sandbox, None),  # never reached: the job is held before anything is parsed
        rig.publisher,
        fetch_timeout=10,
        client_status=rig.status,
        hold=hold,
    )
    channel = await rig.connection.channel()
    try:
        incoming = await _get(await channel.get_queue(TEXT_QUEUE, ensure=False))
        await handler(events_pb2.ParseRequested.FromString(incoming.body), incoming)
        await incoming.ack()
        held = await _get(await channel.get_queue(TEXT_HELD_QUEUE, ensure=False))
        await held.ack()  # taken off: this test only looks at it
    finally:
        await channel.close()
        await hold.close()
        await rig.finish(request)
    assert events_pb2.ParseRequested.FromString(held.body) == request
    assert held.message_id == f"parse:{request.job_id}"
    assert held.type == events_pb2.ParseRequested.DESCRIPTOR.full_name
    assert held.delivery_mode == aio_pika.DeliveryMode.PERSISTENT
    assert held.expiration == 30
    assert held.headers["x-ats-holds"] == 1  # the next hold of this job lasts 60 s
    assert held.headers["x-tenant-id"] == request.tenant_id
    assert held.headers["x-request-id"] == request.request_id


async def _get(queue: AbstractQueue) -> AbstractIncomingMessage:
    for _ in range(200):  # 10 s
        if (message := await queue.get(fail=False)) is not None:
            return message
        await asyncio.sleep(0.05)
    raise AssertionError(f"nothing arrived on {queue.name}")


async def test_a_tenants_outage_retries_the_job_and_never_fails_it(
    rig: Rig, text_lane: Consumer, samples_dir: Path
) -> None:
    await rig.tenants.stop()
    retried = _sample("ats_parse_jobs_total", {"outcome": "retried"})
    request = await rig.job((samples_dir / "amelia-clarke.pdf").read_bytes(), active=True)
    try:
        await _until(lambda: _sample("ats_parse_jobs_total", {"outcome": "retried"}) >= retried + 3)
        assert await _outcomes(rig.events_tap, request.job_id, wait=1) == []  # not failed
        assert await rig.status_of(request) == JobStatus.QUEUED
        assert await _held_now(rig) == 0  # not taken for "inactive" either

        await rig.tenants.start()
        [outcome] = await _outcomes(rig.events_tap, request.job_id)
        assert isinstance(outcome, events_pb2.ResumeParsed)
    finally:
        await rig.finish(request)


async def test_a_job_of_a_client_tenants_does_not_know_fails_as_client_missing(
    rig: Rig, text_lane: Consumer
) -> None:
    request = await rig.job(b"%PDF-1.4 never fetched", active=None)
    try:
        [outcome] = await _outcomes(rig.events_tap, request.job_id)
    finally:
        await rig.finish(request)
    assert isinstance(outcome, events_pb2.ParseFailed)
    assert outcome.reason == "client_missing"
    assert await _held_now(rig) == 0


async def test_a_message_naming_another_clients_job_fails_and_is_reported(
    rig: Rig, text_lane: Consumer, caplog: pytest.LogCaptureFixture
) -> None:
    """A parse message whose tenant does not own its job (forged, or a bug upstream): ingest
    answers as for a missing document, the job fails, and the parser logs RLS_BYPASS."""
    victim = await rig.job(b"%PDF-1.4 someone else's", active=True)
    intruder = str(uuid.uuid4())
    rig.tenants.fake.active[intruder] = True
    forged = events_pb2.ParseRequested()
    forged.CopyFrom(victim)
    forged.tenant_id = intruder
    try:
        with caplog.at_level("WARNING", logger="ats_backend.parser.worker"):
            # The victim's own copy of the job is consumed too; only the forged one fails
            # with document_missing (the genuine one is a garbage PDF and fails otherwise).
            await rig.publisher.publish(
                PARSE_EXCHANGE,
                TEXT_QUEUE,
                forged,
                message_id=f"forged:{victim.job_id}",
                tenant_id=intruder,
            )
            await _until(
                lambda: any("RLS_BYPASS" in record.getMessage() for record in caplog.records)
            )
        [line] = [r.getMessage() for r in caplog.records if "RLS_BYPASS" in r.getMessage()]
        assert f"client={intruder}" in line and victim.job_id in line
    finally:
        await rig.finish(victim)
