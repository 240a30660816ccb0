"""Schema migrations, applied by the owner role (never the app role the services run as).

Each service ships ``migrations/NNNN_name.sql`` files inside its package. ``migrate()`` applies
the ones not yet recorded in ``ats_schema_migrations``, each in its own transaction, under an
advisory lock so two migrate jobs started together (two Helm hooks, say) do not race.
``{app_role}`` in a file is replaced by the quoted app role name, for GRANTs.
"""

from __future__ import annotations

import logging
import re
from importlib import resources
from importlib.resources.abc import Traversable

import asyncpg

__all__ = ["migrate", "pending"]

log = logging.getLogger(__name__)

_LOCK_KEY = 0x415453  # "ATS": one advisory lock for all services' migrations.
_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS ats_schema_migrations (
    service text NOT NULL,
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service, version)
)
"""


def _files(package: str) -> list[tuple[int, Traversable]]:
    directory = resources.files(package)
    found = []
    for entry in directory.iterdir():
        match = _FILE.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry))
    return sorted(found, key=lambda item: item[0])


async def pending(conn: asyncpg.Connection, service: str, package: str) -> list[str]:
    await conn.execute(_BOOKKEEPING)
    done = {
        row["version"]
        for row in await conn.fetch(
            "SELECT version FROM ats_schema_migrations WHERE service = $1", service
        )
    }
    return [entry.name for version, entry in _files(package) if version not in done]


async def migrate(dsn: str, service: str, package: str, *, app_role: str = "ats_app") -> list[str]:
    """Apply ``package``'s pending migrations for ``service``; returns the files applied."""
    conn = await asyncpg.connect(dsn)
    applied: list[str] = []
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", _LOCK_KEY)
        try:
            await conn.execute(_BOOKKEEPING)
            done = {
                row["version"]
                for row in await conn.fetch(
                    "SELECT version FROM ats_schema_migrations WHERE service = $1", service
                )
            }
            quoted_role = '"' + app_role.replace('"', '""') + '"'
            for version, entry in _files(package):
                if version in done:
                    continue
                sql = entry.read_text(encoding="utf-8").replace("{app_role}", quoted_role)
                async with conn.transaction():
                    await conn.execute(sql)
                    await conn.execute(
                        "INSERT INTO ats_schema_migrations (service, version, name)"
                        " VALUES ($1, $2, $3)",
                        service,
                        version,
                        entry.name,
                    )
                log.info("migration applied", extra={"migration": f"{service}/{entry.name}"})
                applied.append(entry.name)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", _LOCK_KEY)
    finally:
        await conn.close()
    return applied
