"""The consumer helper against the real broker: what is acked, requeued, retried in place."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import aio_pika
import pytest
from aio_pika.abc import AbstractIncomingMessage, AbstractRobustConnection

from ats_backend.core.errors import Unavailable
from ats_backend.core.messaging import PermanentFailure, connect, consume
from ats_backend.proto.events.v1 import events_pb2

pytestmark = pytest.mark.integration


@pytest.fixture
async def broker(amqp_url: str) -> AsyncIterator[tuple[AbstractRobustConnection, str, str]]:
    """A throwaway quorum queue with a delivery limit, dead-lettering into a second one."""
    connection = await connect(amqp_url, "test-consumer")
    channel = await connection.channel()
    name = f"test.{uuid.uuid4().hex[:8]}"
    dead = await channel.declare_queue(
        name + ".dead", durable=True, arguments={"x-queue-type": "quorum", "x-delivery-limit": 5}
    )
    await channel.declare_queue(
        name,
        durable=True,
        arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": 2,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": dead.name,
        },
    )
    try:
        yield connection, name, dead.name
    finally:
        await channel.queue_delete(name)
        await channel.queue_delete(dead.name)
        await connection.close()


async def _send(connection: AbstractRobustConnection, queue: str, job: str) -> None:
    channel = await connection.channel(publisher_confirms=True)
    message = events_pb2.ParseRequested(job_id=job)
    await channel.default_exchange.publish(
        aio_pika.Message(message.SerializeToString(), type=message.DESCRIPTOR.full_name),
        routing_key=queue,
    )
    await channel.close()


async def _wait_until_dead_lettered(connection: AbstractRobustConnection, dead: str) -> None:
    # Polled: the broker offers no notification for another queue's depth.
    async with asyncio.timeout(15):
        while await _depth(connection, dead) == 0:  # noqa: ASYNC110
            await asyncio.sleep(0.05)


async def _depth(connection: AbstractRobustConnection, queue: str) -> int:
    channel = await connection.channel()
    declared = await channel.declare_queue(queue, passive=True)
    await channel.close()
    return int(declared.declaration_result.message_count or 0)


async def test_an_unavailable_dependency_is_retried_in_place_without_spending_deliveries(
    broker: tuple[AbstractRobustConnection, str, str],
) -> None:
    connection, queue, dead = broker
    calls: list[int | None] = []
    done = asyncio.Event()

    async def handler(
        message: events_pb2.ParseRequested, incoming: AbstractIncomingMessage
    ) -> None:
        calls.append((incoming.headers or {}).get("x-delivery-count"))  # type: ignore[arg-type]
        if len(calls) < 4:  # more failures than the queue's delivery limit of 2
            raise Unavailable("database restarting")
        done.set()

    consumer = await consume(
        connection, queue, {events_pb2.ParseRequested: handler}, prefetch=1, retry_delay=0.01
    )
    await _send(connection, queue, "j1")
    await asyncio.wait_for(done.wait(), timeout=10)
    await consumer.stop(grace=5)
    assert len(calls) == 4
    assert all(count is None for count in calls)  # one delivery, handled four times
    assert await _depth(connection, queue) == 0
    assert await _depth(connection, dead) == 0


async def test_a_failing_message_is_requeued_until_the_delivery_limit_dead_letters_it(
    broker: tuple[AbstractRobustConnection, str, str],
) -> None:
    connection, queue, dead = broker
    calls = 0

    async def handler(
        message: events_pb2.ParseRequested, incoming: AbstractIncomingMessage
    ) -> None:
        nonlocal calls
        calls += 1
        raise ValueError("a bug")

    consumer = await consume(
        connection, queue, {events_pb2.ParseRequested: handler}, prefetch=1, retry_delay=0.01
    )
    await _send(connection, queue, "j2")
    await _wait_until_dead_lettered(connection, dead)
    await consumer.stop(grace=5)
    assert calls == 3  # the first delivery and two redeliveries, then dead-lettered


async def test_a_permanent_failure_is_dead_lettered_at_once(
    broker: tuple[AbstractRobustConnection, str, str],
) -> None:
    connection, queue, dead = broker
    calls = 0

    async def handler(
        message: events_pb2.ParseRequested, incoming: AbstractIncomingMessage
    ) -> None:
        nonlocal calls
        calls += 1
        raise PermanentFailure("malformed")

    consumer = await consume(
        connection, queue, {events_pb2.ParseRequested: handler}, prefetch=1, retry_delay=0.01
    )
    await _send(connection, queue, "j3")
    await _wait_until_dead_lettered(connection, dead)
    await consumer.stop(grace=5)
    assert calls == 1
