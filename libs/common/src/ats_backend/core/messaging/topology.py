"""The broker topology, declared identically by every process that touches it.

Parse jobs travel on the direct exchange ``ats.parse`` into per-lane quorum queues
(``parse.text`` now, ``parse.ocr`` for the OCR lane). Domain events travel on the topic exchange
``ats.events``; each consuming service has its own queue. Every queue is a durable quorum queue
with an explicit delivery limit: a message that keeps failing is dead-lettered through
``ats.dlx`` instead of looping forever, and ingest turns dead parse jobs into failed jobs, so an
accepted document always ends parsed or failed with a reason.
"""

from __future__ import annotations

from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel

__all__ = [
    "CANDIDATES_QUEUE",
    "DEAD_DELIVERY_LIMIT",
    "DEAD_EVENTS_QUEUE",
    "DEAD_PARSE_QUEUE",
    "DELIVERY_LIMIT",
    "DLX_EXCHANGE",
    "EVENTS_EXCHANGE",
    "INGEST_RESULTS_QUEUE",
    "OCR_QUEUE",
    "PARSE_EXCHANGE",
    "RK_CANDIDATE_STORED",
    "RK_RESUME_FAILED",
    "RK_RESUME_PARSED",
    "TEXT_QUEUE",
    "declare_topology",
]

PARSE_EXCHANGE = "ats.parse"
EVENTS_EXCHANGE = "ats.events"
DLX_EXCHANGE = "ats.dlx"

TEXT_QUEUE = "parse.text"
OCR_QUEUE = "parse.ocr"
DEAD_PARSE_QUEUE = "parse.dead"
CANDIDATES_QUEUE = "candidates.resume-parsed"
INGEST_RESULTS_QUEUE = "ingest.job-results"
DEAD_EVENTS_QUEUE = "events.dead"

RK_RESUME_PARSED = "resume.parsed"
RK_RESUME_FAILED = "resume.failed"
RK_CANDIDATE_STORED = "candidate.stored"

# Deliveries before a message is dead-lettered (RabbitMQ 3.10 has no default; 4.x uses 20).
DELIVERY_LIMIT = 5
# The dead-letter queues have no further dead-lettering: their consumers get many more tries.
DEAD_DELIVERY_LIMIT = 100


def _quorum(dead_letter_key: str | None) -> dict[str, Any]:
    limit = DELIVERY_LIMIT if dead_letter_key else DEAD_DELIVERY_LIMIT
    args: dict[str, Any] = {"x-queue-type": "quorum", "x-delivery-limit": limit}
    if dead_letter_key is not None:
        args["x-dead-letter-exchange"] = DLX_EXCHANGE
        args["x-dead-letter-routing-key"] = dead_letter_key
    return args


async def declare_topology(channel: AbstractChannel) -> None:
    parse = await channel.declare_exchange(
        PARSE_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True
    )
    events = await channel.declare_exchange(
        EVENTS_EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
    )
    dlx = await channel.declare_exchange(DLX_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True)

    for name in (DEAD_PARSE_QUEUE, DEAD_EVENTS_QUEUE):
        queue = await channel.declare_queue(name, durable=True, arguments=_quorum(None))
        await queue.bind(dlx, routing_key=name)

    for lane in (TEXT_QUEUE, OCR_QUEUE):
        queue = await channel.declare_queue(lane, durable=True, arguments=_quorum(DEAD_PARSE_QUEUE))
        await queue.bind(parse, routing_key=lane)

    candidates = await channel.declare_queue(
        CANDIDATES_QUEUE, durable=True, arguments=_quorum(DEAD_EVENTS_QUEUE)
    )
    await candidates.bind(events, routing_key=RK_RESUME_PARSED)

    results = await channel.declare_queue(
        INGEST_RESULTS_QUEUE, durable=True, arguments=_quorum(DEAD_EVENTS_QUEUE)
    )
    for key in (RK_RESUME_FAILED, RK_CANDIDATE_STORED):
        await results.bind(events, routing_key=key)
