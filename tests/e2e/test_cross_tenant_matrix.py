"""Client B tries every route that names an object by id, with client A's ids: each answers
exactly like a missing id (404), changes nothing, and leaves an ``RLS_BYPASS`` line in the
gateway's log and a count in ``ats_rls_bypass_attempts_total``. B's listings never hold A's
rows. B acts with its most powerful credentials: a client_admin API key and a client_admin
user's access token."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from scripts.stack import Stack
from tests.support.api import Api
from tests.support.security import Tenant, gateway_metric, log_lines

pytestmark = pytest.mark.e2e

_METRIC = "ats_rls_bypass_attempts_total"


def _targets(a: Tenant) -> list[tuple[str, str, dict[str, Any] | None]]:
    """(method, path with A's id, JSON body) for every route that takes an object id."""
    return [
        ("GET", f"/v1/jobs/{a.job_id}", None),
        ("GET", f"/v1/candidates/{a.candidate_id}", None),
        ("GET", f"/v1/users/{a.users['viewer'].id}", None),
        (
            "PATCH",
            f"/v1/users/{a.users['viewer'].id}",
            {"name": "taken over", "role": "client_admin"},
        ),
        ("PATCH", f"/v1/users/{a.users['recruiter'].id}", {"is_active": False}),
        ("DELETE", f"/v1/api-keys/{a.key_ids['viewer']}", None),
        ("GET", f"/v1/clients/{a.client_id}", None),
    ]


def test_every_route_with_an_id_is_in_the_matrix(stack: Stack) -> None:
    """A new route that takes an id must be added to ``_targets`` (or to the client-admin-only
    list below, whose routes B's roles are refused with 403 before any id is looked at)."""
    spec = httpx.get(stack.base_url + "/openapi.json", timeout=10).json()
    covered = {
        (method, template)
        for method, template in (
            ("GET", "/v1/jobs/{job_id}"),
            ("GET", "/v1/candidates/{candidate_id}"),
            ("GET", "/v1/users/{user_id}"),
            ("PATCH", "/v1/users/{user_id}"),
            ("DELETE", "/v1/api-keys/{key_id}"),
            ("GET", "/v1/clients/{client_id}"),
        )
    }
    platform_only = {
        ("PATCH", "/v1/clients/{client_id}"),
        ("POST", "/v1/clients/{client_id}/deactivate"),
        ("POST", "/v1/clients/{client_id}/reactivate"),
    }
    with_ids = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        if path.startswith("/v1/") and "{" in path
        for method in operations
    }
    assert with_ids == covered | platform_only


def _same_as_missing(
    foreign: httpx.Response, missing: httpx.Response, foreign_id: str, missing_id: str
) -> None:
    assert foreign.status_code == missing.status_code == 404, foreign.text
    a, b = foreign.json(), missing.json()
    for body in (a, b):
        body.pop("request_id", None)
    assert json.loads(json.dumps(a).replace(foreign_id, "ID")) == json.loads(
        json.dumps(b).replace(missing_id, "ID")
    )


@pytest.mark.parametrize("credential", ["api_key", "user_token"])
def test_client_b_cannot_reach_client_a_objects(
    stack: Stack, tenant_a: Tenant, tenant_b: Tenant, credential: str
) -> None:
    b = (
        tenant_b.keys["client_admin"]
        if credential == "api_key"
        else tenant_b.user_api("client_admin", ip="198.51.100.21")
    )
    before_user = tenant_a.admin.get(f"/v1/users/{tenant_a.users['viewer'].id}").json()
    before_metric = gateway_metric(stack.base_url, _METRIC)
    assert stack.log_dir is not None
    before_lines = len(log_lines(stack.log_dir, "gateway", "RLS_BYPASS"))

    targets = _targets(tenant_a)
    for method, path, body in targets:
        foreign_id = path.split("/")[3]
        missing_id = str(uuid.uuid4())
        foreign = b.http.request(method, path, json=body)
        missing = b.http.request(method, path.replace(foreign_id, missing_id), json=body)
        _same_as_missing(foreign, missing, foreign_id, missing_id)

    # Nothing changed: the user's name and role, the other user's state, the key.
    assert tenant_a.admin.get(f"/v1/users/{tenant_a.users['viewer'].id}").json() == before_user
    recruiter = tenant_a.admin.get(f"/v1/users/{tenant_a.users['recruiter'].id}").json()
    assert recruiter["is_active"] is True
    assert tenant_a.keys["viewer"].get("/v1/jobs").status_code == 200
    assert (
        tenant_a.keys["client_admin"].get(f"/v1/clients/{tenant_a.client_id}").json()["is_active"]
    )

    # Each attempt was counted and logged with B as the client. Missing ids were not, except
    # a client id: any client id but one's own is an attempt on another client.
    attempts = len(targets) + sum(path.startswith("/v1/clients/") for _, path, _ in targets)
    assert gateway_metric(stack.base_url, _METRIC) - before_metric == attempts
    lines = log_lines(stack.log_dir, "gateway", "RLS_BYPASS")[before_lines:]
    assert len(lines) == attempts, lines
    for line in lines:
        message = json.loads(line)["message"]
        assert f"client={tenant_b.client_id}" in message
        assert "ip=" in message and "actor=" in message and "resource=" in message


def test_listings_never_hold_another_clients_rows(tenant_a: Tenant, tenant_b: Tenant) -> None:
    b: Api = tenant_b.keys["client_admin"]
    a_ids = {
        tenant_a.job_id,
        tenant_a.candidate_id,
        *(user.id for user in tenant_a.users.values()),
        *tenant_a.key_ids.values(),
    }
    for path in ("/v1/jobs", "/v1/candidates", "/v1/users", "/v1/api-keys", "/v1/audit-events"):
        rows = b.list_all(path)
        assert rows, f"B has its own {path}"
        assert not a_ids & {row["id"] for row in rows}, path
        assert tenant_a.client_id not in json.dumps(rows), path
    # A platform listing is for the platform admin only.
    assert b.get("/v1/clients").status_code == 403
