"""Parking a deactivated client's parse job in its lane's hold queue for a while.

The job is republished unchanged (body, type, message id, context headers) to the lane's hold
queue with a per-message TTL (``retry_seconds``, doubling with every hold of the same job up to
``max_retry_seconds``); on expiry the queue dead-letters it back to
the lane (see ``topology``), where the worker checks the client again. The publish is
persistent and confirmed before the worker acks the original, so the job is always in one
queue or the other. Nothing is fetched from ingest meanwhile, so the job stays ``queued``.

Its own confirming channel rather than the shared ``Publisher``: that one publishes protobuf
messages without a TTL, while this forwards an incoming message as it came.
"""

from __future__ import annotations

import aio_pika
from aio_pika.abc import (
    AbstractChannel,
    AbstractConnection,
    AbstractIncomingMessage,
    HeadersType,
)

from ats_backend.core.messaging.topology import HELD_QUEUES, PARSE_EXCHANGE

__all__ = ["HOLDS_HEADER", "JobHold", "holds_so_far"]

# Headers the broker keeps about the earlier delivery. Carried into the held copy they would
# mislead: x-delivery-count would make the consumer back off as if the job had failed, and the
# x-death history of every earlier hold would travel with the job for good.
_BROKER_HEADERS = ("x-delivery-count", "x-death", "x-first-death-", "x-last-death-")
# Ours: how many times the job has been held, for the growing delay.
HOLDS_HEADER = "x-ats-holds"


def _application_headers(incoming: AbstractIncomingMessage) -> HeadersType:
    return {
        key: value
        for key, value in (incoming.headers or {}).items()
        if not key.startswith(_BROKER_HEADERS)
    }


def holds_so_far(incoming: AbstractIncomingMessage) -> int:
    """How many times this job has been held already (our own header, see ``hold``)."""
    try:
        return max(int(str((incoming.headers or {}).get(HOLDS_HEADER, 0))), 0)
    except ValueError:
        return 0


class JobHold:
    def __init__(
        self, channel: AbstractChannel, *, retry_seconds: float, max_retry_seconds: float
    ) -> None:
        self._channel = channel
        self._retry_seconds = retry_seconds
        self._max_retry_seconds = max(max_retry_seconds, retry_seconds)

    @classmethod
    async def open(
        cls, connection: AbstractConnection, *, retry_seconds: float, max_retry_seconds: float
    ) -> JobHold:
        # Confirms: publish returns once the broker has the message on disk; mandatory with
        # on_return_raises: a hold queue that is missing raises instead of losing the job.
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        return cls(channel, retry_seconds=retry_seconds, max_retry_seconds=max_retry_seconds)

    def delay(self, holds: int) -> float:
        """Seconds the next hold lasts after ``holds`` earlier ones: doubling from
        ``retry_seconds`` up to ``max_retry_seconds``. A long deactivation's backlog then
        comes back through the lane rarely instead of every few seconds (each pass costs a
        status lookup and a publish, in the queue active clients' jobs wait in)."""
        return min(self._retry_seconds * 2.0 ** min(holds, 32), self._max_retry_seconds)

    async def hold(self, incoming: AbstractIncomingMessage, lane_queue: str) -> float:
        """Park ``incoming`` (taken from ``lane_queue``) until it is due to be checked again;
        answers the delay."""
        holds = holds_so_far(incoming)
        delay = self.delay(holds)
        exchange = await self._channel.get_exchange(PARSE_EXCHANGE, ensure=False)
        await exchange.publish(
            aio_pika.Message(
                incoming.body,
                content_type=incoming.content_type,
                type=incoming.type,
                message_id=incoming.message_id,
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                headers={**_application_headers(incoming), HOLDS_HEADER: holds + 1},
                expiration=delay,
            ),
            routing_key=HELD_QUEUES[lane_queue],
            mandatory=True,
        )
        return delay

    async def close(self) -> None:
        await self._channel.close()
