"""The outbox relay: publishes messages that upload transactions committed to ``outbox``.

An upload commits its job and its ParseRequested message together, so a message exists for
every accepted document even when RabbitMQ is down at that moment. The relay takes a batch
with ``FOR UPDATE SKIP LOCKED`` (several ingest replicas share the work without publishing the
same row at once), publishes with confirms, and deletes the rows in the same transaction.
A crash between confirm and commit publishes a row twice; consumers are idempotent for that.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import asyncpg
from prometheus_client import Counter, Gauge

from ats_backend.core.db import system_transaction
from ats_backend.core.messaging import Publisher

__all__ = ["OutboxRelay"]

log = logging.getLogger(__name__)

PUBLISHED = Counter("ats_outbox_published_total", "Outbox messages published to RabbitMQ")
FAILURES = Counter("ats_outbox_publish_failures_total", "Outbox relay rounds that failed")
BACKLOG = Gauge("ats_outbox_backlog", "Outbox rows waiting after the last relay round")


class OutboxRelay:
    def __init__(
        self,
        pool: asyncpg.Pool,
        publisher: Publisher,
        *,
        batch_size: int,
        poll_seconds: float,
        wake: asyncio.Event | None = None,
        publish_timeout: float = 30.0,
    ) -> None:
        self._pool = pool
        self._publish_timeout = publish_timeout
        self._publisher = publisher
        self._batch = batch_size
        self._poll = poll_seconds
        self.wake = wake or asyncio.Event()

    async def drain_once(self) -> int:
        """Publish up to one batch; returns how many rows were published (and deleted).

        Publishes are pipelined (all in flight, then the confirms awaited). Only confirmed rows
        are deleted: one refused message neither rolls back the batch's confirmed rows (which
        would republish them every round) nor blocks the rows behind it for good.
        """
        async with system_transaction(self._pool) as conn:
            rows = await conn.fetch(
                "SELECT id, exchange, routing_key, message_type, message_id, payload, headers"
                " FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED",
                self._batch,
            )
            if not rows:
                BACKLOG.set(0)
                return 0
            # Bounded: a broker that blocks publishers (resource alarm) must not hold these
            # row locks and this transaction open indefinitely.
            async with asyncio.timeout(self._publish_timeout):
                outcomes = await asyncio.gather(
                    *(
                        self._publisher.publish_bytes(
                            row["exchange"],
                            row["routing_key"],
                            row["payload"],
                            message_type=row["message_type"],
                            message_id=row["message_id"],
                            headers=json.loads(row["headers"]),
                        )
                        for row in rows
                    ),
                    return_exceptions=True,
                )
            confirmed = [
                row["id"] for row, outcome in zip(rows, outcomes, strict=True) if outcome is None
            ]
            failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
            if confirmed:
                await conn.execute("DELETE FROM outbox WHERE id = ANY($1::bigint[])", confirmed)
        PUBLISHED.inc(len(confirmed))
        BACKLOG.set(len(rows) - len(confirmed) if len(rows) < self._batch else self._batch)
        if failures:
            FAILURES.inc()
            raise failures[0]
        return len(confirmed)

    async def run(self) -> None:
        """Publish until cancelled. Raises only when the publisher's connection is gone for
        good, so the owner rebuilds the broker side."""
        backoff = 0.5
        while True:
            try:
                # LISTEN on a connection of its own, so commits in other replicas wake this
                # relay too; without it (database down) the relay still polls.
                listener = await self._pool.acquire()
            except Exception as exc:
                log.warning("outbox LISTEN unavailable; polling", extra={"cause": repr(exc)})
                await self._loop(rounds=20)
                continue
            try:
                await listener.add_listener("ats_outbox", self._notified)
                try:
                    await self._loop()
                finally:
                    with contextlib.suppress(Exception):
                        await listener.remove_listener("ats_outbox", self._notified)
            except asyncpg.InterfaceError as exc:  # the listening connection broke
                log.warning("outbox listener lost; reconnecting", extra={"cause": repr(exc)})
                await asyncio.sleep(backoff)
            finally:
                with contextlib.suppress(Exception):
                    await self._pool.release(listener)

    def _notified(self, *_: object) -> None:
        self.wake.set()

    async def _loop(self, rounds: int | None = None) -> None:
        backoff = 0.5
        done = 0
        while rounds is None or done < rounds:
            done += 1
            self.wake.clear()
            try:
                published = await self.drain_once()
                backoff = 0.5
            except Exception as exc:
                if self._publisher.closed:
                    raise
                log.warning("outbox relay round failed; will retry", extra={"cause": repr(exc)})
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 10.0)
                continue
            if published >= self._batch:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=self._poll)
