"""The RLS audit: does the database still protect tenants the way the migrations set it up?

Pure catalog queries (``pg_class``, ``pg_attribute``, ``pg_policy``, ``pg_roles``,
``pg_proc``...), readable by any role, so the services run it as the app role itself. Every
schema but PostgreSQL's own is audited (``public`` today), objects belonging to extensions
excepted. It checks:

- **tables** with a ``tenant_id`` column, and any other table with row-level security on
  (``clients``, the tenant table itself): RLS enabled *and* forced (owners obey it too), at
  least one policy, and every permissive policy fail-closed: each of its ``OR``-ed branches
  compares a column to ``current_setting('app.<name>', ...)`` (NULL when unset, and NULL never
  equals), at least one branch being the tenant comparison
  ``<tenant column> = nullif(current_setting('app.tenant_id', true), '')::uuid``; the rows a
  policy lets a transaction *write* (its ``WITH CHECK``) are the tenant's only. ``USING
  (true)`` and the like are findings. Restrictive policies only narrow, and are not checked.
  Only policies that *apply to the app role* are judged: those ``TO PUBLIC``, to the app role,
  or to a role it is a member of (recursively, inheriting or not: it could ``SET ROLE``).
  Others (``TO ats_owner ... USING (true)``, which lets the owner's SECURITY DEFINER probe
  functions see every row) are listed with ``applies_to_app_role=False``; a table still needs
  a permissive policy that applies;
- **the app role**: exists, not superuser, not BYPASSRLS, member of no role that is either,
  owns no table, view, sequence, function or schema in the audited schemas, nor the database;
- **views**: ``security_invoker=true`` (PostgreSQL 15+), so a view is read with the caller's
  rights and the underlying tables' RLS applies to the caller, not to the view's owner;
- **SECURITY DEFINER functions**: a pinned ``search_path`` (``SET search_path = ...``), so a
  caller cannot make them resolve names to objects of its own.

Each problem is a *finding*, a sentence naming the object and what is wrong. ``ats rls
audit``, ``GET /v1/admin/rls-audit`` and the tenants service's readiness report them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import time
from typing import Any

import asyncpg

__all__ = [
    "AuditCheck",
    "FunctionAudit",
    "PolicyAudit",
    "RlsAuditFailed",
    "RlsReport",
    "RoleAudit",
    "TableAudit",
    "ViewAudit",
    "audit",
]

log = logging.getLogger("ats.rls_audit")

TENANT_COLUMN = "tenant_id"
TENANT_SETTING = "app.tenant_id"

# Schemas that are PostgreSQL's own; every other one holds application objects.
_SCHEMAS = """
    n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
"""


def _not_extension_member(catalog: str, column: str) -> str:
    return (
        "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = "
        f"'{catalog}'::regclass AND d.objid = {column} AND d.deptype = 'e')"
    )


_TABLES = f"""
SELECT c.oid, n.nspname AS schema, c.relname AS name, pg_get_userbyid(c.relowner) AS owner,
       c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
               AND a.attname = '{TENANT_COLUMN}' AND a.attnum > 0 AND NOT a.attisdropped)
           AS has_tenant
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND {_SCHEMAS} AND {_not_extension_member("pg_class", "c.oid")}
ORDER BY n.nspname, c.relname
"""

_POLICIES = """
SELECT p.polrelid AS table_oid, p.polname AS name, p.polpermissive AS permissive,
       p.polcmd::text AS cmd, p.polroles::oid[] AS role_oids,
       ARRAY(SELECT CASE WHEN u.r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(u.r) END
             FROM unnest(p.polroles) WITH ORDINALITY AS u(r, i) ORDER BY u.i) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using_expr,
       pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
