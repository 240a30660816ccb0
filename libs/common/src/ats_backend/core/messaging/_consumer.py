from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aio_pika.abc import AbstractIncomingMessage, AbstractRobustConnection
from google.protobuf.message import DecodeError, Message

from ats_backend.core import context

__all__ = ["Handler", "PermanentFailure", "consume"]

log = logging.getLogger(__name__)

Handler = Callable[[Any, AbstractIncomingMessage], Awaitable[None]]


class PermanentFailure(Exception):
    """The message can never succeed (malformed, unknown type): dead-letter it now instead of
    spending the delivery limit on it."""


async def consume(
    connection: AbstractRobustConnection,
    queue: str,
    handlers: Mapping[type[Message], Handler],
    *,
    prefetch: int,
    retry_delay: float = 0.5,
) -> str:
    """Consume ``queue`` on a channel of its own, dispatching on the message's type property.

    The message is acked only after its handler returns, so the handler must have made its
    work durable by then (committed, or published with confirms). Any other exception requeues
    it after ``retry_delay``: the queue's delivery limit bounds the retries and dead-letters
    the rest. Handlers must therefore be idempotent; redelivery is normal.
    """
    by_name = {cls.DESCRIPTOR.full_name: (cls, handler) for cls, handler in handlers.items()}
    channel = await connection.channel()
    await channel.set_qos(prefetch_count=prefetch)
    declared = await channel.get_queue(queue, ensure=True)

    async def on_message(incoming: AbstractIncomingMessage) -> None:
        headers = incoming.headers or {}
        tenant = headers.get("x-tenant-id")
        request = headers.get("x-request-id")
        with context.bound(
            tenant=str(tenant) if tenant else None, request=str(request) if request else None
        ):
            try:
                entry = by_name.get(incoming.type or "")
                if entry is None:
                    raise PermanentFailure(f"no handler for message type {incoming.type!r}")
                message_type, handler = entry
                try:
                    decoded = message_type.FromString(incoming.body)
                except DecodeError as exc:
                    raise PermanentFailure(f"undecodable {incoming.type}: {exc}") from exc
                await handler(decoded, incoming)
            except PermanentFailure as exc:
                log.error("message dead-lettered", extra={"queue": queue, "error": str(exc)})
                await incoming.reject(requeue=False)
            except Exception:
                log.exception(
                    "message handling failed; requeued",
                    extra={"queue": queue, "redelivered": incoming.redelivered},
                )
                await asyncio.sleep(retry_delay)
                await incoming.nack(requeue=True)
            else:
                await incoming.ack()

    return await declared.consume(on_message)
