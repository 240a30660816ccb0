"""The database protects tenants by construction: catalog checks and direct RLS probes.

Run as the app role the services use, against the migrated test database.
"""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from ats_backend.core.db import tenant_transaction

pytestmark = pytest.mark.integration

# Cross-tenant plumbing that deliberately has no tenant column (see the ingest migration).
NOT_TENANT_DATA = {"outbox", "ats_schema_migrations"}


async def _tables(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
               pg_get_userbyid(c.relowner) AS owner,
               EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                       AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        """
    )


async def test_every_table_is_a_protected_tenant_table_or_declared_plumbing(
    database: dict[str, str],
) -> None:
    conn = await asyncpg.connect(database["owner"])
    try:
        tables = await _tables(conn)
        policies = {
            row["tablename"]: row
            for row in await conn.fetch(
                "SELECT tablename, qual, with_check, permissive FROM pg_policies"
                " WHERE schemaname = 'public'"
            )
        }
    finally:
        await conn.close()
    names = {t["name"] for t in tables}
    assert {"clients", "api_keys", "documents", "parse_jobs", "candidates"} <= names
    for table in tables:
        if table["name"] in NOT_TENANT_DATA:
            assert not table["has_tenant"], f"{table['name']} gained a tenant column: protect it"
            continue
        assert table["has_tenant"] or table["name"] == "clients", table["name"]
        assert table["enabled"], f"RLS not enabled on {table['name']}"
        assert table["forced"], f"RLS not forced on {table['name']}"
        assert table["owner"] == "ats_owner", table["name"]
        policy = policies.get(table["name"])
        assert policy is not None, f"no policy on {table['name']}"
        assert "current_setting('app.tenant_id'::text, true)" in policy["qual"]
        assert "current_setting('app.tenant_id'::text, true)" in policy["with_check"]


async def test_app_role_cannot_bypass_rls(database: dict[str, str]) -> None:
    conn = await asyncpg.connect(database["admin"])
    try:
        role = await conn.fetchrow(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles"
            " WHERE rolname = 'ats_app'"
        )
        owned = await conn.fetchval(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
            " WHERE r.rolname = 'ats_app'"
        )
    finally:
        await conn.close()
    assert role is not None
    assert not role["rolsuper"] and not role["rolbypassrls"]
    assert not role["rolcreaterole"] and not role["rolcreatedb"]
    assert owned == 0


async def _insert_candidate(conn: asyncpg.Connection, tenant: uuid.UUID) -> uuid.UUID:
    candidate_id = uuid.uuid4()
    await conn.execute(
        "INSERT INTO candidates (tenant_id, id, document_id, job_id, profile)"
        " VALUES ($1, $2, $3, $4, '{}')",
        tenant,
        candidate_id,
        uuid.uuid4(),
        uuid.uuid4(),
    )
    return candidate_id


async def test_rows_are_invisible_without_a_tenant_and_across_tenants(
    app_pool: asyncpg.Pool,
) -> None:
    tenant_a, tenant_b = uuid.uuid4(), uuid.uuid4()
    async with tenant_transaction(app_pool, tenant_a) as conn:
        row_a = await _insert_candidate(conn, tenant_a)

    async with app_pool.acquire() as conn:
        # No tenant set at all: fail closed.
        assert await conn.fetchval("SELECT count(*) FROM candidates") == 0
        assert await conn.fetchval("SELECT count(*) FROM clients") == 0

    async with tenant_transaction(app_pool, tenant_b) as conn:
        assert await conn.fetchval("SELECT count(*) FROM candidates WHERE id = $1", row_a) == 0
        updated = await conn.execute("UPDATE candidates SET name = 'x' WHERE id = $1", row_a)
        assert updated == "UPDATE 0"

    async with tenant_transaction(app_pool, tenant_a) as conn:
        assert await conn.fetchval("SELECT count(*) FROM candidates WHERE id = $1", row_a) == 1


async def test_pooled_connection_does_not_carry_the_previous_tenant(
    database: dict[str, str],
) -> None:
    from ats_backend.core.db import create_pool

    pool = await create_pool(database["app"], min_size=1, max_size=1)  # one connection, reused
    try:
        tenant = uuid.uuid4()
        async with tenant_transaction(pool, tenant) as conn:
            await _insert_candidate(conn, tenant)
            assert await conn.fetchval("SELECT count(*) FROM candidates") == 1
        async with pool.acquire() as conn:
            assert await conn.fetchval("SELECT current_setting('app.tenant_id', true)") in (
                None,
                "",
            )
            assert await conn.fetchval("SELECT count(*) FROM candidates") == 0
    finally:
        await pool.close()


async def test_insert_for_another_tenant_fails_with_check(app_pool: asyncpg.Pool) -> None:
    tenant_a, tenant_b = uuid.uuid4(), uuid.uuid4()
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="row-level security"):
        async with tenant_transaction(app_pool, tenant_a) as conn:
            await _insert_candidate(conn, tenant_b)


async def test_api_key_lookup_sees_only_the_presented_key(app_pool: asyncpg.Pool) -> None:
    from ats_backend.tenants.service import TenantsService

    service = TenantsService(app_pool)
    _, _, secret_a = await service.create_client("Client A")
    _, _, secret_b = await service.create_client("Client B")
    principal = await service.resolve_api_key(secret_a)
    async with app_pool.acquire() as conn, conn.transaction():
        from ats_backend.tenants.keys import hash_key

        await conn.execute("SELECT set_config('app.api_key_hash', $1, true)", hash_key(secret_a))
        visible = await conn.fetch("SELECT tenant_id FROM api_keys")
    assert [row["tenant_id"] for row in visible] == [principal.client_id]
    assert (await service.resolve_api_key(secret_b)).client_id != principal.client_id