FROM pg_policy p
WHERE p.polrelid = ANY($1::oid[])
ORDER BY p.polname
"""

_ROLE = """
SELECT r.rolname, r.rolsuper, r.rolbypassrls,
       ARRAY(
           WITH RECURSIVE up(oid) AS (
               SELECT m.roleid FROM pg_auth_members m WHERE m.member = r.oid
               UNION SELECT m.roleid FROM pg_auth_members m JOIN up ON m.member = up.oid
           )
           SELECT g.rolname FROM up JOIN pg_roles g ON g.oid = up.oid
           WHERE g.rolsuper OR g.rolbypassrls ORDER BY g.rolname
       ) AS powerful_memberships
FROM pg_roles r WHERE r.rolname = $1
"""

# The roles whose policies apply to the app role: PUBLIC (oid 0), itself, and every role it is
# a member of, recursively. Membership without INHERIT counts too: the role may SET ROLE.
_APPLICABLE_ROLES = """
WITH RECURSIVE up(oid) AS (
    SELECT r.oid FROM pg_roles r WHERE r.rolname = $1
    UNION SELECT m.roleid FROM pg_auth_members m JOIN up ON m.member = up.oid
)
SELECT 0::oid AS oid UNION SELECT oid FROM up
"""

_OWNED = f"""
SELECT kind || ' ' || name AS object FROM (
    SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'
                          WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
                          WHEN 'f' THEN 'foreign table' ELSE 'relation' END AS kind,
           format('%I.%I', n.nspname, c.relname) AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relowner = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {_SCHEMAS}
    UNION ALL
    SELECT 'function',
           format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.proowner = $1 AND {_SCHEMAS}
    UNION ALL
    SELECT 'schema', quote_ident(n.nspname) FROM pg_namespace n
    WHERE n.nspowner = $1 AND {_SCHEMAS}
    UNION ALL
    SELECT 'database', quote_ident(d.datname) FROM pg_database d
    WHERE d.datdba = $1 AND d.datname = current_database()
) owned ORDER BY 1
"""

_VIEWS = f"""
SELECT n.nspname AS schema, c.relname AS name, coalesce(c.reloptions, '{{}}') AS options
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'v' AND {_SCHEMAS} AND {_not_extension_member("pg_class", "c.oid")}
ORDER BY n.nspname, c.relname
"""

_FUNCTIONS = f"""
SELECT n.nspname AS schema,
       format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) AS signature,
       coalesce(p.proconfig, '{{}}') AS config
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prosecdef AND {_SCHEMAS} AND {_not_extension_member("pg_proc", "p.oid")}
ORDER BY n.nspname, p.proname, 2
"""

_COMMANDS = {"r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE", "*": "ALL"}
_WRITES = {"a", "w", "*"}

# ``current_setting('app.x'::text, true)``, optionally in ``nullif(..., '')``, optionally cast.
_SETTING = (
    r"\(?(?:NULLIF\()?current_setting\('(?P<setting>app\.[a-z0-9_]+)'::text(?:, true)?\)"
    r"(?:, ''::text\))?\)?(?:::[a-z_ ]+)?"
)
_COMPARISON = re.compile(rf'^(?P<column>"?[A-Za-z_][A-Za-z0-9_$]*"?) = {_SETTING}$')


def _strip_parens(expr: str) -> str:
    """``((a) OR (b))`` -> ``(a) OR (b)``: drop parentheses that wrap the whole expression."""
    expr = expr.strip()
    while expr.startswith("(") and expr.endswith(")"):
        depth = 0
        quoted = False
        for index, char in enumerate(expr):
            if char == "'":
                quoted = not quoted
            elif not quoted and char == "(":
                depth += 1
            elif not quoted and char == ")":
                depth -= 1
                if depth == 0 and index != len(expr) - 1:
                    return expr  # the first "(" closes early: "(a) OR (b)"
        expr = expr[1:-1].strip()
    return expr


def _split(expr: str, operator: str) -> list[str]:
    """Top-level operands of ``operator`` (" OR " / " AND "), outside parentheses and quotes."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    index = 0
    while index < len(expr):
        char = expr[index]
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        elif not quoted and depth == 0 and expr.startswith(operator, index):
            parts.append(expr[start:index])
            index += len(operator)
            start = index
            continue
        index += 1
    parts.append(expr[start:])
    return [_strip_parens(part) for part in parts]


