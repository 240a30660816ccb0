"""The RLS audit against the real migrated database: clean as migrated, loud when broken.

Broken objects are made by the superuser inside a transaction that is rolled back, and the
audit runs on that same connection: it sees them, no other session ever does (tests or
services sharing ``ats_test`` are not disturbed).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
import urllib.parse
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

from ats_backend.core.rls_audit import AuditCheck, RlsAuditFailed, audit

pytestmark = pytest.mark.integration

MIGRATED_TABLES = {
    "api_keys",
    "candidates",
    "clients",
    "document_contents",
    "documents",
    "parse_jobs",
    "upload_idempotency",
}


def _database_name(database: dict[str, str]) -> str:
    return urllib.parse.urlsplit(database["app"]).path.lstrip("/")


@contextlib.asynccontextmanager
async def scratch(database: dict[str, str]) -> AsyncIterator[tuple[asyncpg.Connection, str]]:
    """A superuser connection inside a transaction, with a fresh schema; rolled back after."""
    conn = await asyncpg.connect(database["admin"], database=_database_name(database))
    try:
        transaction = conn.transaction()
        await transaction.start()
        try:
            schema = f"rls_audit_{uuid.uuid4().hex[:8]}"
            await conn.execute(f"CREATE SCHEMA {schema}")
            yield conn, schema
        finally:
            await transaction.rollback()
    finally:
        await conn.close()


async def test_the_migrated_database_is_clean_as_the_app_role(database: dict[str, str]) -> None:
    conn = await asyncpg.connect(database["app"])
    try:
        report = await audit(conn, app_role="ats_app")
    finally:
        await conn.close()
    assert report.ok, report.findings
    assert report.findings == ()
    names = {table.name for table in report.tables}
    assert names >= MIGRATED_TABLES
    assert "outbox" not in names and "ats_schema_migrations" not in names  # no tenant column
    for table in report.tables:
        assert table.rls_enabled and table.rls_forced and table.fail_closed, table
    clients = next(table for table in report.tables if table.name == "clients")
    assert clients.tenant_column is None
    role = report.role
    assert role.exists and not role.superuser and not role.bypass_rls
    assert role.owns == () and role.powerful_memberships == ()
    data = report.as_dict()
    assert data["ok"] is True and data["findings"] == []
    assert {table["name"] for table in data["tables"]} == names


async def test_a_tenant_table_without_rls_is_named(database: dict[str, str]) -> None:
    async with scratch(database) as (conn, schema):
        await conn.execute(f"CREATE TABLE {schema}.notes (tenant_id uuid NOT NULL, body text)")
        report = await audit(conn, app_role="ats_app")
    assert not report.ok
    table = f"{schema}.notes"
    assert f"table {table}: row-level security is not enabled" in report.findings
    assert any(table in finding and "not forced" in finding for finding in report.findings)
    assert f"table {table}: has no row-level security policy" in report.findings
    # The migrated tables are still fine: only the broken one is named.
    assert all(table in finding for finding in report.findings)


async def test_enabled_but_not_forced_is_a_finding(database: dict[str, str]) -> None:
    async with scratch(database) as (conn, schema):
        await conn.execute(f"CREATE TABLE {schema}.notes (tenant_id uuid NOT NULL)")
        await conn.execute(f"ALTER TABLE {schema}.notes ENABLE ROW LEVEL SECURITY")
        await conn.execute(
            f"CREATE POLICY p ON {schema}.notes USING"
            " (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)"
        )
        report = await audit(conn, app_role="ats_app")
    assert report.findings == (
        f"table {schema}.notes: row-level security is not forced (its owner bypasses it)",
    )


async def test_a_permissive_true_policy_is_a_finding(database: dict[str, str]) -> None:
    async with scratch(database) as (conn, schema):
        await conn.execute(f"CREATE TABLE {schema}.notes (tenant_id uuid NOT NULL)")
        await conn.execute(f"ALTER TABLE {schema}.notes ENABLE ROW LEVEL SECURITY")
        await conn.execute(f"ALTER TABLE {schema}.notes FORCE ROW LEVEL SECURITY")
        await conn.execute(f"CREATE POLICY everything ON {schema}.notes USING (true)")
        report = await audit(conn, app_role="ats_app")
    assert not report.ok
    [table] = [table for table in report.tables if table.schema == schema]
    assert not table.fail_closed
    assert any(
        f"table {schema}.notes: policy everything (ALL) USING" in finding
        for finding in report.findings
    ), report.findings


_TENANT = "tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid"


async def _notes_with_extra_policy(conn: asyncpg.Connection, schema: str, roles: str) -> None:
    """A sound tenant table plus ``everything``: ``FOR SELECT TO <roles> USING (true)``."""
    await conn.execute(f"CREATE TABLE {schema}.notes (tenant_id uuid NOT NULL)")
    await conn.execute(f"ALTER TABLE {schema}.notes ENABLE ROW LEVEL SECURITY")
    await conn.execute(f"ALTER TABLE {schema}.notes FORCE ROW LEVEL SECURITY")
    await conn.execute(f"CREATE POLICY isolation ON {schema}.notes USING ({_TENANT})")
    await conn.execute(
        f"CREATE POLICY everything ON {schema}.notes FOR SELECT TO {roles} USING (true)"
    )


async def test_an_owner_only_true_policy_is_listed_not_judged(database: dict[str, str]) -> None:
    """The probe functions' pattern: the owner may read every row, the app role never."""
    async with scratch(database) as (conn, schema):
        await _notes_with_extra_policy(conn, schema, "ats_owner")
        report = await audit(conn, app_role="ats_app")
    assert report.ok, report.findings
    [table] = [table for table in report.tables if table.schema == schema]
    assert table.fail_closed
    applies = {policy.name: policy.applies_to_app_role for policy in table.policies}
    assert applies == {"isolation": True, "everything": False}
    [listed] = [t for t in report.as_dict()["tables"] if t["schema"] == schema]
    everything = next(p for p in listed["policies"] if p["name"] == "everything")
    assert everything["applies_to_app_role"] is False and list(everything["roles"]) == ["ats_owner"]


