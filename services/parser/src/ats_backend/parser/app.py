"""The parser process: sandbox pools, parse-job consumers per lane, gRPC server (sync Parse,
health).

Lanes (``ATS_PARSER_LANES``): ``text`` consumes ``parse.text`` with the text sandbox;
``ocr`` consumes ``parse.ocr`` with an OCR sandbox, whose processes load the OCR models at
start. The OCR consumer starts, and the process reports SERVING, only once every OCR process
has loaded its models; the text lane works meanwhile. Both lanes ask tenants whether a job's
client is active and park a deactivated client's jobs in the lane's hold queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from aio_pika.abc import AbstractRobustConnection

from ats_backend.core.checks import broker_check
from ats_backend.core.grpc_client import open_channel
from ats_backend.core.grpc_server import GrpcServer, watch_readiness
from ats_backend.core.messaging import Consumer, Publisher, connect, consume, declare_topology
from ats_backend.core.messaging.topology import OCR_QUEUE, TEXT_QUEUE
from ats_backend.core.metrics import serve_metrics
from ats_backend.core.process import wait_for_shutdown
from ats_backend.parser.client_status import ClientStatusCache
from ats_backend.parser.config import Lane, ParserSettings
from ats_backend.parser.hold import JobHold
from ats_backend.parser.metrics import record_ocr_processes
from ats_backend.parser.ocr import EasyOcrOptions
from ats_backend.parser.sandbox import ChildStatus, Sandbox
from ats_backend.parser.server import ParserServicer
from ats_backend.parser.worker import ParseJobHandler
from ats_backend.proto.events.v1 import events_pb2
from ats_backend.proto.ingest.v1 import ingest_pb2_grpc
from ats_backend.proto.parser.v1 import parser_pb2, parser_pb2_grpc
from ats_backend.proto.tenants.v1 import tenants_pb2_grpc

__all__ = ["serve"]

log = logging.getLogger(__name__)

_WARM_RETRY_SECONDS = 30.0


def _text_sandbox(settings: ParserSettings) -> Sandbox | None:
    if "text" not in settings.parser_lanes:
        return None
    return Sandbox(
        processes=settings.parse_concurrency,
        timeout=settings.parse_timeout_seconds,
        memory_limit_mb=settings.parse_memory_limit_mb,
    )


def _ocr_sandbox(settings: ParserSettings) -> Sandbox | None:
    if "ocr" not in settings.parser_lanes:
        return None
    return Sandbox(
        processes=settings.ocr_concurrency,
        timeout=settings.ocr_timeout_seconds,
        memory_limit_mb=settings.ocr_memory_limit_mb,
        ocr=EasyOcrOptions(threads=settings.ocr_threads),
    )


class _OcrLane:
    """Loads the OCR models in every OCR process, then starts consuming ``parse.ocr``.

    Until then ``check`` fails, so the process is not ready: a balancer or the stack waits
    for the models instead of sending work that would queue behind their loading."""

    def __init__(
        self,
        sandbox: Sandbox,
        connection: AbstractRobustConnection,
        handler: ParseJobHandler,
        prefetch: int,
    ) -> None:
        self._sandbox = sandbox
        self._connection = connection
        self._handler = handler
        self._prefetch = prefetch
        self._consumer: Consumer | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self, grace: float) -> None:
        if self._task is not None:
            self._task.cancel()  # still loading: nothing taken from the queue yet
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._consumer is not None:
            await self._consumer.stop(grace)

    async def _run(self) -> None:
        statuses = await self._load()
        record_ocr_processes([status.engine for status in statuses])
        _log_engines(statuses)
        self._consumer = await consume(
            self._connection,
            OCR_QUEUE,
            {events_pb2.ParseRequested: self._handler},
            prefetch=self._prefetch,
        )

    async def _load(self) -> list[ChildStatus]:
        while True:
            try:
                return await self._sandbox.start()
            except Exception as exc:
                # A child died loading the models (ParseCrashed: the memory limit is too low,
                # the model files are damaged; its traceback is on stderr). The process stays
                # not ready and says why; the text lane keeps working meanwhile.
                log.error(
                    "OCR processes could not load the models; retrying",
                    extra={"cause": repr(exc), "retry_in": _WARM_RETRY_SECONDS},
                )
                await asyncio.sleep(_WARM_RETRY_SECONDS)

    def check(self) -> Callable[[], Awaitable[None]]:
        async def check() -> None:
            if self._consumer is None:
                raise RuntimeError("the OCR processes are loading their models")

        return check


def _log_engines(statuses: list[ChildStatus]) -> None:
    for status in statuses:
        if status.engine is None:
            log.warning(
                "OCR is unavailable: documents that need it fail with ocr_unavailable",
                extra={"pid": status.pid, "cause": status.unavailable},
            )
    engines = sorted({status.engine for status in statuses if status.engine})
    log.info("OCR lane ready", extra={"processes": len(statuses), "engines": engines})


class _Dependencies:
    """What the handlers of both lanes share: ingest, tenants' answers, the publishers."""

    def __init__(
        self,
        ingest: ingest_pb2_grpc.IngestServiceAsyncStub,
        client_status: ClientStatusCache,
        publisher: Publisher,
        hold: JobHold,
    ) -> None:
        self.ingest = ingest
        self.client_status = client_status
        self.publisher = publisher
        self.hold = hold

    def handler(self, settings: ParserSettings, sandbox: Sandbox, lane: Lane) -> ParseJobHandler:
        return ParseJobHandler(
            self.ingest,
            sandbox,
            self.publisher,
            fetch_timeout=settings.fetch_timeout_seconds,
            lane=lane,
            client_status=self.client_status,
            hold=self.hold,
        )


