"""Readiness checks shared by the services (used with ``grpc_server.watch_readiness``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import asyncpg
from aio_pika.abc import AbstractRobustConnection

__all__ = ["broker_check", "database_check"]


def database_check(pool: asyncpg.Pool) -> Callable[[], Awaitable[None]]:
    async def check() -> None:
        async with pool.acquire() as conn:
            await conn.fetchval("SELECT 1")

    return check


def broker_check(connection: AbstractRobustConnection) -> Callable[[], Awaitable[None]]:
    async def check() -> None:
        if connection.is_closed:
            raise ConnectionError("broker connection is closed")

    return check
