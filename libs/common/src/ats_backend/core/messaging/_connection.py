from __future__ import annotations

import aio_pika
from aio_pika.abc import AbstractRobustConnection

__all__ = ["connect", "queue_stats"]


async def connect(url: str, name: str) -> AbstractRobustConnection:
    """A robust connection: after a broker restart it reconnects and restores consumers."""
    return await aio_pika.connect_robust(url, client_properties={"connection_name": name})


async def queue_stats(connection: AbstractRobustConnection, queue: str) -> tuple[int, int]:
    """(ready messages, consumers) of ``queue``. A passive declare of a missing queue closes
    its channel, so a throwaway channel is used."""
    channel = await connection.channel()
    try:
        declared = await channel.declare_queue(queue, passive=True)
        result = declared.declaration_result
        return int(result.message_count or 0), int(result.consumer_count or 0)
    finally:
        await channel.close()