@pytest.mark.parametrize("roles", ["PUBLIC", "ats_app", "ats_owner, ats_app", "a_group"])
async def test_a_true_policy_the_app_role_gets_is_a_finding(
    database: dict[str, str], roles: str
) -> None:
    """``TO PUBLIC``, ``TO ats_app``, or to a role ats_app is (indirectly) a member of."""
    async with scratch(database) as (conn, schema):
        if roles == "a_group":
            # ats_app -> middle -> group: membership is followed however deep.
            roles = f"{schema}_group"
            await conn.execute(f"CREATE ROLE {schema}_group NOLOGIN")
            await conn.execute(f"CREATE ROLE {schema}_middle NOLOGIN IN ROLE {schema}_group")
            await conn.execute(f"GRANT {schema}_middle TO ats_app")
        await _notes_with_extra_policy(conn, schema, roles)
        report = await audit(conn, app_role="ats_app")
    assert not report.ok
    assert any(
        f"table {schema}.notes: policy everything (SELECT) USING" in finding
        for finding in report.findings
    ), report.findings
    [table] = [table for table in report.tables if table.schema == schema]
    assert not table.fail_closed


async def test_a_widened_tenant_policy_is_a_finding(database: dict[str, str]) -> None:
    """``tenant = x OR true`` compares the tenant, and still lets every row through."""
    tenant = "tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid"
    async with scratch(database) as (conn, schema):
        await conn.execute(f"CREATE TABLE {schema}.notes (tenant_id uuid NOT NULL, public bool)")
        await conn.execute(f"ALTER TABLE {schema}.notes ENABLE ROW LEVEL SECURITY")
        await conn.execute(f"ALTER TABLE {schema}.notes FORCE ROW LEVEL SECURITY")
        await conn.execute(
            f"CREATE POLICY p ON {schema}.notes USING ({tenant} OR public) WITH CHECK ({tenant})"
        )
        report = await audit(conn, app_role="ats_app")
    assert len(report.findings) == 1
    assert "policy p (ALL) USING has a branch that does not fail closed" in report.findings[0]


async def test_security_definer_without_search_path_is_a_finding(
    database: dict[str, str],
) -> None:
    async with scratch(database) as (conn, schema):
        await conn.execute(
            f"CREATE FUNCTION {schema}.loose() RETURNS int LANGUAGE sql SECURITY DEFINER"
            " AS 'SELECT 1'"
        )
        await conn.execute(
            f"CREATE FUNCTION {schema}.pinned() RETURNS int LANGUAGE sql SECURITY DEFINER"
            " SET search_path = pg_catalog AS 'SELECT 1'"
        )
        report = await audit(conn, app_role="ats_app")
    assert report.findings == (
        f"function {schema}.loose(): SECURITY DEFINER without a pinned search_path"
        " (SET search_path = ...)",
    )
    pinned = [f for f in report.functions if f.signature == "pinned()"]
    assert [f.search_path for f in pinned] == ["pg_catalog"]


