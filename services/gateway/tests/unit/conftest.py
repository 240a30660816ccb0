"""Fixtures: a gateway app in front of a fake tenants stub (fakes.py), so the auth routes and
the tenants-backed routes are tested through HTTP without a tenants service."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from ats_backend.gateway.app import access_tokens, create_app
from ats_backend.gateway.auth import Authenticator
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb
from services.gateway.tests.unit.fakes import (
    ADMIN_TOKEN,
    CLIENT,
    KEY_ID,
    FakeBackends,
    FakeTenants,
    Gateway,
    settings,
)


@pytest.fixture
def tenants() -> FakeTenants:
    fake = FakeTenants()
    fake.answers["ResolveApiKey"] = pb.ResolveApiKeyResponse(
        client_id=CLIENT, key_id=KEY_ID, role="client_admin"
    )
    fake.answers["ResolveSession"] = pb.ResolveSessionResponse(role="recruiter")
    return fake


@pytest.fixture
async def gateway(tenants: FakeTenants) -> AsyncIterator[Gateway]:
    config = settings(auth_cache_seconds=60.0)
    app = create_app(config)
    # What the lifespan sets, with the fake stub and without Redis.
    app.state.settings = config
    app.state.backends = FakeBackends(tenants)
    app.state.access_tokens = access_tokens(config)
    app.state.authenticator = Authenticator(
        tenants,  # type: ignore[arg-type]
        ADMIN_TOKEN,
        app.state.access_tokens,
        config.auth_cache_seconds,
        config.grpc_timeout_seconds,
    )
    app.state.rate_limiter = None
    app.state.login_throttle = None
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("203.0.113.7", 5555)),
        base_url="http://gateway",
    ) as http:
        yield Gateway(app, http, tenants)
