"""The role matrix: every /v1 route declares its access (so a new route cannot forget it),
the matrix is the one of the design, and routes enforce it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from ats_backend.gateway.app import create_app
from ats_backend.gateway.auth import PLATFORM_ADMIN
from ats_backend.gateway.roles import ACCESS_ATTR, CLIENT_ROLES, ROLE_PERMISSIONS, Permission
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb
from services.gateway.tests.unit.fakes import (
    ADMIN_TOKEN,
    FakeTenants,
    Gateway,
    settings,
)

PUBLIC = {("POST", "/v1/auth/login"), ("POST", "/v1/auth/refresh")}


def declarations(dependant: Dependant) -> set[str]:
    found = set()
    for sub in dependant.dependencies:
        access = getattr(sub.call, ACCESS_ATTR, None)
        if access is not None:
            found.add(access)
        found |= declarations(sub)
    return found


def flattened(routes: list[Any]) -> list[APIRoute]:
    """The app's API routes; FastAPI (0.165) keeps an included router as one lazy entry."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif (included := getattr(route, "original_router", None)) is not None:
            found.extend(flattened(included.routes))
    return found


def v1_routes() -> list[APIRoute]:
    app = create_app(settings())
    routes = [r for r in flattened(app.routes) if r.path.startswith("/v1/")]
    assert len(routes) > 20
    return routes


def route_access() -> dict[tuple[str, str], set[str]]:
    return {
        (method, route.path): declarations(route.dependant)
        for route in v1_routes()
        for method in route.methods
    }


def test_every_v1_route_declares_its_access() -> None:
    undeclared = sorted(key for key, found in route_access().items() if not found)
    assert undeclared == [], f"routes without requires()/authenticated/public: {undeclared}"


def test_only_login_and_refresh_are_public() -> None:
    public = {key for key, found in route_access().items() if "public" in found}
    assert public == PUBLIC
    for key in PUBLIC:
        assert route_access()[key] == {"public"}  # and nothing there needs a principal


def test_each_route_declares_one_permission_at_most() -> None:
    permissions = {p.value for p in Permission}
    for key, found in route_access().items():
        assert len(found & permissions) <= 1, key


def test_docs_list_every_route_with_its_permission() -> None:
    docs = (Path(__file__).parents[4] / "docs" / "api.md").read_text()
    rows = dict(re.findall(r"^\| `([A-Z]+ /v1/[^`]+)` \| ([^|]+?) \|", docs, flags=re.M))
    for (method, path), found in route_access().items():
        documented = rows.get(f"{method} {path}")
        assert documented is not None, f"{method} {path} missing from docs/api.md#roles"
        (access,) = found
        assert access in documented, f"{method} {path}: docs say {documented}, code {access}"
    assert len(rows) == len(route_access())


def test_the_matrix_of_the_design() -> None:
    P = Permission
    expected = {
        P.CLIENTS_MANAGE: {PLATFORM_ADMIN},
        P.CLIENT_READ: {PLATFORM_ADMIN, "client_admin", "recruiter", "viewer"},
        P.RLS_AUDIT: {PLATFORM_ADMIN},
        P.DOCUMENTS_UPLOAD: {"client_admin", "recruiter"},
        P.DOCUMENTS_PARSE: {"client_admin", "recruiter"},
        P.DATA_READ: {"client_admin", "recruiter", "viewer"},
        P.USERS_MANAGE: {"client_admin"},
        P.API_KEYS_MANAGE: {"client_admin"},
        P.AUDIT_READ: {"client_admin"},
    }
    actual = {
        permission: {role for role, granted in ROLE_PERMISSIONS.items() if permission in granted}
        for permission in Permission
    }
    assert actual == expected
    assert set(ROLE_PERMISSIONS) == {PLATFORM_ADMIN, *CLIENT_ROLES}


def test_unknown_roles_have_no_permission() -> None:
    assert all(role in ROLE_PERMISSIONS for role in CLIENT_ROLES)
    assert ROLE_PERMISSIONS.get("superuser") is None


def as_role(tenants: FakeTenants, role: str) -> dict[str, str]:
    tenants.answers["ResolveApiKey"] = lambda request: pb.ResolveApiKeyResponse(
        client_id="0192f3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d", key_id=f"key-{role}", role=role
    )
    return {"Authorization": f"Bearer ats_{role}"}


@pytest.mark.parametrize(
    ("role", "method", "path", "body"),
    [
        (
            "viewer",
            "POST",
            "/v1/users",
            {"email": "a@b.co", "name": "A", "role": "viewer", "password": "plum-orbit-1234"},
        ),
        ("recruiter", "GET", "/v1/users", None),
        ("recruiter", "POST", "/v1/api-keys", {"name": "k", "role": "viewer"}),
        ("viewer", "GET", "/v1/audit-events", None),
        ("client_admin", "GET", "/v1/clients", None),
        ("client_admin", "GET", "/v1/admin/rls-audit", None),
        ("client_admin", "POST", "/v1/clients", {"name": "x"}),
        ("viewer", "POST", "/v1/parse", None),
        # Refused before the body is validated: no 422 tells a caller what it cannot do.
        ("viewer", "POST", "/v1/users", {"email": "not-an-email"}),
        ("recruiter", "PATCH", "/v1/users/some-id", {"role": "owner"}),
        ("client_admin", "POST", "/v1/clients", {"name": ""}),
        ("viewer", "POST", "/v1/api-keys", {"name": ""}),
    ],
)
async def test_a_role_without_the_permission_gets_403(
    gateway: Gateway, role: str, method: str, path: str, body: Any
) -> None:
    response = await gateway.http.request(
        method, path, json=body, headers=as_role(gateway.tenants, role)
    )
    assert response.status_code == 403, response.text
    assert response.json()["reason"] == "permission_denied"
    assert [c.method for c in gateway.tenants.calls] == ["ResolveApiKey"]


@pytest.mark.parametrize("path", ["/v1/jobs", "/v1/candidates", "/v1/users", "/v1/audit-events"])
async def test_the_platform_admin_on_a_client_endpoint_gets_403(
    gateway: Gateway, path: str
) -> None:
    response = await gateway.http.get(path, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.status_code == 403
    assert "acts for a client" in response.json()["detail"]