def _comparisons(branch: str) -> list[tuple[str, str]]:
    """The ``(column, setting)`` comparisons AND-ed in one branch of a policy expression."""
    found = []
    for conjunct in _split(branch, " AND "):
        match = _COMPARISON.match(conjunct)
        if match:
            found.append((match["column"].strip('"'), match["setting"]))
    return found


def _is_tenant_branch(branch: str, tenant_column: str | None) -> bool:
    return any(
        setting == TENANT_SETTING and (tenant_column is None or column == tenant_column)
        for column, setting in _comparisons(branch)
    )


def _expression_problem(
    expr: str | None, tenant_column: str | None, *, tenant_only: bool
) -> str | None:
    """Why ``expr`` is not fail-closed, or None when it is.

    Fail-closed: every OR-ed branch requires a column to equal an ``app.*`` setting (NULL, so
    no row, when the setting is unset); at least one branch is the tenant comparison, and with
    ``tenant_only`` every branch is.
    """
    if expr is None:
        return "has no expression (every row passes)"
    branches = _split(_strip_parens(expr), " OR ")
    if not any(_is_tenant_branch(branch, tenant_column) for branch in branches):
        column = tenant_column or "its tenant column"
        return f"does not compare {column} to current_setting('{TENANT_SETTING}'): {expr}"
    for branch in branches:
        if tenant_only and not _is_tenant_branch(branch, tenant_column):
            return f"lets rows of other tenants through ({branch}): {expr}"
        if not _comparisons(branch):
            return f"has a branch that does not fail closed ({branch}): {expr}"
    return None


@dataclasses.dataclass(frozen=True, slots=True)
class PolicyAudit:
    name: str
    command: str
    permissive: bool
    roles: tuple[str, ...]
    """The roles the policy is for (``PUBLIC`` by that name)."""
    applies_to_app_role: bool
    """False for a policy for other roles only (the owner's probe policy): not judged."""
    using: str | None
    with_check: str | None
    fail_closed: bool
    """Its expressions fail closed; True for a policy that does not apply (not judged)."""


@dataclasses.dataclass(frozen=True, slots=True)
class TableAudit:
    schema: str
    name: str
    owner: str
    tenant_column: str | None
    """``tenant_id``, or None for a table that is the tenant itself (RLS on, no such column)."""
    rls_enabled: bool
    rls_forced: bool
    policies: tuple[PolicyAudit, ...]
    findings: tuple[str, ...]

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def fail_closed(self) -> bool:
        """At least one policy applies to the app role, and all of those fail closed."""
        applicable = [policy for policy in self.policies if policy.applies_to_app_role]
        return bool(applicable) and all(policy.fail_closed for policy in applicable)

    @property
    def ok(self) -> bool:
        return not self.findings


@dataclasses.dataclass(frozen=True, slots=True)
class RoleAudit:
    name: str
    exists: bool
    superuser: bool
    bypass_rls: bool
    powerful_memberships: tuple[str, ...]
    """Superuser or BYPASSRLS roles this role is a member of (it could SET ROLE to them)."""
    owns: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class ViewAudit:
    schema: str
    name: str
    security_invoker: bool


