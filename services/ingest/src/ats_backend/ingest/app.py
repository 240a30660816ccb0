"""The ingest process: pool, broker, outbox relay, result consumers, gRPC server."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg
from google.protobuf.message import Message

from ats_backend.core.checks import database_check
from ats_backend.core.db import create_pool
from ats_backend.core.grpc_server import GrpcServer, watch_readiness
from ats_backend.core.messaging import Handler, Publisher, connect, consume, declare_topology
from ats_backend.core.messaging.topology import (
    DEAD_EVENTS_QUEUE,
    DEAD_PARSE_QUEUE,
    INGEST_RESULTS_QUEUE,
)
from ats_backend.core.metrics import serve_metrics
from ats_backend.core.process import wait_for_shutdown
from ats_backend.ingest.config import IngestSettings
from ats_backend.ingest.relay import OutboxRelay
from ats_backend.ingest.results import ResultHandlers
from ats_backend.ingest.server import IngestServicer
from ats_backend.ingest.service import IngestService
from ats_backend.proto.events.v1 import events_pb2
from ats_backend.proto.ingest.v1 import ingest_pb2, ingest_pb2_grpc

__all__ = ["serve"]

log = logging.getLogger(__name__)


async def serve(settings: IngestSettings) -> None:
    serve_metrics(settings.metrics_port, settings.metrics_host)
    pool = await create_pool(settings.database_url, max_size=settings.db_pool_size)
    wake = asyncio.Event()
    service = IngestService(pool, outbox_written=wake)

    server = GrpcServer(port=settings.grpc_port)
    server.add(
        ingest_pb2_grpc.add_IngestServiceServicer_to_server,
        IngestServicer(service, max_upload_bytes=settings.max_upload_bytes),
        ingest_pb2.DESCRIPTOR.services_by_name["IngestService"].full_name,
    )
    # Uploads are accepted even while RabbitMQ is unreachable: they wait in the outbox. So
    # readiness depends on the database only, and the broker side (re)connects in the background.
    await server.start()
    tasks = [
        asyncio.create_task(watch_readiness(server, [database_check(pool)])),
        asyncio.create_task(_broker_side(settings, pool, service, wake)),
    ]
    try:
        await wait_for_shutdown()
    finally:
        await server.stop(settings.shutdown_grace)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await pool.close()


async def _broker_side(
    settings: IngestSettings, pool: asyncpg.Pool, service: IngestService, wake: asyncio.Event
) -> None:
    delay = 1.0
    while True:
        try:
            connection = await connect(settings.amqp_url, "ingest")
            break
        except Exception as exc:
            log.warning("broker unreachable; retrying", extra={"cause": repr(exc)})
            await asyncio.sleep(delay)
            delay = min(delay * 2, 15.0)
    relay_task: asyncio.Task[None] | None = None
    try:
        setup = await connection.channel()
        await declare_topology(setup)
        await setup.close()
        publisher = await Publisher.open(connection)
        relay = OutboxRelay(
            pool,
            publisher,
            batch_size=settings.relay_batch_size,
            poll_seconds=settings.relay_poll_seconds,
            wake=wake,
        )
        relay_task = asyncio.create_task(relay.run())
        handlers = ResultHandlers(service)
        results: dict[type[Message], Handler] = {
            events_pb2.CandidateStored: handlers.candidate_stored,
            events_pb2.ParseFailed: handlers.parse_failed,
        }
        await consume(connection, INGEST_RESULTS_QUEUE, results, prefetch=64)
        await consume(
            connection,
            DEAD_PARSE_QUEUE,
            {events_pb2.ParseRequested: handlers.dead_parse_request},
            prefetch=16,
            retry_delay=2.0,
        )
        await consume(
            connection,
            DEAD_EVENTS_QUEUE,
            {**results, events_pb2.ResumeParsed: handlers.dead_resume_parsed},
            prefetch=16,
            retry_delay=2.0,
        )
        log.info("broker side ready: relay and consumers running")
        await asyncio.Future()  # run until cancelled
    finally:
        if relay_task is not None:
            relay_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await relay_task
        await connection.close()