async def test_views_must_be_security_invoker(database: dict[str, str]) -> None:
    async with scratch(database) as (conn, schema):
        await conn.execute(f"CREATE VIEW {schema}.owner_rights AS SELECT id FROM public.clients")
        await conn.execute(
            f"CREATE VIEW {schema}.caller_rights WITH (security_invoker = true)"
            " AS SELECT id FROM public.clients"
        )
        report = await audit(conn, app_role="ats_app")
    assert len(report.findings) == 1
    assert report.findings[0].startswith(f"view {schema}.owner_rights: not security_invoker")


async def test_the_app_role_owning_or_bypassing_is_a_finding(database: dict[str, str]) -> None:
    async with scratch(database) as (conn, schema):
        await conn.execute(f"CREATE TABLE {schema}.mine (id int)")
        await conn.execute(f"ALTER TABLE {schema}.mine OWNER TO ats_app")
        await conn.execute("ALTER ROLE ats_app BYPASSRLS")  # rolled back with the rest
        report = await audit(conn, app_role="ats_app")
    assert "role ats_app: has BYPASSRLS" in report.findings
    assert any(f.startswith(f"role ats_app: owns table {schema}.mine") for f in report.findings), (
        report.findings
    )
    assert report.role.bypass_rls and report.role.owns == (f"table {schema}.mine",)


async def test_a_superuser_or_missing_role_is_a_finding(database: dict[str, str]) -> None:
    conn = await asyncpg.connect(database["app"])
    try:
        superuser = await audit(conn, app_role="postgres")
        missing = await audit(conn, app_role="no_such_role_here")
    finally:
        await conn.close()
    assert any("role postgres: is a superuser" in finding for finding in superuser.findings)
    assert missing.findings == ("role no_such_role_here: does not exist",)


async def test_readiness_check_runs_the_audit_and_caches_it(
    database: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    from ats_backend.core.db import create_pool

    app = await create_pool(database["app"], min_size=1, max_size=1)
    check = AuditCheck(app, every=3600)
    try:
        await check()
        assert check.findings == ()
    finally:
        await app.close()
    await check()  # within the interval: answered without touching the (closed) pool

    # A pool logged in as a superuser: the audit of its own role fails, loudly.
    superuser_url = database["admin"].rsplit("/", 1)[0] + "/" + _database_name(database)
    superuser = await create_pool(superuser_url, min_size=1, max_size=1)
    try:
        failing = AuditCheck(superuser, every=3600)
        with caplog.at_level(logging.ERROR, logger="ats.rls_audit"):
            with pytest.raises(RlsAuditFailed, match="is a superuser"):
                await failing()
            with pytest.raises(RlsAuditFailed):
                await failing()  # cached: still failing, logged once
    finally:
        await superuser.close()
    errors = [r for r in caplog.records if r.name == "ats.rls_audit"]
    assert len(errors) == 1 and "is a superuser" in errors[0].getMessage()


async def test_the_tenants_service_audits_as_its_own_role(app_pool: asyncpg.Pool) -> None:
    from ats_backend.tenants.server import _rls_report
    from ats_backend.tenants.service import TenantsService

    report = await TenantsService(app_pool).rls_audit()
    assert report.ok and report.role.name == "ats_app"
    answer = _rls_report(report)
    assert answer.ok and not answer.findings and answer.role.name == "ats_app"
    assert {table.name for table in answer.tables} >= MIGRATED_TABLES
    assert all(table.fail_closed and table.ok for table in answer.tables)


async def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "ats_backend.cli",
        "rls",
        "audit",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_cli_prints_a_clean_report_and_exits_0(database: dict[str, str]) -> None:
    status, out, err = await _cli(env={"ATS_DATABASE_URL": database["app"]})
    assert status == 0, out + err
    assert "Clean: no findings." in out
    assert "public.candidates" in out and "Role ats_app: not superuser" in out

    status, out, _ = await _cli("--json", "--database-url", database["app"])
    assert status == 0
    data = json.loads(out)
    assert data["ok"] is True and data["findings"] == []
    assert data["database"] == _database_name(database)


async def test_cli_exits_1_naming_the_findings(database: dict[str, str]) -> None:
    status, out, err = await _cli("--database-url", database["app"], "--app-role", "postgres")
    assert status == 1, out + err
    assert "FAILED: " in out and "role postgres: is a superuser" in out
    assert "NOT sound" in err


async def test_cli_exits_2_when_it_cannot_audit() -> None:
    env = {"ATS_DATABASE_URL": ""}
    status, _, err = await _cli(env=env)
    assert status == 2 and "ATS_DATABASE_URL" in err
    status, _, err = await _cli("--database-url", "postgresql://nobody@127.0.0.1:1/none")
    assert status == 2 and "cannot connect" in err