@dataclasses.dataclass(frozen=True, slots=True)
class FunctionAudit:
    schema: str
    signature: str
    search_path: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class RlsReport:
    tables: tuple[TableAudit, ...]
    role: RoleAudit
    views: tuple[ViewAudit, ...]
    functions: tuple[FunctionAudit, ...]
    findings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: what ``ats rls audit --json`` prints."""
        return {
            "ok": self.ok,
            "findings": list(self.findings),
            "tables": [
                {
                    "schema": table.schema,
                    "name": table.name,
                    "owner": table.owner,
                    "tenant_column": table.tenant_column,
                    "rls_enabled": table.rls_enabled,
                    "rls_forced": table.rls_forced,
                    "fail_closed": table.fail_closed,
                    "ok": table.ok,
                    "policies": [dataclasses.asdict(policy) for policy in table.policies],
                }
                for table in self.tables
            ],
            "role": {
                "name": self.role.name,
                "exists": self.role.exists,
                "superuser": self.role.superuser,
                "bypass_rls": self.role.bypass_rls,
                "powerful_memberships": list(self.role.powerful_memberships),
                "owns": list(self.role.owns),
            },
            "views": [dataclasses.asdict(view) for view in self.views],
            "functions": [dataclasses.asdict(function) for function in self.functions],
        }


def _audit_table(
    row: asyncpg.Record, policies: list[asyncpg.Record], app_roles: frozenset[int]
) -> TableAudit:
    """``app_roles``: oids of the roles whose policies apply to the app role (0: PUBLIC)."""
    name = f"{row['schema']}.{row['name']}"
    tenant_column = TENANT_COLUMN if row["has_tenant"] else None
    findings: list[str] = []
    if not row["enabled"]:
        findings.append(f"table {name}: row-level security is not enabled")
    if not row["forced"]:
        findings.append(f"table {name}: row-level security is not forced (its owner bypasses it)")
    audited: list[PolicyAudit] = []
    for policy in policies:
        command = _COMMANDS.get(policy["cmd"], policy["cmd"])
        applies = not app_roles.isdisjoint(policy["role_oids"])
        problems = []
        # A policy for other roles only never lets the app role read or write a row.
        if applies and policy["permissive"]:
            if policy["cmd"] != "a":  # INSERT policies have no USING
                problem = _expression_problem(
                    policy["using_expr"], tenant_column, tenant_only=False
                )
                if problem:
                    problems.append(f"USING {problem}")
            if policy["cmd"] in _WRITES:
                # Without WITH CHECK, PostgreSQL checks new rows with USING.
                check = policy["check_expr"] or policy["using_expr"]
                problem = _expression_problem(check, tenant_column, tenant_only=True)
                if problem:
                    problems.append(f"WITH CHECK {problem}")
        findings.extend(
            f"table {name}: policy {policy['name']} ({command}) {problem}" for problem in problems
        )
        audited.append(
            PolicyAudit(
                name=policy["name"],
                command=command,
                permissive=policy["permissive"],
                roles=tuple(policy["roles"]),
                applies_to_app_role=applies,
                using=policy["using_expr"],
                with_check=policy["check_expr"],
                fail_closed=not problems,
            )
        )
    applicable = [policy for policy in audited if policy.applies_to_app_role]
    if not audited:
        findings.append(f"table {name}: has no row-level security policy")
    elif not applicable:
        findings.append(f"table {name}: has no row-level security policy for the app role")
    elif not any(policy.permissive for policy in applicable):
        findings.append(f"table {name}: no permissive policy (the app sees no rows)")
    return TableAudit(
        schema=row["schema"],
        name=row["name"],
        owner=row["owner"],
        tenant_column=tenant_column,
        rls_enabled=row["enabled"],
        rls_forced=row["forced"],
        policies=tuple(audited),
        findings=tuple(findings),
    )


def _security_invoker(options: list[str]) -> bool:
    for option in options:
        key, _, value = option.partition("=")
        if key == "security_invoker":
            return value.lower() in ("true", "on", "1", "yes")
    return False


def _search_path(config: list[str]) -> str | None:
    for setting in config:
        key, _, value = setting.partition("=")
        if key == "search_path":
            return value
    return None


async def audit(conn: asyncpg.Connection, *, app_role: str) -> RlsReport:
    """Audit the database ``conn`` is connected to, for the services' role ``app_role``.

    Read-only catalog queries: any role may run it, the app role included.
    """
    findings: list[str] = []

    table_rows = [row for row in await conn.fetch(_TABLES) if row["has_tenant"] or row["enabled"]]
    policies: dict[int, list[asyncpg.Record]] = {}
    for policy in await conn.fetch(_POLICIES, [row["oid"] for row in table_rows]):
        policies.setdefault(policy["table_oid"], []).append(policy)
    app_roles = frozenset(row["oid"] for row in await conn.fetch(_APPLICABLE_ROLES, app_role))
    tables = tuple(_audit_table(row, policies.get(row["oid"], []), app_roles) for row in table_rows)
    for table in tables:
        findings.extend(table.findings)

    role_row = await conn.fetchrow(_ROLE, app_role)
    if role_row is None:
        role = RoleAudit(app_role, False, False, False, (), ())
        findings.append(f"role {app_role}: does not exist")
    else:
        oid = await conn.fetchval("SELECT oid FROM pg_roles WHERE rolname = $1", app_role)
        owned = tuple(row["object"] for row in await conn.fetch(_OWNED, oid))
        role = RoleAudit(
            name=app_role,
            exists=True,
            superuser=role_row["rolsuper"],
            bypass_rls=role_row["rolbypassrls"],
            powerful_memberships=tuple(role_row["powerful_memberships"]),
            owns=owned,
        )
        if role.superuser:
            findings.append(f"role {app_role}: is a superuser (bypasses row-level security)")
        if role.bypass_rls:
            findings.append(f"role {app_role}: has BYPASSRLS")
        findings.extend(
            f"role {app_role}: is a member of {member}, a superuser or BYPASSRLS role"
            for member in role.powerful_memberships
        )
        findings.extend(
            f"role {app_role}: owns {thing} (owners may disable or bypass row-level security)"
            for thing in owned
        )

    views = tuple(
        ViewAudit(row["schema"], row["name"], _security_invoker(row["options"]))
        for row in await conn.fetch(_VIEWS)
    )
    findings.extend(
        f"view {view.schema}.{view.name}: not security_invoker (it reads tables with its "
        "owner's rights, not the caller's)"
        for view in views
        if not view.security_invoker
    )

    functions = tuple(
        FunctionAudit(row["schema"], row["signature"], _search_path(row["config"]))
        for row in await conn.fetch(_FUNCTIONS)
    )
    findings.extend(
        f"function {function.schema}.{function.signature}: SECURITY DEFINER without a pinned "
        "search_path (SET search_path = ...)"
        for function in functions
        if function.search_path is None
    )
    return RlsReport(tables, role, views, functions, tuple(findings))


class RlsAuditFailed(Exception):
    """The audit found problems; the message lists them."""

    def __init__(self, findings: tuple[str, ...]) -> None:
        self.findings = findings
        super().__init__(f"RLS audit failed: {'; '.join(findings)}")


class AuditCheck:
    """A readiness check (``grpc_server.watch_readiness``) running the audit every ``every``
    seconds, not per probe; between runs it repeats the last answer.

    It raises :class:`RlsAuditFailed` while the last audit had findings, and logs them at
    ERROR when they change. The role audited is the pool's own (``current_user``).
    """

    def __init__(self, pool: asyncpg.Pool, *, every: float = 300.0) -> None:
        self._pool = pool
        self._every = every
        self._next = 0.0
        self._findings: tuple[str, ...] | None = None  # None: not run yet
        self._lock = asyncio.Lock()

    async def __call__(self) -> None:
        async with self._lock:
            if time.monotonic() >= self._next:
                async with self._pool.acquire() as conn:
                    role = await conn.fetchval("SELECT current_user")
                    report = await audit(conn, app_role=role)
                if report.findings != self._findings:
                    if report.findings:
                        log.error(
                            "RLS audit failed: %s",
                            "; ".join(report.findings),
                            extra={"findings": list(report.findings)},
                        )
                    else:
                        log.info("RLS audit clean", extra={"tables": len(report.tables)})
                self._findings = report.findings
                self._next = time.monotonic() + self._every
        if self._findings:
            raise RlsAuditFailed(self._findings)

    @property
    def findings(self) -> tuple[str, ...] | None:
        """The last audit's findings; None before the first audit."""
        return self._findings
