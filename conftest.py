"""Fixtures shared by every test directory: the real PostgreSQL and RabbitMQ the tests use.

Tests run against a database ``ats_test`` (roles and migrations as in production: migrations
as ``ats_owner``, services as ``ats_app``) and a RabbitMQ vhost ``ats_test`` (made by
``make test``), so a ``make run`` stack on the same machine is not disturbed. Override with
ATS_TEST_ADMIN_URL / ATS_TEST_DATABASE / ATS_TEST_AMQP_URL.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

ADMIN_URL = os.environ.get("ATS_TEST_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
TEST_DATABASE = os.environ.get("ATS_TEST_DATABASE", "ats_test")
AMQP_URL = os.environ.get("ATS_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/ats_test")
APP_URL = f"postgresql://ats_app@127.0.0.1:5432/{TEST_DATABASE}"
OWNER_URL = f"postgresql://ats_owner@127.0.0.1:5432/{TEST_DATABASE}"

MIGRATIONS = (
    ("tenants", "ats_backend.tenants.migrations"),
    ("ingest", "ats_backend.ingest.migrations"),
    ("candidates", "ats_backend.candidates.migrations"),
)


@pytest.fixture(scope="session")
def database() -> dict[str, str]:
    """The migrated test database: URLs of the app role and the owner role."""
    from ats_backend.core.dbsetup import ensure_database
    from ats_backend.core.migrations import migrate

    async def prepare() -> None:
        await ensure_database(ADMIN_URL, TEST_DATABASE)
        for service, package in MIGRATIONS:
            await migrate(OWNER_URL, service, package)

    asyncio.run(prepare())
    return {"app": APP_URL, "owner": OWNER_URL, "admin": ADMIN_URL}


@pytest.fixture(scope="session")
def amqp_url() -> str:
    """The test vhost with the topology declared and every queue emptied."""
    from ats_backend.core.messaging import connect, declare_topology, topology

    async def prepare() -> None:
        # Deleted and declared afresh: each run starts empty and with this version's arguments.
        connection = await connect(AMQP_URL, "tests")
        try:
            channel = await connection.channel()
            for name in topology.ALL_QUEUES:
                await channel.queue_delete(name)
            await declare_topology(channel)
        finally:
            await connection.close()

    asyncio.run(prepare())
    return AMQP_URL


@pytest.fixture
async def app_pool(database: dict[str, str]) -> AsyncIterator[object]:
    from ats_backend.core.db import create_pool

    pool = await create_pool(database["app"], max_size=4)
    try:
        yield pool
    finally:
        await pool.close()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return ROOT / "samples"
