"""The parser process: sandbox pool, parse-job consumer, gRPC server (sync Parse, health)."""

from __future__ import annotations

import asyncio
import contextlib

from ats_backend.core.checks import broker_check
from ats_backend.core.grpc_client import open_channel
from ats_backend.core.grpc_server import GrpcServer, watch_readiness
from ats_backend.core.messaging import Publisher, connect, consume, declare_topology
from ats_backend.core.messaging.topology import TEXT_QUEUE
from ats_backend.core.metrics import serve_metrics
from ats_backend.core.process import wait_for_shutdown
from ats_backend.parser.config import ParserSettings
from ats_backend.parser.sandbox import Sandbox
from ats_backend.parser.server import ParserServicer
from ats_backend.parser.worker import ParseJobHandler
from ats_backend.proto.events.v1 import events_pb2
from ats_backend.proto.ingest.v1 import ingest_pb2_grpc
from ats_backend.proto.parser.v1 import parser_pb2, parser_pb2_grpc

__all__ = ["serve"]


async def serve(settings: ParserSettings) -> None:
    serve_metrics(settings.metrics_port, settings.metrics_host)
    sandbox = Sandbox(
        processes=settings.parse_concurrency,
        timeout=settings.parse_timeout_seconds,
        memory_limit_mb=settings.parse_memory_limit_mb,
    )
    ingest_channel = open_channel(settings.ingest_addr)
    connection = await connect(settings.amqp_url, "parser")
    setup = await connection.channel()
    await declare_topology(setup)
    await setup.close()
    publisher = await Publisher.open(connection)
    handler = ParseJobHandler(
        ingest_pb2_grpc.IngestServiceStub(ingest_channel),
        sandbox,
        publisher,
        fetch_timeout=settings.fetch_timeout_seconds,
    )
    prefetch = settings.parse_prefetch or 2 * settings.parse_concurrency
    consumer = await consume(
        connection, TEXT_QUEUE, {events_pb2.ParseRequested: handler}, prefetch=prefetch
    )

    server = GrpcServer(port=settings.grpc_port)
    server.add(
        parser_pb2_grpc.add_ParserServiceServicer_to_server,
        ParserServicer(sandbox, max_document_bytes=settings.max_document_bytes),
        parser_pb2.DESCRIPTOR.services_by_name["ParserService"].full_name,
    )
    await server.start()
    readiness = asyncio.create_task(watch_readiness(server, [broker_check(connection)]))
    try:
        await wait_for_shutdown()
    finally:
        # No new jobs; the ones in flight get the grace period; the rest are redelivered.
        await consumer.stop(settings.shutdown_grace)
        readiness.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await readiness
        await server.stop(settings.shutdown_grace)
        await connection.close()
        await ingest_channel.close()
        sandbox.close()
