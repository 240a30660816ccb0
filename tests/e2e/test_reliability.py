"""Nothing accepted is lost or duplicated: broker outage, a killed worker, repeated messages."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import urllib.request
import uuid

import aio_pika
import pytest
from google.protobuf.message import Message

from ats_backend.core.messaging.topology import (
    EVENTS_EXCHANGE,
    PARSE_EXCHANGE,
    RK_RESUME_PARSED,
    TEXT_QUEUE,
)
from ats_backend.proto.events.v1 import events_pb2
from scripts.stack import Stack
from tests.support.api import Api
from tests.support.resumes import resume_pdf, unique_person
from tests.support.tcp_proxy import TcpProxy

pytestmark = pytest.mark.e2e


def test_upload_accepted_while_the_broker_is_unreachable_is_parsed_once_it_is_back(
    stack: Stack, client_a: Api, broker_proxy: TcpProxy
) -> None:
    broker_proxy.cut()
    try:
        upload = client_a.upload_one("outage.pdf", resume_pdf(unique_person(uuid.uuid4().hex)))
        time.sleep(1.5)
        job = client_a.get(f"/v1/jobs/{upload['job']['id']}").json()
        assert job["status"] == "queued"  # accepted and durable, but not yet published
    finally:
        broker_proxy.restore()
    job = client_a.wait_job(upload["job"]["id"], timeout=60)
    assert job["status"] == "parsed", job
    assert client_a.get(f"/v1/candidates/{job['candidate_id']}").status_code == 200


def _slow_resume(tag: str) -> bytes:
    # Many dense pages, so parsing takes long enough to kill the worker in the middle of it.
    return resume_pdf(unique_person(tag), pages=50, filler_lines=55)


def test_a_worker_killed_mid_job_loses_nothing(stack: Stack, client_a: Api) -> None:
    stack.stop_service("parser")
    try:
        upload = client_a.upload_one("slow.pdf", _slow_resume(uuid.uuid4().hex))
        victim = stack.start_service("parser", name="parser-victim")
        deadline = time.monotonic() + 60
        while client_a.get(f"/v1/jobs/{upload['job']['id']}").json()["status"] != "parsing":
            assert time.monotonic() < deadline, "the job never started"
            time.sleep(0.02)
        os.killpg(victim.pid, signal.SIGKILL)  # the whole pod: worker and its parse processes
        victim.wait()
        stack.processes.pop("parser-victim")
    finally:
        stack.start_service("parser")
        stack.wait_ready(60)
    job = client_a.wait_job(upload["job"]["id"], timeout=60)
    assert job["status"] == "parsed", job
    assert job["attempts"] >= 2  # fetched by the victim, then again after redelivery
    candidates = client_a.list_all("/v1/candidates")
    assert sum(1 for c in candidates if c["document_id"] == upload["document_id"]) == 1


async def _publish(
    amqp_url: str, exchange: str, routing_key: str, message: Message, tenant: str
) -> None:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel(publisher_confirms=True)
        target = await channel.get_exchange(exchange, ensure=False)
        await target.publish(
            aio_pika.Message(
                message.SerializeToString(),
                type=message.DESCRIPTOR.full_name,
                headers={"x-tenant-id": tenant},
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            ),
            routing_key=routing_key,
            mandatory=True,
        )
    finally:
        await connection.close()


def _parser_metric(stack: Stack, series: str) -> float:
    port = stack.env["ATS_PARSER_METRICS_PORT"]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        for line in response.read().decode().splitlines():
            if line.startswith(series + " "):
                return float(line.split()[-1])
    return 0.0


def test_a_duplicated_parse_job_for_a_finished_job_is_skipped(
    stack: Stack, client_a: Api, amqp_url: str
) -> None:
    upload = client_a.upload_one("twice.pdf", resume_pdf(unique_person(uuid.uuid4().hex)))
    job = client_a.wait_job(upload["job"]["id"])
    assert job["status"] == "parsed"
    before = client_a.list_all("/v1/candidates")
    skipped = 'ats_parse_jobs_total{outcome="skipped"}'
    skipped_before = _parser_metric(stack, skipped)

    # The parse job again, as when an outbox row is published twice.
    request = events_pb2.ParseRequested(
        tenant_id=client_a.client_id,
        job_id=job["id"],
        document_id=upload["document_id"],
        content_type="application/pdf",
    )
    asyncio.run(_publish(amqp_url, PARSE_EXCHANGE, TEXT_QUEUE, request, request.tenant_id))
    deadline = time.monotonic() + 20
    while _parser_metric(stack, skipped) < skipped_before + 1:
        assert time.monotonic() < deadline, "the duplicate parse job was never consumed"
        time.sleep(0.1)

    after = client_a.get(f"/v1/jobs/{job['id']}").json()
    assert after["status"] == "parsed"
    assert after["attempts"] == job["attempts"]  # not fetched and parsed a second time
    assert after["candidate_id"] == job["candidate_id"]
    assert len(client_a.list_all("/v1/candidates")) == len(before)


def test_a_duplicated_parse_result_updates_the_same_candidate(
    stack: Stack, client_a: Api, amqp_url: str
) -> None:
    upload = client_a.upload_one("again.pdf", resume_pdf(unique_person(uuid.uuid4().hex)))
    job = client_a.wait_job(upload["job"]["id"])
    assert job["status"] == "parsed"
    original = client_a.get(f"/v1/candidates/{job['candidate_id']}").json()
    before = client_a.list_all("/v1/candidates")

    parsed = events_pb2.ResumeParsed(
        tenant_id=client_a.client_id,
        job_id=job["id"],
        document_id=upload["document_id"],
        profile_json=b'{"basics": {"name": "Jane Doe", "email": "changed@example.com"}}',
    )
    asyncio.run(_publish(amqp_url, EVENTS_EXCHANGE, RK_RESUME_PARSED, parsed, parsed.tenant_id))

    deadline = time.monotonic() + 20
    while True:
        current = client_a.get(f"/v1/candidates/{job['candidate_id']}").json()
        if current["profile"]["basics"].get("email") == "changed@example.com":
            break
        assert time.monotonic() < deadline, "the duplicate ResumeParsed was never applied"
        time.sleep(0.1)
    assert len(client_a.list_all("/v1/candidates")) == len(before)
    assert current["id"] == original["id"]  # same candidate, updated in place
    assert client_a.get(f"/v1/jobs/{job['id']}").json()["status"] == "parsed"
