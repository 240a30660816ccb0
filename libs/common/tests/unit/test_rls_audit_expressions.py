"""What counts as a fail-closed policy expression (as ``pg_get_expr`` prints them)."""

from __future__ import annotations

import pytest

from ats_backend.core.rls_audit import _expression_problem

TENANT = "(tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)"
KEY = "(key_hash = NULLIF(current_setting('app.api_key_hash'::text, true), ''::text))"


@pytest.mark.parametrize(
    ("expr", "column", "tenant_only"),
    [
        (TENANT, "tenant_id", True),
        (TENANT.replace("tenant_id =", "id ="), None, True),  # clients: the tenant table
        (f"({TENANT} OR {KEY})", "tenant_id", False),  # api_keys' lookup by key hash
        (f"({TENANT} AND (status = 'a'::text))", "tenant_id", True),  # narrower still
        ("(tenant_id = (current_setting('app.tenant_id'::text))::uuid)", "tenant_id", True),
    ],
)
def test_fail_closed(expr: str, column: str | None, tenant_only: bool) -> None:
    assert _expression_problem(expr, column, tenant_only=tenant_only) is None


@pytest.mark.parametrize(
    ("expr", "column", "tenant_only", "expected"),
    [
        (None, "tenant_id", False, "has no expression"),
        ("true", "tenant_id", False, "does not compare tenant_id"),
        (f"({TENANT} OR true)", "tenant_id", False, "does not fail closed (true)"),
        (f"({TENANT} OR {KEY})", "tenant_id", True, "lets rows of other tenants through"),
        (TENANT.replace("tenant_id =", "owner_id ="), "tenant_id", False, "does not compare"),
        (TENANT.replace("app.tenant_id", "app.user_id"), "tenant_id", False, "does not compare"),
        ("(tenant_id IS NOT NULL)", "tenant_id", False, "does not compare"),
        (f"({TENANT} OR ('x OR y'::text = 'x OR y'::text))", "tenant_id", False, "fail closed"),
    ],
)
def test_not_fail_closed(
    expr: str | None, column: str | None, tenant_only: bool, expected: str
) -> None:
    problem = _expression_problem(expr, column, tenant_only=tenant_only)
    assert problem is not None and expected in problem
