"""Rate limits per client and per key, against the real Redis (never a fake): the headers,
429 with Retry-After and a problem body, one budget shared by two gateway replicas, client
and key budgets independent, and failing open when Redis is down.

The gateway is the real app (``create_app``: routers, problem table, middleware) with fake
gRPC backends and a fake authenticator. Each test uses its own key prefix in Redis
(ATS_TEST_REDIS_URL, database 15 by default) and deletes its keys afterwards.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import redis.asyncio as redis
from fastapi import FastAPI, Request
from prometheus_client import REGISTRY

from ats_backend.core.errors import Unauthenticated
from ats_backend.gateway.app import create_app, rate_limiter
from ats_backend.gateway.auth import ADMIN_PRINCIPAL, Principal
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.ratelimit import RateLimiter
from ats_backend.proto.ingest.v1 import ingest_pb2

pytestmark = pytest.mark.integration

REDIS_URL = os.environ.get("ATS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
KEY_LIMIT = 5
CLIENT_LIMIT = 8

# Bearer token -> who it is: client A has two keys, client B one.
CALLERS = {
    "a1": Principal(kind="api_key", id="key-a1", role="recruiter", client_id="client-a"),
    "a2": Principal(kind="api_key", id="key-a2", role="recruiter", client_id="client-a"),
    "b1": Principal(kind="api_key", id="key-b1", role="recruiter", client_id="client-b"),
    "admin": ADMIN_PRINCIPAL,
}


class FakeIngest:
    async def ListJobs(
        self,
        request: ingest_pb2.ListJobsRequest,
        *,
        timeout: float,  # noqa: ASYNC109 - the stub's signature: a gRPC deadline
        metadata: Any,
    ) -> ingest_pb2.ListJobsResponse:
        return ingest_pb2.ListJobsResponse()


@dataclass
class FakeBackends:
    ingest: FakeIngest


async def authenticate(request: Request) -> Principal:
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    if token not in CALLERS:
        raise Unauthenticated("unknown key", reason="invalid_credentials")
    return CALLERS[token]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def prefix() -> AsyncIterator[str]:
    """A key prefix of this test's own; its keys are deleted afterwards."""
    name = f"ats-test:ratelimit:{uuid.uuid4().hex}"
    yield name
    store = redis.Redis.from_url(REDIS_URL)
    try:
        keys = [key async for key in store.scan_iter(match=f"{name}:*")]
        if keys:
            await store.delete(*keys)
    finally:
        await store.aclose()


Replica = Callable[..., httpx.AsyncClient]


@pytest.fixture
async def replica(prefix: str) -> AsyncIterator[Replica]:
    """Builds gateway replicas: each its own app and limiter (own Redis connections)."""
    limiters: list[RateLimiter] = []
    clients: list[httpx.AsyncClient] = []

    def build(**overrides: Any) -> httpx.AsyncClient:
        values: dict[str, Any] = {
            "redis_url": REDIS_URL,
            "rate_limit_key_prefix": prefix,
            "rate_limit_client_per_minute": CLIENT_LIMIT,
            "rate_limit_key_per_minute": KEY_LIMIT,
            **overrides,
        }
        settings = GatewaySettings(
            database_url="postgresql://unused",
            amqp_url="amqp://unused",
            platform_admin_token="x" * 32,
            jwt_keys="test:" + "k" * 32,
            **values,
        )
        app: FastAPI = create_app(settings)
        # What the lifespan would set, with fakes for the gRPC side.
        app.state.settings = settings
        app.state.backends = FakeBackends(FakeIngest())
        app.state.authenticator = authenticate
        app.state.rate_limiter = rate_limiter(settings)
        if app.state.rate_limiter is not None:
            limiters.append(app.state.rate_limiter)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw")
        clients.append(client)
        return client

    yield build
    for client in clients:
        await client.aclose()
    for limiter in limiters:
        await limiter.close()


async def get_jobs(gateway: httpx.AsyncClient, token: str) -> httpx.Response:
    return await gateway.get("/v1/jobs", headers={"Authorization": f"Bearer {token}"})


def limits(response: httpx.Response) -> tuple[int, int, int]:
    return (
        int(response.headers["X-RateLimit-Limit"]),
        int(response.headers["X-RateLimit-Remaining"]),
        int(response.headers["X-RateLimit-Reset"]),
    )


