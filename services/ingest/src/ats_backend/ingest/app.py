"""The ingest process: pool, broker, outbox relay, result consumers, gRPC server."""

from __future__ import annotations

import asyncio
import contextlib

from ats_backend.core.checks import database_check
from ats_backend.core.db import create_pool
from ats_backend.core.grpc_server import GrpcServer, watch_readiness
from ats_backend.core.metrics import serve_metrics
from ats_backend.core.process import wait_for_shutdown
from ats_backend.ingest.broker import BrokerSide
from ats_backend.ingest.config import IngestSettings
from ats_backend.ingest.server import IngestServicer
from ats_backend.ingest.service import IngestService
from ats_backend.proto.ingest.v1 import ingest_pb2, ingest_pb2_grpc

__all__ = ["serve"]


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
    broker = BrokerSide(settings, pool, service, wake)
    tasks = [
        asyncio.create_task(watch_readiness(server, [database_check(pool)])),
        asyncio.create_task(broker.run()),
    ]
    try:
        await wait_for_shutdown()
    finally:
        await broker.stop_consuming(settings.shutdown_grace)
        await server.stop(settings.shutdown_grace)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await pool.close()
