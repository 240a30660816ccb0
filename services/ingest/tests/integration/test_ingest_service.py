"""Ingest against the real database and broker: accepting uploads and the outbox relay."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import aio_pika
import asyncpg
import pytest

from ats_backend.core.errors import Conflict, NotFound
from ats_backend.core.messaging import Publisher, connect
from ats_backend.core.messaging.topology import PARSE_EXCHANGE, TEXT_QUEUE
from ats_backend.ingest.domain import JobStatus
from ats_backend.ingest.receiver import ReceivedFile
from ats_backend.ingest.relay import OutboxRelay
from ats_backend.ingest.service import IngestService
from ats_backend.proto.events.v1 import events_pb2

pytestmark = pytest.mark.integration


def _file(tag: str) -> ReceivedFile:
    content = b"%PDF-1.7\n" + tag.encode() * 50
    return ReceivedFile(content, "application/pdf", hashlib.sha256(content).hexdigest())


async def _outbox_count(pool: asyncpg.Pool, job_id: uuid.UUID) -> int:
    async with pool.acquire() as conn:
        value = await conn.fetchval(
            "SELECT count(*) FROM outbox WHERE message_id = $1", str(job_id)
        )
    return int(value)


async def test_accept_writes_document_job_and_outbox_together(app_pool: asyncpg.Pool) -> None:
    service = IngestService(app_pool)
    tenant = uuid.uuid4()
    outcome = await service.accept(
        tenant,
        _file(uuid.uuid4().hex),
        filename="../../etc/cv.pdf",
        idempotency_key="",
        part_index=0,
    )
    assert outcome.job.status is JobStatus.QUEUED
    assert outcome.job.filename == "cv.pdf"  # no path components kept
    assert not outcome.duplicate
    assert await _outbox_count(app_pool, outcome.job.id) == 1
    assert (await service.get_job(tenant, str(outcome.job.id))).id == outcome.job.id
    with pytest.raises(NotFound):
        await service.get_job(uuid.uuid4(), str(outcome.job.id))


async def test_duplicates_and_idempotent_replays(app_pool: asyncpg.Pool) -> None:
    service = IngestService(app_pool)
    tenant, tag = uuid.uuid4(), uuid.uuid4().hex
    first = await service.accept(
        tenant, _file(tag), filename="a.pdf", idempotency_key="k1", part_index=0
    )
    duplicate = await service.accept(
        tenant, _file(tag), filename="b.pdf", idempotency_key="", part_index=0
    )
    assert duplicate.duplicate and duplicate.job.id == first.job.id
    assert await _outbox_count(app_pool, first.job.id) == 1  # no second parse for a duplicate

    replay = await service.accept(
        tenant, _file(tag), filename="a.pdf", idempotency_key="k1", part_index=0
    )
    assert replay.idempotent_replay and replay.job.id == first.job.id
    with pytest.raises(Conflict):
        await service.accept(
            tenant, _file("other" + tag), filename="a.pdf", idempotency_key="k1", part_index=0
        )


async def test_concurrent_uploads_of_the_same_bytes_make_one_document(
    app_pool: asyncpg.Pool,
) -> None:
    service = IngestService(app_pool)
    tenant, tag = uuid.uuid4(), uuid.uuid4().hex
    outcomes = await asyncio.gather(
        *(
            service.accept(tenant, _file(tag), filename="a.pdf", idempotency_key="", part_index=0)
            for _ in range(4)
        )
    )
    assert len({o.job.id for o in outcomes}) == 1
    assert sum(not o.duplicate for o in outcomes) == 1


@pytest.fixture
async def tap(amqp_url: str) -> AsyncIterator[aio_pika.abc.AbstractQueue]:
    """A private queue bound like parse.text: sees every parse job published, whoever consumes
    the real queue."""
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel()
    queue = await channel.declare_queue(exclusive=True)
    await queue.bind(PARSE_EXCHANGE, routing_key=TEXT_QUEUE)
    try:
        yield queue
    finally:
        await connection.close()


async def test_relay_publishes_committed_rows_and_empties_the_outbox(
    app_pool: asyncpg.Pool, amqp_url: str, tap: aio_pika.abc.AbstractQueue
) -> None:
    service = IngestService(app_pool)
    tenant = uuid.uuid4()
    outcome = await service.accept(
        tenant, _file(uuid.uuid4().hex), filename="r.pdf", idempotency_key="", part_index=0
    )
    connection = await connect(amqp_url, "test-relay")
    try:
        relay = OutboxRelay(
            app_pool, await Publisher.open(connection), batch_size=500, poll_seconds=0.1
        )
        while await relay.drain_once():
            pass
    finally:
        await connection.close()
    assert await _outbox_count(app_pool, outcome.job.id) == 0

    wanted = str(outcome.job.id)
    async with asyncio.timeout(10):
        while True:
            message = await tap.get(timeout=5, fail=False)
            if message is None:
                await asyncio.sleep(0.05)
                continue
            await message.ack()
            if message.message_id == wanted:
                break
    request = events_pb2.ParseRequested.FromString(message.body)
    assert request.tenant_id == str(tenant)
    assert request.document_id == str(outcome.job.document_id)
    assert message.headers["x-tenant-id"] == str(tenant)
    assert message.delivery_mode == aio_pika.DeliveryMode.PERSISTENT


async def test_concurrent_uploads_with_one_key_and_different_bytes_one_wins(
    app_pool: asyncpg.Pool,
) -> None:
    service = IngestService(app_pool)
    tenant, key = uuid.uuid4(), f"race-{uuid.uuid4()}"
    outcomes = await asyncio.gather(
        *(
            service.accept(
                tenant, _file(f"{key}-{i}"), filename="a.pdf", idempotency_key=key, part_index=0
            )
            for i in range(4)
        ),
        return_exceptions=True,
    )
    accepted = [o for o in outcomes if not isinstance(o, BaseException)]
    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(accepted) == 1, outcomes
    assert all(isinstance(o, Conflict) for o in refused), refused


async def test_start_attempt_reports_a_finished_job_as_finished(app_pool: asyncpg.Pool) -> None:
    service = IngestService(app_pool)
    tenant = uuid.uuid4()
    outcome = await service.accept(
        tenant, _file(uuid.uuid4().hex), filename="r.pdf", idempotency_key="", part_index=0
    )
    await service.finish_job(tenant, outcome.job.id, JobStatus.FAILED, reason="x", detail="y")
    with pytest.raises(Conflict) as caught:
        async for _ in service.fetch_document(
            tenant, str(outcome.job.document_id), str(outcome.job.id)
        ):
            pass
    assert caught.value.reason == "job_finished"
    job = await service.get_job(tenant, str(outcome.job.id))
    assert job.attempts == 0  # a redelivery of a finished job is not an attempt


async def _not_found(call: Callable[[], Awaitable[object]]) -> NotFound:
    with pytest.raises(NotFound) as caught:
        await call()
    return caught.value


async def _fetch(service: IngestService, tenant: uuid.UUID, document: str, job: str) -> None:
    async for _ in service.fetch_document(tenant, document, job):
        pass


async def test_another_tenants_job_is_not_found_with_reason_cross_tenant(
    app_pool: asyncpg.Pool,
) -> None:
    service = IngestService(app_pool)
    owner, intruder = uuid.uuid4(), uuid.uuid4()
    job_id = str(
        (
            await service.accept(
                owner, _file(uuid.uuid4().hex), filename="a.pdf", idempotency_key="", part_index=0
            )
        ).job.id
    )
    cross = await _not_found(lambda: service.get_job(intruder, job_id))
    assert (cross.reason, cross.field, cross.detail) == (
        "cross_tenant",
        "job_id",
        f"job {job_id} not found",
    )
    # A random id is plainly missing, with the very same detail and field.
    random_id = str(uuid.uuid4())
    missing = await _not_found(lambda: service.get_job(owner, random_id))
    assert (missing.reason, missing.field) == ("not_found", "job_id")
    assert missing.detail == cross.detail.replace(job_id, random_id)
    malformed = await _not_found(lambda: service.get_job(owner, "not-a-uuid"))
    assert (malformed.reason, malformed.detail) == ("not_found", "job not-a-uuid not found")
    # The owner still sees it: the probe changed nothing.
    assert str((await service.get_job(owner, job_id)).id) == job_id


async def test_fetching_another_tenants_document_is_not_found_cross_tenant(
    app_pool: asyncpg.Pool,
) -> None:
    service = IngestService(app_pool)
    owner, intruder = uuid.uuid4(), uuid.uuid4()
    job = (
        await service.accept(
            owner, _file(uuid.uuid4().hex), filename="a.pdf", idempotency_key="", part_index=0
        )
    ).job
    mine = (
        await service.accept(
            intruder, _file(uuid.uuid4().hex), filename="b.pdf", idempotency_key="", part_index=0
        )
    ).job
    document, job_id, random_id = str(job.document_id), str(job.id), str(uuid.uuid4())
    answers = {
        "both ids another's": await _not_found(lambda: _fetch(service, intruder, document, job_id)),
        "another's document": await _not_found(
            lambda: _fetch(service, intruder, document, str(mine.id))
        ),
        "another's job": await _not_found(
            lambda: _fetch(service, intruder, str(mine.document_id), job_id)
        ),
        "missing": await _not_found(lambda: _fetch(service, intruder, random_id, random_id)),
        "mismatched own ids": await _not_found(
            lambda: _fetch(service, intruder, str(mine.document_id), random_id)
        ),
        "malformed": await _not_found(lambda: _fetch(service, intruder, "x", job_id)),
    }
    reasons = {case: error.reason for case, error in answers.items()}
    assert reasons == {
        "both ids another's": "cross_tenant",
        "another's document": "cross_tenant",
        "another's job": "cross_tenant",
        "missing": "not_found",
        "mismatched own ids": "not_found",
        "malformed": "not_found",
    }
    assert {(error.detail, error.field) for error in answers.values()} == {
        ("document not found", "document_id")
    }
    # Nothing was started: neither job counted an attempt.
    assert (await service.get_job(owner, job_id)).attempts == 0
    assert (await service.get_job(intruder, str(mine.id))).attempts == 0