def metric(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


async def test_headers_count_down_then_429_with_retry_after(replica: Replica) -> None:
    gateway = replica()
    seen = []
    for _ in range(KEY_LIMIT):
        response = await get_jobs(gateway, "b1")
        assert response.status_code == 200, response.text
        seen.append(limits(response))
    assert [remaining for _, remaining, _ in seen] == [4, 3, 2, 1, 0]
    assert all(limit == KEY_LIMIT for limit, _, _ in seen)
    assert all(1 <= reset <= 60 for _, _, reset in seen)

    refused_before = metric("ats_rate_limited_total", {"scope": "key"})
    response = await get_jobs(gateway, "b1")
    assert response.status_code == 429
    assert response.headers["content-type"] == "application/problem+json"
    retry_after = int(response.headers["Retry-After"])
    # One request's worth of budget comes back every 60 / 5 = 12 seconds.
    assert 1 <= retry_after <= 12
    assert limits(response)[:2] == (KEY_LIMIT, 0)
    body = response.json()
    assert body["status"] == 429
    assert body["reason"] == "rate_limited"
    assert body["type"].endswith("/rate_limited")
    assert body["title"] == "Too many requests"
    assert "per key" in body["detail"]
    assert "request_id" in body
    assert response.headers["X-Request-ID"]
    assert metric("ats_rate_limited_total", {"scope": "key"}) == refused_before + 1


async def test_errors_of_a_limited_route_carry_the_headers_too(replica: Replica) -> None:
    gateway = replica()
    response = await gateway.get("/v1/jobs?limit=0", headers={"Authorization": "Bearer a1"})
    assert response.status_code == 422
    assert limits(response)[:2] == (KEY_LIMIT, KEY_LIMIT - 1)


async def test_unauthenticated_and_monitoring_are_not_limited(replica: Replica) -> None:
    gateway = replica()
    response = await get_jobs(gateway, "nobody")
    assert response.status_code == 401
    assert "X-RateLimit-Limit" not in response.headers
    response = await gateway.get("/monitoring/liveness")
    assert response.status_code == 200
    assert "X-RateLimit-Limit" not in response.headers


async def test_two_replicas_share_one_budget(replica: Replica) -> None:
    first, second = replica(), replica()
    answers = [await get_jobs(gateway, "b1") for gateway in (first, second) * 3]
    assert [r.status_code for r in answers] == [200] * KEY_LIMIT + [429]
    assert [limits(r)[1] for r in answers] == [4, 3, 2, 1, 0, 0]


async def test_concurrent_requests_on_two_replicas_never_overshoot(replica: Replica) -> None:
    first, second = replica(), replica()
    answers = await asyncio.gather(*(get_jobs(gateway, "b1") for gateway in (first, second) * 10))
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200] * KEY_LIMIT + [429] * (20 - KEY_LIMIT)
    remaining = sorted(limits(r)[1] for r in answers if r.status_code == 200)
    assert remaining == [0, 1, 2, 3, 4]


async def test_key_and_client_budgets_are_independent(replica: Replica) -> None:
    gateway = replica()
    for _ in range(KEY_LIMIT):
        assert (await get_jobs(gateway, "a1")).status_code == 200
    assert (await get_jobs(gateway, "a1")).status_code == 429  # key a1 spent

    # Another key of the same client has its own key budget but shares the client's 8, of
    # which 5 are gone: the client's budget is the tighter one and decides the headers.
    response = await get_jobs(gateway, "a2")
    assert response.status_code == 200
    assert limits(response)[:2] == (CLIENT_LIMIT, 2)
    for _ in range(2):
        assert (await get_jobs(gateway, "a2")).status_code == 200
    refused_before = metric("ats_rate_limited_total", {"scope": "client"})
    response = await get_jobs(gateway, "a2")
    assert response.status_code == 429
    assert limits(response)[:2] == (CLIENT_LIMIT, 0)
    assert "per client" in response.json()["detail"]
    assert metric("ats_rate_limited_total", {"scope": "client"}) == refused_before + 1

    # Client B is untouched by all of it.
    response = await get_jobs(gateway, "b1")
    assert response.status_code == 200
    assert limits(response)[:2] == (KEY_LIMIT, KEY_LIMIT - 1)


async def test_refused_requests_cost_no_budget(replica: Replica) -> None:
    gateway = replica()
    for _ in range(KEY_LIMIT):
        await get_jobs(gateway, "a1")
    for _ in range(3):
        assert (await get_jobs(gateway, "a1")).status_code == 429
    # Client A spent 5 of 8 on a1; the three refusals took nothing from it.
    response = await get_jobs(gateway, "a2")
    assert limits(response)[:2] == (CLIENT_LIMIT, 2)


async def test_budget_comes_back_over_time(prefix: str) -> None:
    limiter = RateLimiter(
        REDIS_URL, client_per_minute=2, key_per_minute=2, prefix=prefix, period_seconds=1
    )
    caller = CALLERS["b1"]
    try:
        first, second, third = [await limiter.check(caller) for _ in range(3)]
        assert first is not None and first.allowed and first.remaining == 1
        assert second is not None and second.allowed and second.remaining == 0
        assert third is not None and not third.allowed and third.retry_after == 1
        await asyncio.sleep(0.6)  # one request's worth (0.5 s) has come back
        again = await limiter.check(caller)
        assert again is not None and again.allowed and again.remaining == 0
    finally:
        await limiter.close()


async def test_platform_admin_is_limited_as_a_key(replica: Replica) -> None:
    gateway = replica()
    response = await gateway.get("/v1/jobs", headers={"Authorization": "Bearer admin"})
    assert response.status_code == 403  # the admin acts for no client; still counted
    assert limits(response)[:2] == (KEY_LIMIT, KEY_LIMIT - 1)


async def test_redis_down_fails_open_with_a_warning_and_a_metric(
    replica: Replica, caplog: pytest.LogCaptureFixture
) -> None:
    gateway = replica(redis_url=f"redis://127.0.0.1:{closed_port()}/0")
    errors_before = metric("ats_rate_limit_store_errors_total")
    with caplog.at_level(logging.WARNING, logger="ats_backend.gateway.ratelimit"):
        answers = [await get_jobs(gateway, "b1") for _ in range(KEY_LIMIT + 3)]
    assert [r.status_code for r in answers] == [200] * (KEY_LIMIT + 3)
    assert all("X-RateLimit-Limit" not in r.headers for r in answers)
    assert metric("ats_rate_limit_store_errors_total") == errors_before + KEY_LIMIT + 3
    warnings = [r for r in caplog.records if "rate-limit store unreachable" in r.getMessage()]
    assert len(warnings) == 1  # logged once, not once per request


async def test_disabled_means_no_limit_and_no_headers(replica: Replica) -> None:
    gateway = replica(rate_limit_enabled=False)
    answers = [await get_jobs(gateway, "b1") for _ in range(KEY_LIMIT + 1)]
    assert [r.status_code for r in answers] == [200] * (KEY_LIMIT + 1)
    assert all("X-RateLimit-Limit" not in r.headers for r in answers)
