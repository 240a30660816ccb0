"""What counts as a fail-closed policy expression (as ``pg_get_expr`` prints them)."""

from __future__ import annotations

import pytest

from ats_backend.core.rls_audit import TableAudit, _audit_table, _expression_problem

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


# Which policies are judged: only those that apply to the app role. Records as the catalog
# queries return them (mappings, read by key).
APP, OWNER, PUBLIC = 16_400, 16_401, 0


def _table(*policies: dict[str, object]) -> TableAudit:
    row = {"schema": "public", "name": "notes", "owner": "ats_owner", "has_tenant": True}
    return _audit_table(
        {**row, "enabled": True, "forced": True}, list(policies), frozenset({PUBLIC, APP})
    )


def _policy(
    name: str, using: str | None, role_oids: list[int], cmd: str = "*"
) -> dict[str, object]:
    names = {PUBLIC: "PUBLIC", APP: "ats_app", OWNER: "ats_owner"}
    return {
        "name": name,
        "permissive": True,
        "cmd": cmd,
        "role_oids": role_oids,
        "roles": [names[oid] for oid in role_oids],
        "using_expr": using,
        "check_expr": None,
    }


def test_an_owner_only_true_policy_is_listed_but_not_judged() -> None:
    table = _table(
        _policy("notes_tenant_isolation", TENANT, [PUBLIC]),
        _policy("notes_owner_probe", "true", [OWNER], cmd="r"),
    )
    assert table.ok and table.fail_closed, table.findings
    probe = next(policy for policy in table.policies if policy.name == "notes_owner_probe")
    assert not probe.applies_to_app_role and probe.roles == ("ats_owner",)
    isolation = next(policy for policy in table.policies if policy.applies_to_app_role)
    assert isolation.roles == ("PUBLIC",)


@pytest.mark.parametrize("role_oids", [[PUBLIC], [APP], [OWNER, APP]])
def test_a_true_policy_for_public_or_the_app_role_is_a_finding(role_oids: list[int]) -> None:
    table = _table(
        _policy("notes_tenant_isolation", TENANT, [PUBLIC]),
        _policy("notes_everything", "true", role_oids, cmd="r"),
    )
    assert not table.ok and not table.fail_closed
    assert table.findings == (
        "table public.notes: policy notes_everything (SELECT) USING does not compare tenant_id"
        " to current_setting('app.tenant_id'): true",
    )


def test_a_table_with_owner_policies_only_is_a_finding() -> None:
    table = _table(_policy("notes_owner_probe", "true", [OWNER], cmd="r"))
    assert not table.fail_closed
    assert table.findings == (
        "table public.notes: has no row-level security policy for the app role",
    )
