"""The client status cache: one tenants call per client per cache period; only answers are
cached; a missing client and an unreachable tenants come out as the errors the worker acts on."""

from __future__ import annotations

from typing import Any, cast

import grpc
import pytest

from ats_backend.core.errors import NotFound, Unavailable
from ats_backend.parser.client_status import ClientStatusCache
from ats_backend.proto.tenants.v1 import tenants_pb2, tenants_pb2_grpc

CLIENT = "7f1c0c4e-2d5b-4f5e-9a53-0d4f1d2b8a10"


class FakeTenants:
    """Stands in for the async stub: answers from ``active``, or raises ``error``."""

    def __init__(self) -> None:
        self.active: dict[str, bool] = {CLIENT: True}
        self.error: grpc.aio.AioRpcError | None = None
        self.calls: list[tuple[str, float | None]] = []

    async def GetClientStatus(
        self, request: tenants_pb2.GetClientStatusRequest, **kwargs: Any
    ) -> tenants_pb2.GetClientStatusResponse:
        self.calls.append((request.client_id, kwargs.get("timeout")))
        if self.error is not None:
            raise self.error
        if request.client_id not in self.active:
            raise _rpc_error(grpc.StatusCode.NOT_FOUND, "client not found", "not_found")
        return tenants_pb2.GetClientStatusResponse(is_active=self.active[request.client_id])


def _rpc_error(code: grpc.StatusCode, details: str, reason: str | None) -> grpc.aio.AioRpcError:
    trailing = grpc.aio.Metadata(("ats-error-reason", reason)) if reason else grpc.aio.Metadata()
    return grpc.aio.AioRpcError(code, grpc.aio.Metadata(), trailing, details)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _cache(tenants: FakeTenants, clock: Clock, seconds: float = 5) -> ClientStatusCache:
    stub = cast("tenants_pb2_grpc.TenantsServiceAsyncStub", tenants)  # typing-only name
    return ClientStatusCache(stub, cache_seconds=seconds, deadline=2.5, clock=clock)


async def test_an_answer_is_reused_until_the_cache_period_ends() -> None:
    tenants, clock = FakeTenants(), Clock()
    cache = _cache(tenants, clock)
    assert await cache.is_active(CLIENT) is True
    tenants.active[CLIENT] = False  # deactivated: not seen until the cached answer expires
    clock.now += 4.9
    assert await cache.is_active(CLIENT) is True
    assert len(tenants.calls) == 1
    clock.now += 0.2
    assert await cache.is_active(CLIENT) is False
    assert tenants.calls == [(CLIENT, 2.5), (CLIENT, 2.5)]  # always with a deadline


async def test_an_inactive_answer_is_cached_too() -> None:
    tenants, clock = FakeTenants(), Clock()
    tenants.active[CLIENT] = False
    cache = _cache(tenants, clock)
    assert [await cache.is_active(CLIENT) for _ in range(3)] == [False, False, False]
    assert len(tenants.calls) == 1


async def test_clients_are_cached_separately() -> None:
    tenants, clock = FakeTenants(), Clock()
    other = "0b8e7c1a-5f0e-4d55-8a0c-3e9b7f6d2c41"
    tenants.active[other] = False
    cache = _cache(tenants, clock)
    assert (await cache.is_active(CLIENT), await cache.is_active(other)) == (True, False)
    assert (await cache.is_active(CLIENT), await cache.is_active(other)) == (True, False)
    assert [client for client, _ in tenants.calls] == [CLIENT, other]


async def test_a_zero_cache_period_asks_every_time() -> None:
    tenants, clock = FakeTenants(), Clock()
    cache = _cache(tenants, clock, seconds=0)
    for _ in range(3):
        await cache.is_active(CLIENT)
    assert len(tenants.calls) == 3


async def test_an_unknown_client_is_not_found_and_not_cached() -> None:
    tenants, clock = FakeTenants(), Clock()
    cache = _cache(tenants, clock)
    missing = "5a3b0f7e-9c1d-4e2a-8b6f-7d0c9e8a1b23"
    for _ in range(2):
        with pytest.raises(NotFound):
            await cache.is_active(missing)
    assert len(tenants.calls) == 2


@pytest.mark.parametrize(
    "code",
    [grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.UNIMPLEMENTED],
)
async def test_an_unreachable_tenants_is_unavailable_and_nothing_is_cached(
    code: grpc.StatusCode,
) -> None:
    tenants, clock = FakeTenants(), Clock()
    cache = _cache(tenants, clock)
    tenants.error = _rpc_error(code, "down", None)
    with pytest.raises(Unavailable):  # the consumer retries this in place; never "inactive"
        await cache.is_active(CLIENT)
    tenants.error = None
    assert await cache.is_active(CLIENT) is True
    assert len(tenants.calls) == 2
