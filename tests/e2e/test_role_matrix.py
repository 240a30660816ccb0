"""Every /v1 endpoint against every role, with API keys and with users' access tokens alike:
a role without the permission gets 403; a role with it gets past authorisation (whatever the
request then deserves: 200, 404 for an unknown id, 422 for the deliberately invalid bodies that
keep these probes from changing anything). The matrix is the one in docs/api.md."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from scripts.stack import Stack
from tests.support.api import Api
from tests.support.security import Tenant

pytestmark = pytest.mark.e2e

ALL = {"platform_admin", "client_admin", "recruiter", "viewer"}
CLIENT_ROLES = {"client_admin", "recruiter", "viewer"}
WRITERS = {"client_admin", "recruiter"}
ADMINS = {"client_admin"}
PLATFORM = {"platform_admin"}

# Proven in their own tests (test_auth_sessions.py): they take no role.
_ELSEWHERE = {
    ("POST", "/v1/auth/login"),
    ("POST", "/v1/auth/refresh"),
    ("POST", "/v1/auth/logout"),
}


def _own_or_random(t: Tenant, role: str) -> str:
    # Client principals name their own client (and are refused before it matters); the
    # platform admin names an unknown one, so nothing is deactivated by this probe.
    return t.client_id if role != "platform_admin" else str(uuid.uuid4())


Probe = tuple[str, Callable[[Tenant, str], str], dict[str, Any] | None, set[str]]

# (method, path template) -> (method, path for the tenant and role, JSON body, allowed roles)
MATRIX: dict[tuple[str, str], Probe] = {
    ("POST", "/v1/clients"): ("POST", lambda t, r: "/v1/clients", {"name": ""}, PLATFORM),
    ("GET", "/v1/clients"): ("GET", lambda t, r: "/v1/clients", None, PLATFORM),
    ("GET", "/v1/clients/{client_id}"): (
        "GET",
        lambda t, r: f"/v1/clients/{t.client_id}",
        None,
        ALL,
    ),
    ("PATCH", "/v1/clients/{client_id}"): (
        "PATCH",
        lambda t, r: f"/v1/clients/{_own_or_random(t, r)}",
        {"name": ""},
        PLATFORM,
    ),
    ("POST", "/v1/clients/{client_id}/deactivate"): (
        "POST",
        lambda t, r: f"/v1/clients/{_own_or_random(t, r)}/deactivate",
        None,
        PLATFORM,
    ),
    ("POST", "/v1/clients/{client_id}/reactivate"): (
        "POST",
        lambda t, r: f"/v1/clients/{_own_or_random(t, r)}/reactivate",
        None,
        PLATFORM,
    ),
    ("GET", "/v1/admin/rls-audit"): ("GET", lambda t, r: "/v1/admin/rls-audit", None, PLATFORM),
    ("POST", "/v1/documents"): ("POST", lambda t, r: "/v1/documents", None, WRITERS),
    ("POST", "/v1/parse"): ("POST", lambda t, r: "/v1/parse", None, WRITERS),
    ("GET", "/v1/jobs"): ("GET", lambda t, r: "/v1/jobs", None, CLIENT_ROLES),
    ("GET", "/v1/jobs/{job_id}"): ("GET", lambda t, r: f"/v1/jobs/{t.job_id}", None, CLIENT_ROLES),
    ("GET", "/v1/candidates"): ("GET", lambda t, r: "/v1/candidates", None, CLIENT_ROLES),
    ("GET", "/v1/candidates/{candidate_id}"): (
        "GET",
        lambda t, r: f"/v1/candidates/{t.candidate_id}",
        None,
        CLIENT_ROLES,
    ),
    ("POST", "/v1/users"): ("POST", lambda t, r: "/v1/users", {"email": "not-an-email"}, ADMINS),
    ("GET", "/v1/users"): ("GET", lambda t, r: "/v1/users", None, ADMINS),
    ("GET", "/v1/users/{user_id}"): (
        "GET",
        lambda t, r: f"/v1/users/{t.users['viewer'].id}",
        None,
        ADMINS,
    ),
    ("PATCH", "/v1/users/{user_id}"): (
        "PATCH",
        lambda t, r: f"/v1/users/{t.users['viewer'].id}",
        {"role": "owner"},
        ADMINS,
    ),
    ("POST", "/v1/api-keys"): ("POST", lambda t, r: "/v1/api-keys", {"name": ""}, ADMINS),
    ("GET", "/v1/api-keys"): ("GET", lambda t, r: "/v1/api-keys", None, ADMINS),
    ("DELETE", "/v1/api-keys/{key_id}"): (
        "DELETE",
        lambda t, r: f"/v1/api-keys/{uuid.uuid4()}",
        None,
        ADMINS,
    ),
    ("GET", "/v1/audit-events"): ("GET", lambda t, r: "/v1/audit-events", None, ADMINS),
    ("GET", "/v1/auth/me"): ("GET", lambda t, r: "/v1/auth/me", None, ALL),
}


def test_the_matrix_covers_every_v1_endpoint(stack: Stack) -> None:
    spec = httpx.get(stack.base_url + "/openapi.json", timeout=10).json()
    endpoints = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        if path.startswith("/v1/")
        for method in operations
    }
    assert endpoints == set(MATRIX) | _ELSEWHERE


@pytest.fixture(scope="module")
def principals(admin: Api, tenant_a: Tenant) -> dict[str, list[Api]]:
    """Each role's callers: its API key and its user's access token (the platform admin has
    its token only)."""
    callers: dict[str, list[Api]] = {"platform_admin": [admin]}
    for role in sorted(CLIENT_ROLES):
        callers[role] = [tenant_a.keys[role], tenant_a.user_api(role, ip="198.51.100.30")]
    return callers


@pytest.mark.parametrize("endpoint", sorted(MATRIX), ids=lambda e: f"{e[0]} {e[1]}")
def test_every_role_gets_what_the_matrix_says(
    endpoint: tuple[str, str], principals: dict[str, list[Api]], tenant_a: Tenant
) -> None:
    method, path_for, body, allowed = MATRIX[endpoint]
    for role, callers in principals.items():
        for caller in callers:
            response = caller.http.request(method, path_for(tenant_a, role), json=body)
            if role in allowed:
                assert response.status_code not in (401, 403), (role, response.text)
                assert response.status_code < 500, (role, response.text)
            else:
                assert response.status_code == 403, (role, response.text)
                assert response.json()["reason"] == "permission_denied"


def test_the_probes_changed_nothing(tenant_a: Tenant) -> None:
    viewer = tenant_a.admin.get(f"/v1/users/{tenant_a.users['viewer'].id}").json()
    assert viewer["role"] == "viewer" and viewer["is_active"] is True
    client = tenant_a.admin.get(f"/v1/clients/{tenant_a.client_id}").json()
    assert client["is_active"] is True and client["name"] == "Tenant A"
