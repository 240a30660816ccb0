from __future__ import annotations

import uuid
from collections.abc import Mapping

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange
from google.protobuf.message import Message

__all__ = ["REQUEST_HEADER", "TENANT_HEADER", "Publisher", "message_headers"]

CONTENT_TYPE = "application/x-protobuf"
# Message headers that carry the context of the request that caused the message.
TENANT_HEADER = "x-tenant-id"
REQUEST_HEADER = "x-request-id"


def message_headers(tenant_id: str | None, request_id: str | None) -> dict[str, str]:
    """The context headers of a message (also for ones stored in the outbox to publish later)."""
    headers: dict[str, str] = {}
    if tenant_id:
        headers[TENANT_HEADER] = tenant_id
    if request_id:
        headers[REQUEST_HEADER] = request_id
    return headers


class Publisher:
    """Publishes persistent protobuf messages and waits for the broker's confirm.

    The channel must be opened with ``publisher_confirms=True`` and ``on_return_raises=True``
    (see ``open``): a publish returns only once the broker has the message on disk, and an
    unroutable one raises instead of vanishing.
    """

    def __init__(self, channel: AbstractChannel) -> None:
        self._channel = channel
        self._exchanges: dict[str, AbstractExchange] = {}

    @classmethod
    async def open(cls, connection: aio_pika.abc.AbstractConnection) -> Publisher:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        return cls(channel)

    async def publish(
        self,
        exchange: str,
        routing_key: str,
        message: Message,
        *,
        message_id: str | None = None,
        tenant_id: str | None = None,
        request_id: str | None = None,
    ) -> None:
        headers = message_headers(tenant_id, request_id)
        await self.publish_bytes(
            exchange,
            routing_key,
            message.SerializeToString(),
            message_type=message.DESCRIPTOR.full_name,
            message_id=message_id or uuid.uuid4().hex,
            headers=headers,
        )

    async def publish_bytes(
        self,
        exchange: str,
        routing_key: str,
        body: bytes,
        *,
        message_type: str,
        message_id: str,
        headers: Mapping[str, str],
    ) -> None:
        """Publish an already serialised message (the outbox relay stores them that way)."""
        target = self._exchanges.get(exchange)
        if target is None:
            target = await self._channel.get_exchange(exchange, ensure=False)
            self._exchanges[exchange] = target
        await target.publish(
            aio_pika.Message(
                body,
                content_type=CONTENT_TYPE,
                type=message_type,
                message_id=message_id,
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                headers=dict(headers),
            ),
            routing_key=routing_key,
            mandatory=True,
        )

    @property
    def closed(self) -> bool:
        """The channel is gone (a robust channel that is reconnecting counts as closed)."""
        return bool(self._channel.is_closed)

    async def close(self) -> None:
        await self._channel.close()