async def _text_lane(
    settings: ParserSettings,
    connection: AbstractRobustConnection,
    deps: _Dependencies,
    sandbox: Sandbox,
) -> Consumer:
    handler = deps.handler(settings, sandbox, "text")
    prefetch = settings.parse_prefetch or 2 * settings.parse_concurrency
    return await consume(
        connection, TEXT_QUEUE, {events_pb2.ParseRequested: handler}, prefetch=prefetch
    )


def _ocr_lane(
    settings: ParserSettings,
    connection: AbstractRobustConnection,
    deps: _Dependencies,
    sandbox: Sandbox,
) -> _OcrLane:
    handler = deps.handler(settings, sandbox, "ocr")
    return _OcrLane(sandbox, connection, handler, settings.ocr_prefetch)


async def serve(settings: ParserSettings) -> None:
    serve_metrics(settings.metrics_port, settings.metrics_host)
    text_sandbox, ocr_sandbox = _text_sandbox(settings), _ocr_sandbox(settings)
    ingest_channel = open_channel(settings.ingest_addr)
    ingest = ingest_pb2_grpc.IngestServiceStub(ingest_channel)
    tenants_channel = open_channel(settings.tenants_addr)
    client_status = ClientStatusCache(
        tenants_pb2_grpc.TenantsServiceStub(tenants_channel),
        cache_seconds=settings.client_status_cache_seconds,
    )
    connection = await connect(settings.amqp_url, "parser")
    setup = await connection.channel()
    await declare_topology(setup)
    await setup.close()
    deps = _Dependencies(
        ingest,
        client_status,
        await Publisher.open(connection),
        await JobHold.open(
            connection,
            retry_seconds=settings.held_retry_seconds,
            max_retry_seconds=settings.held_max_retry_seconds,
        ),
    )

    checks = [broker_check(connection)]
    text_consumer = ocr_lane = None
    if text_sandbox is not None:
        text_consumer = await _text_lane(settings, connection, deps, text_sandbox)
    if ocr_sandbox is not None:
        ocr_lane = _ocr_lane(settings, connection, deps, ocr_sandbox)
        ocr_lane.start()
        checks.append(ocr_lane.check())

    server = GrpcServer(port=settings.grpc_port)
    server.add(
        parser_pb2_grpc.add_ParserServiceServicer_to_server,
        ParserServicer(
            text_sandbox, ocr_sandbox=ocr_sandbox, max_document_bytes=settings.max_document_bytes
        ),
        parser_pb2.DESCRIPTOR.services_by_name["ParserService"].full_name,
    )
    await server.start()
    readiness = asyncio.create_task(watch_readiness(server, checks))
    try:
        await wait_for_shutdown()
    finally:
        # No new jobs; the ones in flight get the grace period; the rest are redelivered.
        readiness.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await readiness
        grace = settings.shutdown_grace
        await asyncio.gather(
            *([text_consumer.stop(grace)] if text_consumer is not None else []),
            *([ocr_lane.stop(grace)] if ocr_lane is not None else []),
        )
        await server.stop(grace)
        await connection.close()
        await ingest_channel.close()
        await tenants_channel.close()
        for sandbox in (text_sandbox, ocr_sandbox):
            if sandbox is not None:
                sandbox.close()
