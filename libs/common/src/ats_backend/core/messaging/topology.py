"""The broker topology, declared identically by every process that touches it.

Parse jobs travel on the direct exchange ``ats.parse`` into per-lane quorum queues
(``parse.text`` for documents with a text layer; ``parse.ocr`` for scans and images, which the
text lane forwards there or ingest sends there directly). Domain events travel on the topic
exchange ``ats.events``; each consuming service has its own queue. Every queue is a durable
quorum queue with an explicit delivery limit: a message that keeps failing is dead-lettered
through ``ats.dlx`` instead of looping forever, and ingest turns dead parse jobs into failed
jobs, so an accepted document always ends parsed or failed with a reason. What even the dead-
letter consumers cannot handle is parked in ``ats.parked`` for an operator, never dropped.

Each lane has a hold queue (``parse.text.held``, ``parse.ocr.held``) without consumers: the
parser parks a job there while its client is deactivated. The parser sets each held message's
TTL (``expiration``, from its own setting), and on expiry the queue dead-letters the job back
through ``ats.parse`` to its lane, where it is checked again.
"""

from __future__ import annotations

from typing import Any

import aio_pika
import aio_pika.exceptions
from aio_pika.abc import AbstractChannel

__all__ = [
    "ALL_QUEUES",
    "CANDIDATES_QUEUE",
    "DEAD_EVENTS_QUEUE",
    "DEAD_PARSE_QUEUE",
    "DELIVERY_LIMIT",
    "DLX_EXCHANGE",
    "EVENTS_EXCHANGE",
    "HELD_QUEUES",
    "INGEST_RESULTS_QUEUE",
    "OCR_HELD_QUEUE",
    "OCR_QUEUE",
    "PARKED_DELIVERY_LIMIT",
    "PARKED_QUEUE",
    "PARSE_EXCHANGE",
    "RK_CANDIDATE_STORED",
    "RK_RESUME_FAILED",
    "RK_RESUME_PARSED",
    "TEXT_HELD_QUEUE",
    "TEXT_QUEUE",
    "TopologyMismatch",
    "declare_topology",
]

PARSE_EXCHANGE = "ats.parse"
EVENTS_EXCHANGE = "ats.events"
DLX_EXCHANGE = "ats.dlx"

TEXT_QUEUE = "parse.text"
OCR_QUEUE = "parse.ocr"
TEXT_HELD_QUEUE = "parse.text.held"
OCR_HELD_QUEUE = "parse.ocr.held"
# Lane queue -> its hold queue.
HELD_QUEUES = {TEXT_QUEUE: TEXT_HELD_QUEUE, OCR_QUEUE: OCR_HELD_QUEUE}
DEAD_PARSE_QUEUE = "parse.dead"
CANDIDATES_QUEUE = "candidates.resume-parsed"
INGEST_RESULTS_QUEUE = "ingest.job-results"
DEAD_EVENTS_QUEUE = "events.dead"
# Where a dead-letter queue's own failures go: no consumer, kept for an operator to inspect.
PARKED_QUEUE = "ats.parked"

ALL_QUEUES = (
    TEXT_QUEUE,
    OCR_QUEUE,
    TEXT_HELD_QUEUE,
    OCR_HELD_QUEUE,
    DEAD_PARSE_QUEUE,
    CANDIDATES_QUEUE,
    INGEST_RESULTS_QUEUE,
    DEAD_EVENTS_QUEUE,
    PARKED_QUEUE,
)

RK_RESUME_PARSED = "resume.parsed"
RK_RESUME_FAILED = "resume.failed"
RK_CANDIDATE_STORED = "candidate.stored"

# Deliveries before a message is dead-lettered (RabbitMQ 3.10 has no default; 4.x uses 20).
# Consumers retry unavailable dependencies in place without spending deliveries (see
# _consumer), so the limit only counts real failures.
DELIVERY_LIMIT = 5
# The parking queue has no consumer; the limit is explicit all the same.
PARKED_DELIVERY_LIMIT = 1000


def _quorum(
    dead_letter_key: str | None,
    limit: int = DELIVERY_LIMIT,
    dead_letter_exchange: str = DLX_EXCHANGE,
) -> dict[str, Any]:
    args: dict[str, Any] = {"x-queue-type": "quorum", "x-delivery-limit": limit}
    if dead_letter_key is not None:
        args["x-dead-letter-exchange"] = dead_letter_exchange
        args["x-dead-letter-routing-key"] = dead_letter_key
        # The default (at-most-once) may drop a message while dead-lettering it; at-least-once
        # keeps it in this queue until the dead-letter queue has confirmed it. RabbitMQ
        # requires reject-publish overflow for that strategy.
        args["x-dead-letter-strategy"] = "at-least-once"
        args["x-overflow"] = "reject-publish"
    return args


class TopologyMismatch(RuntimeError):
    """A queue exists with other arguments than this version declares (RabbitMQ refuses to
    change a queue's arguments in place)."""


async def declare_topology(channel: AbstractChannel) -> None:
    try:
        await _declare(channel)
    except aio_pika.exceptions.ChannelPreconditionFailed as exc:
        raise TopologyMismatch(
            f"{exc}: a queue was declared earlier with other arguments. Drain it and delete it "
            "(rabbitmqctl delete_queue NAME -p VHOST) so this version can declare it again."
        ) from exc


async def _declare(channel: AbstractChannel) -> None:
    parse = await channel.declare_exchange(
        PARSE_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True
    )
    events = await channel.declare_exchange(
        EVENTS_EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
    )
    dlx = await channel.declare_exchange(DLX_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True)

    parked = await channel.declare_queue(
        PARKED_QUEUE, durable=True, arguments=_quorum(None, PARKED_DELIVERY_LIMIT)
    )
    await parked.bind(dlx, routing_key=PARKED_QUEUE)
    for name in (DEAD_PARSE_QUEUE, DEAD_EVENTS_QUEUE):
        queue = await channel.declare_queue(name, durable=True, arguments=_quorum(PARKED_QUEUE))
        await queue.bind(dlx, routing_key=name)

    for lane in (TEXT_QUEUE, OCR_QUEUE):
        queue = await channel.declare_queue(lane, durable=True, arguments=_quorum(DEAD_PARSE_QUEUE))
        await queue.bind(parse, routing_key=lane)
        # No TTL on the queue: the parser sets one per message (its held_retry_seconds;
        # quorum queues honour per-message TTL from RabbitMQ 3.10, the required version), so
        # changing that setting never changes this queue's arguments (RabbitMQ refuses that),
        # and processes other than the parser need not know it. Quorum queues expire messages
        # only at the head; all replicas use the same setting, so FIFO order is expiry order
        # (while replicas disagree, during a settings rollout, a longer TTL delays the jobs
        # queued behind it). Nothing consumes the queue, so the delivery limit is never spent;
        # it is explicit all the same.
        held = await channel.declare_queue(
            HELD_QUEUES[lane],
            durable=True,
            arguments=_quorum(lane, dead_letter_exchange=PARSE_EXCHANGE),
        )
        await held.bind(parse, routing_key=HELD_QUEUES[lane])

    candidates = await channel.declare_queue(
        CANDIDATES_QUEUE, durable=True, arguments=_quorum(DEAD_EVENTS_QUEUE)
    )
    await candidates.bind(events, routing_key=RK_RESUME_PARSED)

    results = await channel.declare_queue(
        INGEST_RESULTS_QUEUE, durable=True, arguments=_quorum(DEAD_EVENTS_QUEUE)
    )
    for key in (RK_RESUME_FAILED, RK_CANDIDATE_STORED):
        await results.bind(events, routing_key=key)
