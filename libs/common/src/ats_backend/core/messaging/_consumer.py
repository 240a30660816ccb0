from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aio_pika.exceptions
import asyncpg
from aio_pika.abc import AbstractIncomingMessage, AbstractQueue, AbstractRobustConnection
from google.protobuf.message import DecodeError, Message

from ats_backend.core import context
from ats_backend.core.errors import Unavailable
from ats_backend.core.messaging._publisher import REQUEST_HEADER, TENANT_HEADER

__all__ = ["Consumer", "Handler", "PermanentFailure", "consume", "is_transient"]

log = logging.getLogger(__name__)

Handler = Callable[[Any, AbstractIncomingMessage], Awaitable[None]]

# Failures of a dependency rather than of the message: retried in place, see Consumer.
_TRANSIENT: tuple[type[BaseException], ...] = (
    Unavailable,
    ConnectionError,
    TimeoutError,
    OSError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.TooManyConnectionsError,
    asyncpg.CannotConnectNowError,
    aio_pika.exceptions.AMQPConnectionError,
    aio_pika.exceptions.ChannelInvalidStateError,
)
_MAX_BACKOFF = 30.0


class PermanentFailure(Exception):
    """The message can never succeed (malformed, unknown type): dead-letter it now instead of
    spending the delivery limit on it."""


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, _TRANSIENT)


def _backoff(attempt: int, base: float) -> float:
    return float(min(base * 2**attempt, _MAX_BACKOFF))


class Consumer:
    """One queue's consumer. Acks a message only after its handler returned, so the handler
    must have made its work durable by then (committed, or published with confirms).

    - The handler raised ``PermanentFailure``: rejected without requeue (dead-lettered).
    - A dependency is unavailable (database, broker, another service: ``is_transient``): the
      handler is retried in place with exponential backoff, holding the message, for as long
      as the outage lasts. Requeueing instead would spend the queue's delivery limit in
      seconds and dead-letter healthy documents during a rolling restart.
    - Anything else (a bug, a poisoned message): requeued after a backoff that grows with the
      delivery count; the queue's delivery limit then dead-letters it.
    Handlers must be idempotent: redelivery is normal.
    """

    def __init__(
        self, queue: AbstractQueue, handlers: Mapping[type[Message], Handler], retry_delay: float
    ) -> None:
        self._queue = queue
        self._by_name = {cls.DESCRIPTOR.full_name: (cls, h) for cls, h in handlers.items()}
        self._retry_delay = retry_delay
        self._tag: str | None = None
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def queue_name(self) -> str:
        return self._queue.name

    async def start(self) -> None:
        self._tag = await self._queue.consume(self._on_message)

    async def stop(self, grace: float) -> None:
        """Take no new messages, then give the ones in flight ``grace`` seconds to finish.
        What is still unfinished returns to the queue when the channel closes."""
        if self._tag is not None:
            await self._queue.cancel(self._tag)
            self._tag = None
        try:
            await asyncio.wait_for(self._idle.wait(), timeout=grace)
        except TimeoutError:
            log.warning(
                "stopping with messages in flight",
                extra={"queue": self.queue_name, "in_flight": self._in_flight},
            )

    async def _on_message(self, incoming: AbstractIncomingMessage) -> None:
        self._in_flight += 1
        self._idle.clear()
        try:
            await self._process(incoming)
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._idle.set()

    async def _process(self, incoming: AbstractIncomingMessage) -> None:
        headers = incoming.headers or {}
        tenant, request = headers.get(TENANT_HEADER), headers.get(REQUEST_HEADER)
        with context.bound(
            tenant=str(tenant) if tenant else None, request=str(request) if request else None
        ):
            try:
                await self._handle_with_retries(incoming)
            except PermanentFailure as exc:
                log.error(
                    "message dead-lettered", extra={"queue": self.queue_name, "error": str(exc)}
                )
                await incoming.reject(requeue=False)
            except Exception:
                deliveries = int(str(headers.get("x-delivery-count") or 0))
                log.exception(
                    "message handling failed; requeued",
                    extra={"queue": self.queue_name, "deliveries": deliveries + 1},
                )
                await asyncio.sleep(_backoff(deliveries, self._retry_delay))
                await incoming.nack(requeue=True)
            else:
                await incoming.ack()

    async def _handle_with_retries(self, incoming: AbstractIncomingMessage) -> None:
        entry = self._by_name.get(incoming.type or "")
        if entry is None:
            raise PermanentFailure(f"no handler for message type {incoming.type!r}")
        message_type, handler = entry
        try:
            decoded = message_type.FromString(incoming.body)
        except DecodeError as exc:
            raise PermanentFailure(f"undecodable {incoming.type}: {exc}") from exc
        attempt = 0
        while True:
            try:
                await handler(decoded, incoming)
                return
            except Exception as exc:
                if not is_transient(exc):
                    raise
                delay = _backoff(attempt, self._retry_delay)
                log.warning(
                    "dependency unavailable; retrying the message in place",
                    extra={"queue": self.queue_name, "cause": repr(exc)[:300], "retry_in": delay},
                )
                await asyncio.sleep(delay)
                attempt += 1


async def consume(
    connection: AbstractRobustConnection,
    queue: str,
    handlers: Mapping[type[Message], Handler],
    *,
    prefetch: int,
    retry_delay: float = 0.5,
) -> Consumer:
    """Start consuming ``queue`` on a channel of its own, dispatching on the message's type."""
    channel = await connection.channel()
    await channel.set_qos(prefetch_count=prefetch)
    declared = await channel.get_queue(queue, ensure=True)
    consumer = Consumer(declared, handlers, retry_delay)
    await consumer.start()
    return consumer
