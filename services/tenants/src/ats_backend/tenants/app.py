"""The tenants process: pool, gRPC server, readiness, graceful shutdown."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from ats_backend.core.checks import database_check
from ats_backend.core.db import create_pool
from ats_backend.core.grpc_server import GrpcServer, watch_readiness
from ats_backend.core.metrics import serve_metrics
from ats_backend.core.process import wait_for_shutdown
from ats_backend.core.rls_audit import AuditCheck
from ats_backend.proto.tenants.v1 import tenants_pb2, tenants_pb2_grpc
from ats_backend.tenants.config import TenantsSettings
from ats_backend.tenants.server import TenantsServicer
from ats_backend.tenants.service import TenantsService

__all__ = ["serve"]


async def serve(settings: TenantsSettings) -> None:
    serve_metrics(settings.metrics_port, settings.metrics_host)
    pool = await create_pool(settings.database_url, max_size=settings.db_pool_size)
    service = TenantsService(pool, settings.auth_policy())
    await service.warm_up()
    server = GrpcServer(port=settings.grpc_port)
    server.add(
        tenants_pb2_grpc.add_TenantsServiceServicer_to_server,
        TenantsServicer(service),
        tenants_pb2.DESCRIPTOR.services_by_name["TenantsService"].full_name,
    )
    await server.start()
    # The RLS audit runs at start and every few minutes (not per probe): findings make the
    # service NOT_SERVING, logged at ERROR with each finding.
    checks: list[Callable[[], Awaitable[object]]] = [
        database_check(pool),
        AuditCheck(pool, every=settings.rls_audit_seconds),
    ]
    readiness = asyncio.create_task(watch_readiness(server, checks))
    try:
        await wait_for_shutdown()
    finally:
        readiness.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await readiness
        await server.stop(settings.shutdown_grace)
        await pool.close()
