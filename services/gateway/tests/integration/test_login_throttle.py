"""The per-source-IP login throttle against the real Redis: once an address has used up its
failures, attempts get 429 with Retry-After before tenants is asked; successful logins spend
nothing; other addresses are unaffected, replicas share the budget, and an unreachable Redis
fails open (the account lockout in tenants still holds).
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import redis.asyncio as redis
from prometheus_client import REGISTRY

from ats_backend.core.errors import Unauthenticated
from ats_backend.gateway.app import access_tokens, create_app, login_throttle
from ats_backend.gateway.ratelimit import LoginThrottle
from services.gateway.tests.unit.fakes import (
    CLIENT,
    FakeBackends,
    FakeTenants,
    logged_in,
    settings,
)

pytestmark = pytest.mark.integration

REDIS_URL = os.environ.get("ATS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
LIMIT = 3
BODY = {"client_id": CLIENT, "email": "ada@example.com", "password": "wrong-password"}


def metric(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def prefix() -> AsyncIterator[str]:
    name = f"ats-test:login:{uuid.uuid4().hex}"
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
async def replica(prefix: str) -> AsyncIterator[tuple[Replica, FakeTenants]]:
    tenants = FakeTenants()
    tenants.answers["Login"] = Unauthenticated("no", reason="invalid_credentials")
    throttles: list[LoginThrottle] = []
    clients: list[httpx.AsyncClient] = []

    def build(ip: str = "198.51.100.1", **overrides: Any) -> httpx.AsyncClient:
        values: dict[str, Any] = {
            "redis_url": REDIS_URL,
            "rate_limit_key_prefix": prefix,
            "login_per_ip_per_minute": LIMIT,
            **overrides,
        }
        config = settings(**values)
        app = create_app(config)
        app.state.settings = config
        app.state.backends = FakeBackends(tenants)
        app.state.access_tokens = access_tokens(config)
        app.state.login_throttle = login_throttle(config)
        throttles.append(app.state.login_throttle)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, client=(ip, 1234)), base_url="http://gw"
        )
        clients.append(client)
        return client

    yield build, tenants
    for client in clients:
        await client.aclose()
    for throttle in throttles:
        await throttle.close()


async def test_past_the_limit_is_429_without_asking_tenants(
    replica: tuple[Replica, FakeTenants],
) -> None:
    build, tenants = replica
    gateway = build()
    throttled_before = metric(
        "ats_auth_failures_total", {"method": "password", "reason": "throttled"}
    )
    answers = [await gateway.post("/v1/auth/login", json=BODY) for _ in range(LIMIT + 2)]
    assert [r.status_code for r in answers] == [401] * LIMIT + [429, 429]
    assert len(tenants.called("Login")) == LIMIT
    refused = answers[-1]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60 // LIMIT
    assert refused.json()["reason"] == "rate_limited"
    assert "failed logins" in refused.json()["detail"]
    assert (
        metric("ats_auth_failures_total", {"method": "password", "reason": "throttled"})
        == throttled_before + 2
    )

    # Another address has its own budget.
    other = build(ip="198.51.100.2")
    assert (await other.post("/v1/auth/login", json=BODY)).status_code == 401


async def test_replicas_share_the_budget(replica: tuple[Replica, FakeTenants]) -> None:
    build, _ = replica
    first, second = build(), build()
    answers = [await gw.post("/v1/auth/login", json=BODY) for gw in (first, second) * 2]
    assert [r.status_code for r in answers] == [401] * LIMIT + [429]


async def test_only_failures_spend_the_budget(replica: tuple[Replica, FakeTenants]) -> None:
    """An office behind one NAT address logs in all day without being throttled; its
    failures still count, and a success refunds none of them."""
    build, tenants = replica
    gateway = build(ip="198.51.100.3")
    tenants.answers["Login"] = logged_in()
    for _ in range(LIMIT * 3):
        assert (await gateway.post("/v1/auth/login", json=BODY)).status_code == 200
    tenants.answers["Login"] = Unauthenticated("no", reason="invalid_credentials")
    for _ in range(LIMIT - 1):
        assert (await gateway.post("/v1/auth/login", json=BODY)).status_code == 401
    tenants.answers["Login"] = logged_in()
    assert (await gateway.post("/v1/auth/login", json=BODY)).status_code == 200
    tenants.answers["Login"] = Unauthenticated("no", reason="invalid_credentials")
    assert (await gateway.post("/v1/auth/login", json=BODY)).status_code == 401
    tenants.answers["Login"] = logged_in()  # even the right password waits now
    assert (await gateway.post("/v1/auth/login", json=BODY)).status_code == 429


async def test_redis_down_fails_open(replica: tuple[Replica, FakeTenants]) -> None:
    build, tenants = replica
    gateway = build(redis_url=f"redis://127.0.0.1:{closed_port()}/0")
    errors_before = metric("ats_rate_limit_store_errors_total")
    answers = [await gateway.post("/v1/auth/login", json=BODY) for _ in range(LIMIT + 2)]
    assert [r.status_code for r in answers] == [401] * (LIMIT + 2)
    assert len(tenants.called("Login")) == LIMIT + 2
    # Each failed login asks twice (may it try? then: count the failure); both fail open.
    assert metric("ats_rate_limit_store_errors_total") == errors_before + 2 * (LIMIT + 2)
