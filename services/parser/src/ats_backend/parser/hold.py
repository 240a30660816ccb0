"""Parking a deactivated client's parse job in its lane's hold queue for a while.

The job is republished unchanged (body, type, message id, context headers) to the lane's hold
queue with a per-message TTL of ``retry_seconds``; on expiry the queue dead-letters it back to
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

__all__ = ["JobHold"]

# Headers the broker keeps about the earlier delivery. Carried into the held copy they would
# mislead: x-delivery-count would make the consumer back off as if the job had failed, and the
# x-death history of every earlier hold would travel with the job for good.
_BROKER_HEADERS = ("x-delivery-count", "x-death", "x-first-death-", "x-last-death-")


def _application_headers(incoming: AbstractIncomingMessage) -> HeadersType:
    return {
        key: value
        for key, value in (incoming.headers or {}).items()
        if not key.startswith(_BROKER_HEADERS)
    }


class JobHold:
    def __init__(self, channel: AbstractChannel, *, retry_seconds: float) -> None:
        self._channel = channel
        self._retry_seconds = retry_seconds

    @classmethod
    async def open(cls, connection: AbstractConnection, *, retry_seconds: float) -> JobHold:
        # Confirms: publish returns once the broker has the message on disk; mandatory with
        # on_return_raises: a hold queue that is missing raises instead of losing the job.
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        return cls(channel, retry_seconds=retry_seconds)

    @property
    def retry_seconds(self) -> float:
        return self._retry_seconds

    async def hold(self, incoming: AbstractIncomingMessage, lane_queue: str) -> None:
        """Park ``incoming`` (taken from ``lane_queue``) until it is due to be checked again."""
        exchange = await self._channel.get_exchange(PARSE_EXCHANGE, ensure=False)
        await exchange.publish(
            aio_pika.Message(
                incoming.body,
                content_type=incoming.content_type,
                type=incoming.type,
                message_id=incoming.message_id,
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                headers=_application_headers(incoming),
                expiration=self._retry_seconds,
            ),
            routing_key=HELD_QUEUES[lane_queue],
            mandatory=True,
        )

    async def close(self) -> None:
        await self._channel.close()
