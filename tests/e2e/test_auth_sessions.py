"""Users log in with a password and get a short-lived access token and a rotating refresh
token; logout ends the session; tampered tokens are refused; failures look alike."""

from __future__ import annotations

import base64
import json
import time
import uuid

import httpx
import pytest

from scripts.stack import Stack
from tests.support.api import Api
from tests.support.security import Tenant, login, new_password

pytestmark = pytest.mark.e2e


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _refresh(stack: Stack, token: str) -> httpx.Response:
    return httpx.post(
        stack.base_url + "/v1/auth/refresh", json={"refresh_token": token}, timeout=30
    )


def test_login_gives_a_token_that_acts_as_the_user(stack: Stack, tenant_a: Tenant) -> None:
    response = tenant_a.login("recruiter", ip="198.51.100.40")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert 0 < body["expires_in"] <= 3600
    assert body["refresh_token"].startswith("atsr_")
    assert body["user"]["role"] == "recruiter"
    assert "password" not in json.dumps(body["user"]) and "hash" not in json.dumps(body["user"])

    me = Api(stack.base_url, body["access_token"]).get("/v1/auth/me").json()
    assert me["kind"] == "user"
    assert me["id"] == tenant_a.users["recruiter"].id
    assert me["client_id"] == tenant_a.client_id
    assert me["role"] == "recruiter"

    header = body["access_token"].split(".")[0]
    decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    assert decoded["alg"] == "HS256" and decoded["kid"]


def test_failures_do_not_tell_unknown_users_from_wrong_passwords(
    stack: Stack, tenant_a: Tenant
) -> None:
    user = tenant_a.users["viewer"]
    attempts = [
        login(
            stack.base_url,
            tenant_a.client_id,
            user.email,
            "wrong-" + new_password(),
            ip="198.51.100.41",
        ),
        login(
            stack.base_url,
            tenant_a.client_id,
            f"nobody.{uuid.uuid4().hex}@example.com",
            new_password(),
            ip="198.51.100.41",
        ),
        login(stack.base_url, str(uuid.uuid4()), user.email, user.password, ip="198.51.100.41"),
    ]
    bodies = []
    for response in attempts:
        assert response.status_code == 401, response.text
        body = response.json()
        body.pop("request_id", None)
        bodies.append(body)
    assert bodies[0] == bodies[1] == bodies[2]
    assert bodies[0]["reason"] == "invalid_credentials"
    # One wrong password is far below the lockout threshold: the right one still works.
    assert tenant_a.login("viewer", ip="198.51.100.41").status_code == 200


def test_refresh_rotates_and_a_replayed_token_ends_the_session(
    stack: Stack, tenant_a: Tenant
) -> None:
    first = tenant_a.login("viewer", ip="198.51.100.42").json()
    second = _refresh(stack, first["refresh_token"])
    assert second.status_code == 200, second.text
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert Api(stack.base_url, rotated["access_token"]).get("/v1/jobs").status_code == 200

    # The spent token again: refused, and the whole session is revoked (theft detection).
    replay = _refresh(stack, first["refresh_token"])
    assert replay.status_code == 401
    assert _refresh(stack, rotated["refresh_token"]).status_code == 401
    events = tenant_a.admin.list_all("/v1/audit-events")
    assert any(event["action"] == "session.reuse_detected" for event in events)


def test_logout_revokes_the_session(stack: Stack, tenant_a: Tenant) -> None:
    session = tenant_a.login("recruiter", ip="198.51.100.43").json()
    api = Api(stack.base_url, session["access_token"])
    assert api.get("/v1/auth/me").status_code == 200
    assert api.http.post("/v1/auth/logout").status_code == 204
    assert _refresh(stack, session["refresh_token"]).status_code == 401
    # The access token stops within the auth cache bound (ATS_AUTH_CACHE_SECONDS=1 here).
    refused = False
    for _ in range(40):
        if api.get("/v1/auth/me").status_code == 401:
            refused = True
            break
        time.sleep(0.1)
    assert refused, "the logged-out token kept working past the cache bound"


def test_tampered_tokens_are_refused(stack: Stack, tenant_a: Tenant) -> None:
    token = tenant_a.login("viewer", ip="198.51.100.44").json()["access_token"]
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    escalated = _b64({**claims, "role": "client_admin"})
    forged = [
        f"{header}.{escalated}.{signature}",  # claims changed under a valid signature
        f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{payload}.",  # unsigned
        f"{_b64({'alg': 'HS256', 'kid': 'unknown', 'typ': 'JWT'})}.{payload}.{signature}",
        token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"),
    ]
    for bad in forged:
        response = Api(stack.base_url, bad).get("/v1/auth/me")
        assert response.status_code == 401, (bad, response.text)
    # A viewer's real token still cannot do a client admin's work.
    assert Api(stack.base_url, token).get("/v1/users").status_code == 403


def test_password_policy_is_applied_when_creating_users(tenant_a: Tenant) -> None:
    def create(password: str) -> httpx.Response:
        return tenant_a.admin.http.post(
            "/v1/users",
            json={
                "email": f"p.{uuid.uuid4().hex[:8]}@example.com",
                "name": "Policy",
                "role": "viewer",
                "password": password,
            },
        )

    for refused in ("short7!", "password", "Password123", "qwertyuiop", "x" * 129):
        response = create(refused)
        assert response.status_code == 422, (refused, response.text)
        assert any(error["field"].endswith("password") for error in response.json()["errors"])
    # Long passphrases are welcome; no composition rules.
    assert create("a long passphrase of lowercase words only " + "z" * 30).status_code == 201
    assert create(new_password()[:8] + "x").status_code == 201
