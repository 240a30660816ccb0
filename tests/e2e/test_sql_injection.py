"""SQL-injection probes in every string parameter (ids in paths, cursors and filters in query
strings, names, emails and passwords in bodies): each is refused or stored literally, never
an error, never another client's data, and the data of both clients is unchanged after."""

from __future__ import annotations

import urllib.parse
import uuid
from typing import Any

import pytest

from scripts.stack import Stack
from tests.support.api import Api
from tests.support.security import Tenant, login

pytestmark = pytest.mark.e2e

PROBES = (
    "' OR '1'='1",
    "'; DROP TABLE candidates; --",
    "1' UNION SELECT id::text, tenant_id::text FROM users --",
    "%' OR 1=1 --",
    "\\'; SELECT pg_sleep(5); --",
    '" OR ""="',
    "$$; DROP TABLE parse_jobs; $$",
    "') OR current_setting('app.tenant_id', true) IS NULL --",
    "*/ OR 1=1 /*",
    "00000000-0000-0000-0000-000000000000' OR 'a'='a",
    "abc\x00def",
)


def _snapshot(tenant: Tenant) -> dict[str, Any]:
    api = tenant.admin
    return {
        path: sorted(row["id"] for row in api.list_all(path))
        for path in ("/v1/jobs", "/v1/candidates", "/v1/users", "/v1/api-keys")
    }


def _foreign_ids(tenant: Tenant) -> set[str]:
    return {
        tenant.job_id,
        tenant.candidate_id,
        tenant.client_id,
        *(user.id for user in tenant.users.values()),
        *tenant.key_ids.values(),
    }


def test_injection_probes_change_nothing_and_leak_nothing(
    stack: Stack, admin: Api, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    before = (_snapshot(tenant_a), _snapshot(tenant_b))
    b = tenant_b.keys["client_admin"]
    leaks = _foreign_ids(tenant_a)

    def check(response: Any, where: str) -> None:
        assert response.status_code < 500, (where, response.status_code, response.text)
        assert not any(leak in response.text for leak in leaks), (where, response.text)

    for probe in PROBES:
        quoted = urllib.parse.quote(probe, safe="")
        for path in ("jobs", "candidates", "users", "api-keys", "clients"):
            check(b.get(f"/v1/{path}/{quoted}"), f"GET {path}/<probe>")
        check(b.http.patch(f"/v1/users/{quoted}", json={"name": probe}), "PATCH users/<probe>")
        check(b.http.delete(f"/v1/api-keys/{quoted}"), "DELETE api-keys/<probe>")
        for path in ("/v1/jobs", "/v1/candidates", "/v1/users", "/v1/api-keys", "/v1/audit-events"):
            check(b.get(path, params={"cursor": probe}), f"{path}?cursor")
        check(b.get("/v1/jobs", params={"status": probe}), "jobs?status")
        check(b.get("/v1/audit-events", params={"action": probe}), "audit-events?action")
        for field in ("client_id", "email", "password"):
            body = {"client_id": tenant_a.client_id, "email": "x@example.com", "password": "p" * 9}
            body[field] = probe
            with_probe = login(
                stack.base_url,
                body["client_id"],
                body["email"],
                body["password"],
                ip="198.51.100.70",
            )
            check(with_probe, f"login {field}")
            assert with_probe.status_code in (401, 422, 429), with_probe.text

        # Writes that accept free text store it literally (parameters, not SQL).
        if "\x00" in probe:
            for path, body in (
                (
                    "/v1/users",
                    {
                        "email": "nul@example.com",
                        "name": probe,
                        "role": "viewer",
                        "password": "plum-orbit-nul-byte",
                    },
                ),
                ("/v1/api-keys", {"name": probe, "role": "viewer"}),
            ):
                response = b.http.post(path, json=body)
                check(response, f"POST {path} NUL")
                assert response.status_code == 422, response.text
            continue
        key = b.http.post("/v1/api-keys", json={"name": probe, "role": "viewer"})
        check(key, "POST api-keys")
        assert key.status_code == 201 and key.json()["name"] == probe
        email = f"sqli.{uuid.uuid4().hex[:8]}@example.com"
        user = b.http.post(
            "/v1/users",
            json={"email": email, "name": probe, "role": "viewer", "password": "plum-orbit-sqli"},
        )
        check(user, "POST users")
        assert user.status_code == 201 and user.json()["name"] == probe
        renamed = admin.http.patch(f"/v1/clients/{tenant_b.client_id}", json={"name": probe})
        assert renamed.status_code == 200 and renamed.json()["name"] == probe

    # Both clients' data as it was (B only gained the keys and users made above).
    after_a, after_b = _snapshot(tenant_a), _snapshot(tenant_b)
    assert after_a == before[0]
    for path in ("/v1/jobs", "/v1/candidates"):
        assert after_b[path] == before[1][path]
    assert set(before[1]["/v1/users"]) <= set(after_b["/v1/users"])
    admin.http.patch(f"/v1/clients/{tenant_b.client_id}", json={"name": "Tenant B"})
