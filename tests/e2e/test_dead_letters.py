"""Messages that cannot be processed end as failed jobs with a reason, through the broker's
real dead-lettering: nothing accepted stays queued forever."""

from __future__ import annotations

import asyncio
import time
import uuid

import aio_pika
import pytest

from ats_backend.core.messaging.topology import DEAD_EVENTS_QUEUE, DLX_EXCHANGE, TEXT_QUEUE
from ats_backend.proto.events.v1 import events_pb2
from scripts.stack import Stack
from tests.support.api import Api
from tests.support.resumes import resume_pdf, unique_person

pytestmark = pytest.mark.e2e


async def _reject_next_parse_job(amqp_url: str, job_id: str) -> None:
    """Take the job's message off parse.text and reject it as a worker giving up would: the
    broker dead-letters it to parse.dead."""
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        queue = await channel.get_queue(TEXT_QUEUE, ensure=False)
        async with asyncio.timeout(20):
            while True:
                message = await queue.get(fail=False)
                if message is None:
                    await asyncio.sleep(0.1)
                    continue
                if message.message_id == job_id:
                    await message.reject(requeue=False)
                    return
                await message.nack(requeue=True)
    finally:
        await connection.close()


def _wait_status(api: Api, job_id: str, status: str, timeout: float = 30) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, object] = api.get(f"/v1/jobs/{job_id}").json()
        if job["status"] == status or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def test_a_dead_lettered_parse_job_fails_its_job_and_a_reupload_retries_it(
    stack: Stack, client_a: Api, amqp_url: str
) -> None:
    data = resume_pdf(unique_person(uuid.uuid4().hex))
    stack.stop_service("parser")  # nobody takes the job before the test does
    try:
        upload = client_a.upload_one("dead.pdf", data)
        asyncio.run(_reject_next_parse_job(amqp_url, upload["job"]["id"]))
        job = _wait_status(client_a, upload["job"]["id"], "failed")
        assert job["status"] == "failed", job
        assert job["reason"] == "delivery_limit_exceeded"
        assert job["detail"]
    finally:
        stack.start_service("parser")
        stack.wait_ready(60)

    # Uploading the same bytes again retries the document: same document, a new job.
    again = client_a.upload_one("dead.pdf", data)
    assert again["duplicate"] is True
    assert again["document_id"] == upload["document_id"]
    assert again["job"]["id"] != upload["job"]["id"]
    assert client_a.wait_job(again["job"]["id"])["status"] == "parsed"


def test_a_parse_result_that_could_not_be_stored_fails_its_job(
    stack: Stack, client_a: Api, amqp_url: str
) -> None:
    async def dead_letter(message: events_pb2.ResumeParsed) -> None:
        """Arrive in events.dead as a ResumeParsed that candidates gave up on would."""
        connection = await aio_pika.connect(amqp_url)
        try:
            channel = await connection.channel(publisher_confirms=True)
            exchange = await channel.get_exchange(DLX_EXCHANGE, ensure=False)
            await exchange.publish(
                aio_pika.Message(message.SerializeToString(), type=message.DESCRIPTOR.full_name),
                routing_key=DEAD_EVENTS_QUEUE,
                mandatory=True,
            )
        finally:
            await connection.close()

    stack.stop_service("parser")  # the job stays queued while the dead letter arrives
    try:
        upload = client_a.upload_one("lost.pdf", resume_pdf(unique_person(uuid.uuid4().hex)))
        message = events_pb2.ResumeParsed(
            tenant_id=client_a.client_id,
            job_id=upload["job"]["id"],
            document_id=upload["document_id"],
            profile_json=b"{}",
        )
        asyncio.run(dead_letter(message))
        job = _wait_status(client_a, upload["job"]["id"], "failed")
        assert job["status"] == "failed", job
        assert job["reason"] == "profile_not_stored"
    finally:
        stack.start_service("parser")
        stack.wait_ready(60)
