"""Tenant isolation enforced by PostgreSQL itself, for every tenant table, as the app role.

The tables come from the catalog (every table with a ``tenant_id`` column or row-level
security on), not from a list here, so a table a migration adds is covered at once: ``_rows``
must then gain a minimal valid row for it, and until it does every test here fails naming the
table. Likewise every ``*_exists_elsewhere`` probe function found is exercised.

Each test uses fresh tenants (random ids), so rows left by other tests or an earlier run in the
shared test database never change an answer: counts are taken per tenant, or with no tenant
(where the answer must be zero whatever the table holds).
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid

import asyncpg
import pytest

from ats_backend.core.db import create_pool, tenant_transaction
from ats_backend.core.rls_audit import audit

pytestmark = pytest.mark.integration

RLS_VIOLATION = "new row violates row-level security policy"
NO_PRIVILEGE = "permission denied"

# The table that is the tenant itself: no tenant_id column, its own id is the tenant's.
TENANT_TABLE_KEYS = {"clients": "id"}

# Probe functions (see the ingest and candidates migrations 0002): one per table looked up by id
# through the API. These must exist; any other found is tested the same way.
EXPECTED_PROBES = {
    "candidate_exists_elsewhere": "candidates",
    "parse_job_exists_elsewhere": "parse_jobs",
    "document_exists_elsewhere": "documents",
}


def _rows(tenant: uuid.UUID) -> dict[str, dict[str, object]]:
    """One minimal valid row per tenant table for ``tenant``, in foreign-key order.

    Ids derive from the tenant (uuid5), so rows of one tenant reference each other.
    """

    def key(name: str) -> uuid.UUID:
        return uuid.uuid5(tenant, name)

    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    return {
        "clients": {"id": tenant, "name": "rls test client"},
        "api_keys": {
            "tenant_id": tenant,
            "id": key("api_key"),
            "name": "rls test key",
            "role": "viewer",
            "key_hash": key("api_key_hash").hex,
            "prefix": "ats_test",
        },
        "users": {
            "tenant_id": tenant,
            "id": key("user"),
            "email": f"rls-{tenant.hex}@example.com",
            "name": "RLS Test",
            "role": "viewer",
            "password_hash": "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
        },
        "sessions": {
            "tenant_id": tenant,
            "id": key("session"),
            "user_id": key("user"),
            "expires_at": later,
        },
        "refresh_tokens": {
            "tenant_id": tenant,
            "token_hash": key("refresh_token").hex,
            "session_id": key("session"),
        },
        "audit_events": {
            "tenant_id": tenant,
            "id": key("audit_event"),
            "action": "rls.test",
            "actor_kind": "system",
        },
        "documents": {
            "tenant_id": tenant,
            "id": key("document"),
            "sha256": key("sha256").hex,
            "filename": "cv.pdf",
            "content_type": "application/pdf",
            "size_bytes": 3,
        },
        "document_contents": {
            "tenant_id": tenant,
            "document_id": key("document"),
            "content": b"pdf",
        },
        "parse_jobs": {"tenant_id": tenant, "id": key("parse_job"), "document_id": key("document")},
        "upload_idempotency": {
            "tenant_id": tenant,
            "idempotency_key": "rls-test",
            "part_index": 0,
            "sha256": key("sha256").hex,
            "document_id": key("document"),
            "job_id": key("parse_job"),
            "duplicate": False,
        },
        "candidates": {
            "tenant_id": tenant,
            "id": key("candidate"),
            "document_id": key("document"),
            "job_id": key("parse_job"),
            "profile": "{}",
        },
    }


@dataclasses.dataclass(frozen=True)
class TenantTable:
    name: str
    qualified: str
    """``schema.table``, quoted for SQL."""
    tenant_column: str


_DISCOVER = """
SELECT c.relname AS name, format('%I.%I', n.nspname, c.relname) AS qualified,
       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
               AND a.attname = 'tenant_id' AND a.attnum > 0 AND NOT a.attisdropped)
           AS has_tenant,
       c.relrowsecurity AS rls
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
ORDER BY 1
"""


async def _tenant_tables(conn: asyncpg.Connection) -> list[TenantTable]:
    """Every tenant table in the catalog, in ``_rows`` order; fails loudly on an unknown one."""
    tables: dict[str, TenantTable] = {}
    for row in await conn.fetch(_DISCOVER):
        if not (row["has_tenant"] or row["rls"]):
            continue
        name = row["name"]
        column = "tenant_id" if row["has_tenant"] else TENANT_TABLE_KEYS.get(name)
        if column is None:
            pytest.fail(f"table {name} has row-level security but no tenant_id column")
        tables[name] = TenantTable(name, row["qualified"], column)
    order = list(_rows(uuid.uuid4()))
    missing = sorted(set(tables) - set(order))
    if missing:
        pytest.fail(
            f"tenant tables without a fixture row in _rows(): {', '.join(missing)}; add a minimal"
            " valid row for each so their isolation is tested"
        )
    stale = sorted(set(order) - set(tables))
    assert not stale, f"_rows() names tables that are not tenant tables (any more): {stale}"
    return sorted(tables.values(), key=lambda table: order.index(table.name))


async def _insert(conn: asyncpg.Connection, table: TenantTable, row: dict[str, object]) -> None:
    columns = ", ".join(f'"{column}"' for column in row)
    values = ", ".join(f"${index}" for index in range(1, len(row) + 1))
    await conn.execute(
        f"INSERT INTO {table.qualified} ({columns}) VALUES ({values})", *row.values()
    )


async def _seed(pool: asyncpg.Pool, tables: list[TenantTable], tenant: uuid.UUID) -> None:
    """One row in every tenant table for ``tenant``, inserted as that tenant."""
    rows = _rows(tenant)
    async with tenant_transaction(pool, tenant) as conn:
        for table in tables:
            await _insert(conn, table, rows[table.name])


async def _count(conn: asyncpg.Connection, table: TenantTable, tenant: uuid.UUID | None) -> int:
    """Rows visible in ``table``; with ``tenant``, those of that tenant only."""
    if tenant is None:
        return int(await conn.fetchval(f"SELECT count(*) FROM {table.qualified}"))
    return int(
        await conn.fetchval(
            f"SELECT count(*) FROM {table.qualified} WHERE {table.tenant_column} = $1", tenant
        )
    )


@pytest.fixture
async def tables(app_pool: asyncpg.Pool) -> list[TenantTable]:
    async with app_pool.acquire() as conn:
        return await _tenant_tables(conn)


@pytest.fixture
async def two_tenants(
    app_pool: asyncpg.Pool, tables: list[TenantTable]
) -> tuple[uuid.UUID, uuid.UUID]:
    """Two fresh tenants, each with one row in every tenant table."""
    tenant_a, tenant_b = uuid.uuid4(), uuid.uuid4()
    await _seed(app_pool, tables, tenant_a)
    await _seed(app_pool, tables, tenant_b)
    return tenant_a, tenant_b


async def test_the_catalog_has_the_known_tenant_tables(tables: list[TenantTable]) -> None:
    names = {table.name for table in tables}
    assert {"clients", "api_keys", "documents", "parse_jobs", "candidates"} <= names


async def test_no_tenant_set_sees_no_rows(
    app_pool: asyncpg.Pool, tables: list[TenantTable], two_tenants: tuple[uuid.UUID, uuid.UUID]
) -> None:
    async with app_pool.acquire() as conn:
        for table in tables:
            assert await _count(conn, table, None) == 0, f"{table.name} visible without a tenant"
        # Set but empty (what a reset leaves behind) is no tenant either.
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', '', true)")
            for table in tables:
                assert await _count(conn, table, None) == 0, f"{table.name} visible with ''"


async def test_a_pooled_connection_does_not_carry_the_last_tenant(
    database: dict[str, str], tables: list[TenantTable]
) -> None:
    pool = await create_pool(database["app"], min_size=1, max_size=1)  # one connection, reused
    try:
        tenant = uuid.uuid4()
        await _seed(pool, tables, tenant)
        async with tenant_transaction(pool, tenant) as conn:
            for table in tables:
                assert await _count(conn, table, None) == 1, table.name
        async with pool.acquire() as conn:
            assert await conn.fetchval("SELECT current_setting('app.tenant_id', true)") in (
                None,
                "",
            )
            for table in tables:
                assert await _count(conn, table, None) == 0, f"{table.name} leaked to the next use"
    finally:
        await pool.close()


async def test_a_tenant_sees_only_its_own_rows(
    app_pool: asyncpg.Pool, tables: list[TenantTable], two_tenants: tuple[uuid.UUID, uuid.UUID]
) -> None:
    tenant_a, tenant_b = two_tenants
    for me, other in ((tenant_a, tenant_b), (tenant_b, tenant_a)):
        async with tenant_transaction(app_pool, me) as conn:
            for table in tables:
                assert await _count(conn, table, me) == 1, table.name
                assert await _count(conn, table, other) == 0, f"{table.name}: other tenant seen"
                assert await _count(conn, table, None) == 1, f"{table.name}: foreign rows seen"


async def _privileged(pool: asyncpg.Pool, table: TenantTable, privilege: str) -> bool:
    async with pool.acquire() as conn:
        return bool(
            await conn.fetchval(
                "SELECT has_table_privilege(current_user, $1, $2)", table.qualified, privilege
            )
        )


async def test_inserting_another_tenants_row_fails_with_check(
    app_pool: asyncpg.Pool, tables: list[TenantTable]
) -> None:
    tenant_a, tenant_c = uuid.uuid4(), uuid.uuid4()
    await _seed(app_pool, tables, tenant_a)
    foreign = _rows(tenant_c)
    for table in tables:
        # Each attempt in its own transaction: the failure aborts it.
        expected = RLS_VIOLATION if await _privileged(app_pool, table, "INSERT") else NO_PRIVILEGE
        with pytest.raises(asyncpg.InsufficientPrivilegeError) as caught:
            async with tenant_transaction(app_pool, tenant_a) as conn:
                await _insert(conn, table, foreign[table.name])
        assert expected in str(caught.value), f"{table.name}: {caught.value}"
    # Nothing of tenant C was written anywhere: not even C itself sees a row.
    async with tenant_transaction(app_pool, tenant_c) as conn:
        for table in tables:
            assert await _count(conn, table, None) == 0, table.name


async def test_updating_cannot_move_a_row_to_another_tenant(
    app_pool: asyncpg.Pool, tables: list[TenantTable]
) -> None:
    tenant_a, tenant_b = uuid.uuid4(), uuid.uuid4()
    await _seed(app_pool, tables, tenant_a)
    for table in tables:
        # Tables the app role may not update at all (append-only ones) refuse even earlier.
        expected = RLS_VIOLATION if await _privileged(app_pool, table, "UPDATE") else NO_PRIVILEGE
        with pytest.raises(asyncpg.InsufficientPrivilegeError) as caught:
            async with tenant_transaction(app_pool, tenant_a) as conn:
                await conn.execute(
                    f"UPDATE {table.qualified} SET {table.tenant_column} = $1"
                    f" WHERE {table.tenant_column} = $2",
                    tenant_b,
                    tenant_a,
                )
        assert expected in str(caught.value), f"{table.name}: {caught.value}"
    async with tenant_transaction(app_pool, tenant_a) as conn:
        for table in tables:
            assert await _count(conn, table, tenant_a) == 1, f"{table.name}: row moved"


_PROBES = """
SELECT p.proname AS name, pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS result, p.prosecdef AS security_definer,
       p.proconfig AS config,
       ARRAY(SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END
             FROM aclexplode(p.proacl) a WHERE a.privilege_type = 'EXECUTE'
             ORDER BY 1) AS executors,
       p.proacl IS NULL AS default_acl, pg_get_userbyid(p.proowner) AS owner
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND p.proname LIKE '%\\_exists\\_elsewhere'
ORDER BY 1
"""


async def test_probes_answer_a_boolean_for_ids_of_other_tenants_only(
    app_pool: asyncpg.Pool, tables: list[TenantTable], two_tenants: tuple[uuid.UUID, uuid.UUID]
) -> None:
    tenant_a, tenant_b = two_tenants
    by_name = {table.name: table for table in tables}
    async with app_pool.acquire() as conn:
        probes = await conn.fetch(_PROBES)
    assert {probe["name"] for probe in probes} >= set(EXPECTED_PROBES)
    rows = {tenant_a: _rows(tenant_a), tenant_b: _rows(tenant_b)}
    for probe in probes:
        name = probe["name"]
        # <thing>_exists_elsewhere probes the table <thing>s, by its id.
        table = by_name.get(EXPECTED_PROBES.get(name, name.removesuffix("_exists_elsewhere") + "s"))
        assert table is not None, f"{name}: no tenant table of that name"
        # A boolean, never a row; the owner's rights, with a pinned search_path; callable by
        # the app role (and the owner), not by PUBLIC.
        assert (probe["arguments"], probe["result"]) == ("p_id uuid", "boolean"), name
        assert probe["security_definer"], name
        assert any(setting.startswith("search_path=") for setting in probe["config"]), name
        # (A NULL ACL is the default one: EXECUTE for PUBLIC.)
        assert not probe["default_acl"], f"{name}: EXECUTE not revoked from PUBLIC"
        assert set(probe["executors"]) <= {"ats_app", probe["owner"]}, probe["executors"]
        # A probe runs on every 404 by id: it must find the id by index, not by a scan of
        # every tenant's rows (the (tenant_id, id) keys cannot serve it).
        async with app_pool.acquire() as conn:
            indexed = await conn.fetchval(
                "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a"
                " ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                " WHERE i.indrelid = $1::regclass AND a.attname = 'id')",
                f"public.{table.name}",
            )
        assert indexed, f"{table.name}: no index led by id for {name}"
        for me, other in ((tenant_a, tenant_b), (tenant_b, tenant_a)):
            mine, theirs = rows[me][table.name]["id"], rows[other][table.name]["id"]
            async with tenant_transaction(app_pool, me) as conn:
                answers = [
                    await conn.fetchval(f"SELECT {name}($1)", probe_id)
                    for probe_id in (theirs, mine, uuid.uuid4())
                ]
                # The owner's probe policy does not let the app role read the other's row.
                assert await _count(conn, table, other) == 0, table.name
            assert answers == [True, False, False], f"{name} as {me}"
        # Outside a tenant transaction a probe tells nothing, not even that an id exists.
        async with app_pool.acquire() as conn:
            theirs = rows[tenant_b][table.name]["id"]
            assert await conn.fetchval(f"SELECT {name}($1)", theirs) is False, name


async def test_the_audit_is_clean_with_every_migration(database: dict[str, str]) -> None:
    """What ``ats rls audit`` runs: clean; the owner's probe policies listed, not judged."""
    conn = await asyncpg.connect(database["app"])
    try:
        report = await audit(conn, app_role="ats_app")
        tables = await _tenant_tables(conn)
    finally:
        await conn.close()
    assert report.ok, report.findings
    audited = {table.name: table for table in report.tables}
    assert set(audited) >= {table.name for table in tables}
    for table in audited.values():
        assert table.fail_closed, table
        for policy in table.policies:
            if policy.name.endswith("_owner_probe"):
                assert not policy.applies_to_app_role and policy.roles == ("ats_owner",), policy
            else:
                assert policy.applies_to_app_role and policy.roles == ("PUBLIC",), policy
    for name in EXPECTED_PROBES.values():
        assert any(policy.name == f"{name}_owner_probe" for policy in audited[name].policies)
