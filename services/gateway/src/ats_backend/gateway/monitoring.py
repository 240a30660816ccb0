"""The runbook's ``/monitoring/*`` endpoints on the gateway (port 8002).

- ``/monitoring/liveness``: the process answers. Nothing else (a dependency outage must not
  make Kubernetes restart healthy gateways).
- ``/monitoring/readiness``: what the gateway needs to serve the API: database, broker and
  the tenants, ingest and candidates services. 503 otherwise.
- ``/monitoring/health``: every component with its status and latency, the parse queues'
  depth and consumers, and an overall healthy / degraded / unhealthy (503 when unhealthy).
- ``/monitoring/health/simple``: just the overall status word.
- ``/monitoring/metrics``: Prometheus text format.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import time
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
from aio_pika.abc import AbstractRobustConnection
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client import CONTENT_TYPE_LATEST, Gauge, generate_latest

from ats_backend.core.messaging import queue_stats
from ats_backend.core.messaging.topology import (
    DEAD_PARSE_QUEUE,
    OCR_HELD_QUEUE,
    OCR_QUEUE,
    TEXT_HELD_QUEUE,
    TEXT_QUEUE,
)
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings

__all__ = ["Dependencies", "HealthChecker", "router"]

router = APIRouter(prefix="/monitoring", tags=["monitoring"])

QUEUE_DEPTH = Gauge("ats_queue_depth", "Messages ready in a queue", ["queue"])
QUEUE_CONSUMERS = Gauge("ats_queue_consumers", "Consumers attached to a queue", ["queue"])

CHECK_TIMEOUT = 2.0
REPORT_TTL = 1.0
# The services the API cannot work without; the parser being down only delays parsing.
CRITICAL_SERVICES = ("tenants", "ingest", "candidates")
# The held queues hold deactivated clients' jobs until reactivation: depth, not a problem.
QUEUES = (TEXT_QUEUE, OCR_QUEUE, DEAD_PARSE_QUEUE, TEXT_HELD_QUEUE, OCR_HELD_QUEUE)


class Dependencies:
    """The gateway's own connections used only for checks: a tiny pool and a broker link."""

    def __init__(self) -> None:
        self.pool: asyncpg.Pool | None = None
        self.broker: AbstractRobustConnection | None = None


async def _timed(check: Callable[[], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        result = await asyncio.wait_for(check(), timeout=CHECK_TIMEOUT)
        result.setdefault("status", "healthy")
    except Exception as exc:
        result = {"status": "unhealthy", "error": f"{type(exc).__name__}: {exc}"[:300]}
    result["latency_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


class HealthChecker:
    def __init__(self, deps: Dependencies, backends: Backends, settings: GatewaySettings) -> None:
        self._deps = deps
        self._backends = backends
        self._settings = settings
        self._last_report: tuple[float, dict[str, Any]] | None = None

    async def database(self) -> dict[str, Any]:
        if self._deps.pool is None:
            raise ConnectionError("not connected")
        async with self._deps.pool.acquire() as conn:
            await conn.fetchval("SELECT 1")
        return {}

    async def broker(self) -> dict[str, Any]:
        if self._deps.broker is None or self._deps.broker.is_closed:
            raise ConnectionError("not connected")
        return {}

    def service(self, name: str) -> Callable[[], Awaitable[dict[str, Any]]]:
        async def check() -> dict[str, Any]:
            stub = health_pb2_grpc.HealthStub(self._backends.channels[name])
            answer = await stub.Check(
                health_pb2.HealthCheckRequest(service=""), timeout=CHECK_TIMEOUT
            )
            status = health_pb2.HealthCheckResponse.ServingStatus.Name(answer.status)
            return {"status": "healthy" if status == "SERVING" else "unhealthy", "grpc": status}

        return check

    async def queues(self) -> dict[str, Any]:
        if self._deps.broker is None or self._deps.broker.is_closed:
            raise ConnectionError("broker not connected")
        found: dict[str, Any] = {}
        for queue in QUEUES:
            depth, consumers = await queue_stats(self._deps.broker, queue)
            QUEUE_DEPTH.labels(queue).set(depth)
            QUEUE_CONSUMERS.labels(queue).set(consumers)
            found[queue] = {"depth": depth, "consumers": consumers}
        text = found[TEXT_QUEUE]
        degraded = text["consumers"] == 0 or text["depth"] > self._settings.queue_warning_depth
        return {"status": "degraded" if degraded else "healthy", "queues": found}

    async def report(self) -> dict[str, Any]:
        """The full report, computed at most once a second however often it is asked for:
        each computation opens broker channels and calls every service."""
        now = time.monotonic()
        if self._last_report is None or now - self._last_report[0] >= REPORT_TTL:
            self._last_report = (now, await self._compute_report())
        return self._last_report[1]

    async def _compute_report(self) -> dict[str, Any]:
        names = ["database", "broker", *self._backends.channels, "queues"]
        checks = [
            self.database,
            self.broker,
            *(self.service(name) for name in self._backends.channels),
            self.queues,
        ]
        results = await asyncio.gather(*(_timed(check) for check in checks))
        components = dict(zip(names, results, strict=True))
        critical = ["database", "broker", *CRITICAL_SERVICES]
        if any(components[name]["status"] == "unhealthy" for name in critical):
            overall = "unhealthy"
        elif any(c["status"] != "healthy" for c in components.values()):
            overall = "degraded"
        else:
            overall = "healthy"
        return {
            "status": overall,
            "checked_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "components": components,
        }

    async def ready(self) -> tuple[bool, dict[str, Any]]:
        names = ["database", "broker", *CRITICAL_SERVICES]
        checks = [self.database, self.broker, *(self.service(n) for n in CRITICAL_SERVICES)]
        results = await asyncio.gather(*(_timed(check) for check in checks))
        components = dict(zip(names, results, strict=True))
        return all(c["status"] == "healthy" for c in components.values()), components


def _checker(request: Request) -> HealthChecker:
    checker: HealthChecker = request.app.state.health
    return checker


@router.get("/liveness", summary="Liveness probe: the process answers")
async def liveness() -> dict[str, str]:
    return {"status": "alive"}


@router.get("/readiness", summary="Readiness probe: the dependencies the API needs are up")
async def readiness(request: Request) -> JSONResponse:
    ok, components = await _checker(request).ready()
    return JSONResponse(
        {"status": "ready" if ok else "not_ready", "components": components},
        status_code=200 if ok else 503,
    )


@router.get("/health", summary="Health of every component")
async def health(request: Request) -> JSONResponse:
    report = await _checker(request).report()
    return JSONResponse(report, status_code=503 if report["status"] == "unhealthy" else 200)


@router.get("/health/simple", summary="Overall status only")
async def health_simple(request: Request) -> JSONResponse:
    report = await _checker(request).report()
    status = report["status"]
    return JSONResponse({"status": status}, status_code=503 if status == "unhealthy" else 200)


@router.get("/metrics", summary="Prometheus metrics")
async def metrics(request: Request) -> Response:
    # Queue gauges are refreshed at scrape time; a broker outage leaves the last values.
    with contextlib.suppress(Exception):
        await asyncio.wait_for(_checker(request).queues(), timeout=CHECK_TIMEOUT)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
