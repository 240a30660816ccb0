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
    tables: list[asyncpg.Record] = await conn.fetch(
        """
        SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
               pg_get_userbyid(c.relowner) AS owner,
               EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                       AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        """
    )
    return tables


_TENANT_CHECK = (
    "(tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)"
)
# The one deliberate widening: a transaction holding a key's hash may see that key's row.
_KEY_LOOKUP = "(key_hash = NULLIF(current_setting('app.api_key_hash'::text, true), ''::text))"
_EXPECTED_USING = {
    "clients": _TENANT_CHECK.replace("tenant_id", "id", 1),
    "api_keys": f"({_TENANT_CHECK} OR {_KEY_LOOKUP})",
}
# Policies for the owner only, so its SECURITY DEFINER ``*_exists_elsewhere`` probes (and the
# platform admin's ``clients_page``) can see every row: reading, owner only, nothing else.
_OWNER_PROBE_USING = "true"
# Indexes whose first column is not tenant_id, each for a reason.
_NOT_TENANT_LED = {"clients_pkey", "api_keys_key_hash"}
# The exists-elsewhere probes look ids up across tenants (as the owner): an index on id alone.
_PROBE_INDEXES = {"candidates_id", "parse_jobs_id", "documents_id", "users_id", "api_keys_id"}
_NOT_TENANT_LED |= _PROBE_INDEXES


async def test_every_table_is_a_protected_tenant_table_or_declared_plumbing(
    database: dict[str, str],
) -> None:
    conn = await asyncpg.connect(database["owner"])
    try:
        tables = await _tables(conn)
        policies: dict[str, list[asyncpg.Record]] = {}
        for row in await conn.fetch(
            "SELECT tablename, policyname, permissive, roles, cmd, qual, with_check"
            " FROM pg_policies WHERE schemaname = 'public'"
        ):
            policies.setdefault(row["tablename"], []).append(row)
        indexes = await conn.fetch(
            "SELECT t.relname AS table_name, i.relname AS index_name,"
            " a.attname AS first_column"
            " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " JOIN pg_class t ON t.oid = x.indrelid"
            " JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'"
            " LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]"
        )
    finally:
        await conn.close()
    names = {t["name"] for t in tables}
    assert {"clients", "api_keys", "documents", "parse_jobs", "candidates"} <= names
    protected = set()
    for table in tables:
        name = table["name"]
        if name in NOT_TENANT_DATA:
            assert not table["has_tenant"], f"{name} gained a tenant column: protect it"
            continue
        protected.add(name)
        assert table["has_tenant"] or name == "clients", name
        assert table["enabled"], f"RLS not enabled on {name}"
        assert table["forced"], f"RLS not forced on {name}"
        assert table["owner"] == "ats_owner", name
        # Exactly one policy for the app role (PUBLIC): permissive policies are OR-ed, so a
        # second one would widen it. Any other is the owner's read-only probe policy.
        table_policies = policies.get(name, [])
        for other in table_policies:
            if other["roles"] != ["public"]:
                assert other["policyname"] == f"{name}_owner_probe", other
                assert other["roles"] == ["ats_owner"] and other["cmd"] == "SELECT", other
                assert other["qual"] == _OWNER_PROBE_USING and other["with_check"] is None
        [policy] = [p for p in table_policies if p["roles"] == ["public"]] or [None]
        assert policy is not None, f"no policy on {name}"
        assert policy["cmd"] == "ALL" and policy["permissive"] == "PERMISSIVE"
        assert policy["qual"] == _EXPECTED_USING.get(name, _TENANT_CHECK), name
        expected_check = _EXPECTED_USING["clients"] if name == "clients" else _TENANT_CHECK
        assert policy["with_check"] == expected_check, name
    for index in indexes:
        if index["table_name"] in protected and index["index_name"] not in _NOT_TENANT_LED:
            assert index["first_column"] == "tenant_id", f"{index['index_name']} not tenant-led"


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
