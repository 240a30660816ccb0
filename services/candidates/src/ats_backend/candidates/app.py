"""The candidates process: pool, broker consumer, gRPC server."""

from __future__ import annotations

import asyncio
import contextlib

from ats_backend.candidates.config import CandidatesSettings
from ats_backend.candidates.events import ResumeParsedHandler
from ats_backend.candidates.server import CandidatesServicer
from ats_backend.candidates.service import CandidatesService
from ats_backend.core.checks import broker_check, database_check
from ats_backend.core.db import create_pool
from ats_backend.core.grpc_server import GrpcServer, watch_readiness
from ats_backend.core.messaging import Publisher, connect, consume, declare_topology
from ats_backend.core.messaging.topology import CANDIDATES_QUEUE
from ats_backend.core.metrics import serve_metrics
from ats_backend.core.process import wait_for_shutdown
from ats_backend.proto.candidates.v1 import candidates_pb2, candidates_pb2_grpc
from ats_backend.proto.events.v1 import events_pb2

__all__ = ["serve"]


async def serve(settings: CandidatesSettings) -> None:
    serve_metrics(settings.metrics_port, settings.metrics_host)
    pool = await create_pool(settings.database_url, max_size=settings.db_pool_size)
    service = CandidatesService(pool)
    connection = await connect(settings.amqp_url, "candidates")
    setup = await connection.channel()
    await declare_topology(setup)
    await setup.close()
    publisher = await Publisher.open(connection)
    consumer = await consume(
        connection,
        CANDIDATES_QUEUE,
        {events_pb2.ResumeParsed: ResumeParsedHandler(service, publisher)},
        prefetch=settings.consumer_prefetch,
    )

    server = GrpcServer(port=settings.grpc_port)
    server.add(
        candidates_pb2_grpc.add_CandidatesServiceServicer_to_server,
        CandidatesServicer(service),
        candidates_pb2.DESCRIPTOR.services_by_name["CandidatesService"].full_name,
    )
    await server.start()
    readiness = asyncio.create_task(
        watch_readiness(server, [database_check(pool), broker_check(connection)])
    )
    try:
        await wait_for_shutdown()
    finally:
        await consumer.stop(settings.shutdown_grace)
        readiness.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await readiness
        await server.stop(settings.shutdown_grace)
        await connection.close()
        await pool.close()
