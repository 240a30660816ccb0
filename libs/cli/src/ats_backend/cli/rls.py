"""``ats rls audit``: audit the database's row-level security, straight from PostgreSQL.

Connects to ``--database-url`` (default ``$ATS_DATABASE_URL``, the services' app role URL) and
runs :func:`ats_backend.core.rls_audit.audit` for ``--app-role``: every tenant table has RLS
enabled and forced with fail-closed policies, the app role is no superuser, has no BYPASSRLS
and owns nothing, views are ``security_invoker``, SECURITY DEFINER functions pin their
``search_path``. Prints a report for people, or with ``--json`` the report as one JSON object
(the shape of ``GET /v1/admin/rls-audit``, plus each table's policies).

Exit status: 0 when clean, 1 when there are findings (each printed, naming the object), 2
when the audit could not run (no URL, database unreachable).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from typing import TextIO

from ats_backend.cli._command import Command
from ats_backend.core.rls_audit import RlsReport

__all__ = ["COMMAND", "format_report"]

_URL_VARIABLE = "ATS_DATABASE_URL"


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="rls_action", metavar="ACTION", required=True)
    audit = actions.add_parser(
        "audit",
        help="check tables, the app role, views and functions; exit 1 on any finding",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    audit.add_argument(
        "--database-url",
        metavar="URL",
        help=f"PostgreSQL URL to audit (default ${_URL_VARIABLE})",
    )
    audit.add_argument(
        "--app-role",
        default="ats_app",
        metavar="ROLE",
        help="the role the services log in as (default ats_app)",
    )
    audit.add_argument("--json", action="store_true", help="print the report as JSON")


def _yes_no(value: bool, yes: str, no: str) -> str:
    return yes if value else no


def format_report(report: RlsReport, *, database: str) -> str:
    """The report for people: one line per object, then the findings."""
    lines = [f"RLS audit of database {database} for role {report.role.name}"]
    lines.append(f"Tables ({len(report.tables)}):")
    width = max((len(table.qualified_name) for table in report.tables), default=0)
    for table in report.tables:
        count = sum(policy.applies_to_app_role for policy in table.policies)
        others = len(table.policies) - count
        # Policies for other roles only (the owner's probe policies) do not bind the app role.
        policies = f"{count} {'policy' if count == 1 else 'policies'}" + (
            f" (+{others} for other roles)" if others else ""
        )
        details = ", ".join(
            [
                _yes_no(table.rls_enabled, "enabled", "NOT ENABLED"),
                _yes_no(table.rls_forced, "forced", "NOT FORCED"),
                policies,
                _yes_no(table.fail_closed, "fail-closed", "NOT FAIL-CLOSED"),
                f"tenant column {table.tenant_column or '(the tenant table)'}",
            ]
        )
        status = "ok  " if table.ok else "FAIL"
        lines.append(f"  {status} {table.qualified_name:<{width}}  {details}")
    role = report.role
    if role.exists:
        owns = f"owns {len(role.owns)} objects" if role.owns else "owns nothing"
        lines.append(
            f"Role {role.name}: "
            + ", ".join(
                [
                    _yes_no(role.superuser, "SUPERUSER", "not superuser"),
                    _yes_no(role.bypass_rls, "BYPASSRLS", "not BYPASSRLS"),
                    owns,
                ]
            )
        )
    else:
        lines.append(f"Role {role.name}: DOES NOT EXIST")
    lines.append(f"Views ({len(report.views)}):" if report.views else "Views: none")
    for view in report.views:
        status = "ok  " if view.security_invoker else "FAIL"
        invoker = _yes_no(view.security_invoker, "security_invoker", "NOT security_invoker")
        lines.append(f"  {status} {view.schema}.{view.name}  {invoker}")
    lines.append(
        f"SECURITY DEFINER functions ({len(report.functions)}):"
        if report.functions
        else "SECURITY DEFINER functions: none"
    )
    for function in report.functions:
        status = "ok  " if function.search_path is not None else "FAIL"
        path = (
            f"search_path={function.search_path}"
            if function.search_path is not None
            else "search_path NOT PINNED"
        )
        lines.append(f"  {status} {function.schema}.{function.signature}  {path}")
    if report.ok:
        lines.append("Clean: no findings.")
    else:
        lines.append(f"FAILED: {len(report.findings)} finding(s):")
        lines.extend(f"  - {finding}" for finding in report.findings)
    return "\n".join(lines) + "\n"


async def _audit(url: str, app_role: str) -> tuple[str, RlsReport]:
    import asyncpg

    from ats_backend.core.rls_audit import audit

    conn = await asyncpg.connect(url)
    try:
        database: str = await conn.fetchval("SELECT current_database()")
        return database, await audit(conn, app_role=app_role)
    finally:
        await conn.close()


def _run(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    url = args.database_url or os.environ.get(_URL_VARIABLE)
    if not url:
        print(f"ats rls audit: no --database-url and ${_URL_VARIABLE} is not set", file=sys.stderr)
        return 2
    try:
        database, report = asyncio.run(_audit(url, args.app_role))
    except (TimeoutError, OSError) as exc:
        print(f"ats rls audit: cannot connect to the database: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # asyncpg's errors: authentication, unknown database...
        print(f"ats rls audit: the audit could not run: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out.write(json.dumps({"database": database, **report.as_dict()}, indent=2) + "\n")
    else:
        out.write(format_report(report, database=database))
    if not report.ok:
        print(
            f"ats rls audit: {len(report.findings)} finding(s), row-level security is NOT sound",
            file=sys.stderr,
        )
        return 1
    return 0


COMMAND = Command(
    name="rls",
    help="row-level security tools (ats rls audit)",
    description="Row-level security tools, run against the database directly.",
    add_arguments=_add_arguments,
    run=_run,
)
