"""Everything ingest does with RabbitMQ, kept alive for the life of the process.

The outbox relay and the consumers of job outcomes and dead letters share one robust
connection. Whatever fails on the broker side (the broker restarting in the middle of the
set-up, a channel error) tears the side down and builds it again after a backoff: a
silently dead relay would leave every later upload ``queued`` while the service looks
healthy (its readiness depends on the database only, by design).
"""

from __future__ import annotations

import asyncio
import logging
import time

import asyncpg
from google.protobuf.message import Message

from ats_backend.core.messaging import (
    Consumer,
    Handler,
    Publisher,
    connect,
    consume,
    declare_topology,
)
from ats_backend.core.messaging.topology import (
    DEAD_EVENTS_QUEUE,
    DEAD_PARSE_QUEUE,
    INGEST_RESULTS_QUEUE,
)
from ats_backend.ingest.config import IngestSettings
from ats_backend.ingest.relay import OutboxRelay
from ats_backend.ingest.results import ResultHandlers
from ats_backend.ingest.service import IngestService
from ats_backend.proto.events.v1 import events_pb2

__all__ = ["BrokerSide"]

log = logging.getLogger(__name__)

_MAX_BACKOFF = 15.0


class BrokerSide:
    def __init__(
        self,
        settings: IngestSettings,
        pool: asyncpg.Pool,
        service: IngestService,
        wake: asyncio.Event,
    ) -> None:
        self._settings = settings
        self._pool = pool
        self._handlers = ResultHandlers(service)
        self._wake = wake
        self._consumers: list[Consumer] = []

    async def run(self) -> None:
        """Run until cancelled, rebuilding after any failure."""
        delay = 1.0
        while True:
            started = time.monotonic()
            try:
                await self._run_once()
            except Exception as exc:
                if time.monotonic() - started > 60:
                    delay = 1.0  # it ran fine for a while: this is a new outage
                log.warning(
                    "broker side failed; rebuilding",
                    extra={"cause": repr(exc)[:300], "retry_in": delay},
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, _MAX_BACKOFF)

    async def stop_consuming(self, grace: float) -> None:
        await asyncio.gather(*(consumer.stop(grace) for consumer in self._consumers))

    async def _run_once(self) -> None:
        connection = await connect(self._settings.amqp_url, "ingest")
        try:
            setup = await connection.channel()
            await declare_topology(setup)
            await setup.close()
            relay = OutboxRelay(
                self._pool,
                await Publisher.open(connection),
                batch_size=self._settings.relay_batch_size,
                poll_seconds=self._settings.relay_poll_seconds,
                wake=self._wake,
            )
            results: dict[type[Message], Handler] = {
                events_pb2.CandidateStored: self._handlers.candidate_stored,
                events_pb2.ParseFailed: self._handlers.parse_failed,
            }
            dead_events = {**results, events_pb2.ResumeParsed: self._handlers.dead_resume_parsed}
            self._consumers = [
                await consume(connection, INGEST_RESULTS_QUEUE, results, prefetch=64),
                await consume(
                    connection,
                    DEAD_PARSE_QUEUE,
                    {events_pb2.ParseRequested: self._handlers.dead_parse_request},
                    prefetch=16,
                ),
                await consume(connection, DEAD_EVENTS_QUEUE, dead_events, prefetch=16),
            ]
            log.info("broker side ready: relay and consumers running")
            await relay.run()  # returns only by raising
        finally:
            self._consumers = []
            await connection.close()
