"""Which parse lane an upload's job is published to, and the second fetch the OCR lane makes.

Images always need OCR, so their jobs go straight to ``parse.ocr``; everything else starts in
``parse.text`` (whose worker moves a scanned PDF on to ``parse.ocr``, fetching it again)."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator

import aio_pika
import asyncpg
import pytest

from ats_backend.core.filetypes import JPEG, PDF, PNG, TIFF, WEBP
from ats_backend.core.messaging import Publisher, connect
from ats_backend.core.messaging.topology import OCR_QUEUE, PARSE_EXCHANGE, TEXT_QUEUE
from ats_backend.ingest.domain import JobStatus
from ats_backend.ingest.receiver import ReceivedFile
from ats_backend.ingest.relay import OutboxRelay
from ats_backend.ingest.service import IngestService

pytestmark = pytest.mark.integration

_MAGIC = {
    PDF: b"%PDF-1.7\n",
    PNG: b"\x89PNG\r\n\x1a\n",
    JPEG: b"\xff\xd8\xff\xe0",
    TIFF: b"II*\x00",
    WEBP: b"RIFF\x00\x00\x00\x00WEBP",
}


def _file(content_type: str) -> ReceivedFile:
    content = _MAGIC[content_type] + uuid.uuid4().hex.encode() * 20
    return ReceivedFile(content, content_type, hashlib.sha256(content).hexdigest())


@pytest.fixture
async def taps(amqp_url: str) -> AsyncIterator[dict[str, aio_pika.abc.AbstractQueue]]:
    """Private queues bound like parse.text and parse.ocr: they see every parse job published
    on each routing key, whoever consumes the real queues."""
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel()
    queues = {}
    for lane in (TEXT_QUEUE, OCR_QUEUE):
        queues[lane] = await channel.declare_queue(exclusive=True)
        await queues[lane].bind(PARSE_EXCHANGE, routing_key=lane)
    try:
        yield queues
    finally:
        await connection.close()


async def _relay_all(app_pool: asyncpg.Pool, amqp_url: str) -> None:
    connection = await connect(amqp_url, "test-routing-relay")
    try:
        relay = OutboxRelay(
            app_pool, await Publisher.open(connection), batch_size=500, poll_seconds=0.1
        )
        while await relay.drain_once():
            pass
    finally:
        await connection.close()


async def _job_ids_seen(
    taps: dict[str, aio_pika.abc.AbstractQueue], wanted: set[str]
) -> dict[str, set[str]]:
    """Message ids per lane, read until every wanted id has arrived and the taps are quiet."""
    seen: dict[str, set[str]] = {lane: set() for lane in taps}
    async with asyncio.timeout(15):
        while True:
            got = False
            for lane, queue in taps.items():
                message = await queue.get(timeout=5, fail=False)
                if message is not None:
                    await message.ack()
                    seen[lane].add(str(message.message_id))
                    got = True
            if not got and wanted <= seen[TEXT_QUEUE] | seen[OCR_QUEUE]:
                return seen
            if not got:
                await asyncio.sleep(0.05)


async def test_image_jobs_go_to_the_ocr_lane_and_the_rest_to_the_text_lane(
    app_pool: asyncpg.Pool, amqp_url: str, taps: dict[str, aio_pika.abc.AbstractQueue]
) -> None:
    service = IngestService(app_pool)
    tenant = uuid.uuid4()
    jobs = {}
    for content_type in (PDF, PNG, JPEG, TIFF, WEBP):
        outcome = await service.accept(
            tenant, _file(content_type), filename="cv", idempotency_key="", part_index=0
        )
        jobs[content_type] = str(outcome.job.id)
    await _relay_all(app_pool, amqp_url)

    seen = await _job_ids_seen(taps, set(jobs.values()))
    images = {jobs[kind] for kind in (PNG, JPEG, TIFF, WEBP)}
    assert images <= seen[OCR_QUEUE]
    assert not images & seen[TEXT_QUEUE]
    assert jobs[PDF] in seen[TEXT_QUEUE]
    assert jobs[PDF] not in seen[OCR_QUEUE]
    for job_id in jobs.values():  # a parser consuming the real queues later skips them
        await service.finish_job(
            tenant, uuid.UUID(job_id), JobStatus.FAILED, reason="test", detail=""
        )


async def test_a_job_being_parsed_can_be_fetched_again_by_the_ocr_lane(
    app_pool: asyncpg.Pool,
) -> None:
    # The text lane fetches the job (status parsing), finds the PDF scanned and moves it to
    # the OCR lane, which fetches the same job again.
    service = IngestService(app_pool)
    tenant = uuid.uuid4()
    upload = _file(PDF)
    outcome = await service.accept(
        tenant, upload, filename="scan.pdf", idempotency_key="", part_index=0
    )
    for _ in range(2):
        chunks = [
            chunk
            async for *_, chunk in service.fetch_document(
                tenant, str(outcome.job.document_id), str(outcome.job.id)
            )
        ]
        assert b"".join(chunks) == upload.content
    job = await service.get_job(tenant, str(outcome.job.id))
    assert job.status is JobStatus.PARSING
    assert job.attempts == 2
    # Finished, so a parser consuming the queue later skips it instead of parsing filler.
    await service.finish_job(tenant, outcome.job.id, JobStatus.FAILED, reason="test", detail="")
