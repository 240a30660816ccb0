"""RabbitMQ on aio-pika: one topology for every process, a confirming publisher, a consumer
that acknowledges only after the handler's work is durable.

    connect(url, name)          robust connection (reconnects, re-declares, re-consumes)
    declare_topology(channel)   exchanges, quorum queues, dead-lettering (idempotent)
    Publisher                   persistent protobuf messages, publisher confirms, mandatory
    consume(...)                decode -> bind tenant/request context -> handler -> ack
    queue_stats(...)            depth and consumer count of a queue (passive declare)
"""

from ats_backend.core.messaging._connection import connect, queue_stats
from ats_backend.core.messaging._consumer import (
    Consumer,
    Handler,
    PermanentFailure,
    consume,
    is_transient,
)
from ats_backend.core.messaging._publisher import Publisher, message_headers
from ats_backend.core.messaging.topology import (
    DEAD_EVENTS_QUEUE,
    DEAD_PARSE_QUEUE,
    EVENTS_EXCHANGE,
    OCR_QUEUE,
    PARSE_EXCHANGE,
    TEXT_QUEUE,
    declare_topology,
)

__all__ = [
    "DEAD_EVENTS_QUEUE",
    "DEAD_PARSE_QUEUE",
    "EVENTS_EXCHANGE",
    "OCR_QUEUE",
    "PARSE_EXCHANGE",
    "TEXT_QUEUE",
    "Consumer",
    "Handler",
    "PermanentFailure",
    "Publisher",
    "connect",
    "consume",
    "declare_topology",
    "is_transient",
    "message_headers",
    "queue_stats",
]
