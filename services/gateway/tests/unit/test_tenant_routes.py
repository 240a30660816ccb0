"""Clients, users, API keys and the audit log through HTTP, against a fake tenants stub: the
request each route makes (tenant, actor, On-Behalf-Of), status codes, paging."""

from __future__ import annotations

import json

import pytest

from ats_backend.core.errors import Conflict
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb
from services.gateway.tests.unit.fakes import (
    ADMIN_TOKEN,
    CLIENT,
    KEY_ID,
    USER,
    FakeTenants,
    Gateway,
    stamp,
    user,
)

KEY = {"Authorization": "Bearer ats_secret"}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
IP = "203.0.113.7"


def client(active: bool = True) -> pb.Client:
    return pb.Client(id=CLIENT, name="Acme", is_active=active, created_at=stamp())


def api_key(**fields: object) -> pb.ApiKey:
    return pb.ApiKey(
        id=KEY_ID,
        client_id=CLIENT,
        name="sync",
        role="viewer",
        prefix="ats_abcd",
        created_at=stamp(),
        **fields,  # type: ignore[arg-type]
    )


async def test_users_create_with_actor_and_on_behalf_of(
    gateway: Gateway, tenants: FakeTenants
) -> None:
    tenants.answers["CreateUser"] = user("viewer")
    response = await gateway.http.post(
        "/v1/users",
        json={"email": "ada@example.com", "name": "Ada", "role": "viewer", "password": "p" * 12},
        headers={**KEY, "On-Behalf-Of": USER},
    )
    assert response.status_code == 201, response.text
    assert response.json()["role"] == "viewer"
    assert "password" not in response.text
    (call,) = tenants.called("CreateUser")
    assert call.metadata["x-ats-tenant-id"] == CLIENT
    assert call.request.actor == pb.Actor(
        kind="api_key", id=KEY_ID, source_ip=IP, on_behalf_of=USER
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("email", "a b@example.com"),
        ("password", "short"),
        ("password", "p" * 129),
        ("role", "platform_admin"),
    ],
)
async def test_users_create_validates(gateway: Gateway, field: str, value: str) -> None:
    body = {"email": "ada@example.com", "name": "Ada", "role": "viewer", "password": "p" * 12}
    response = await gateway.http.post("/v1/users", json={**body, field: value}, headers=KEY)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


async def test_duplicate_email_is_409(gateway: Gateway, tenants: FakeTenants) -> None:
    tenants.answers["CreateUser"] = Conflict("email taken", field="email")
    response = await gateway.http.post(
        "/v1/users",
        json={"email": "ada@example.com", "name": "Ada", "role": "viewer", "password": "p" * 12},
        headers=KEY,
    )
    assert response.status_code == 409


async def test_users_update_sets_only_what_is_sent(gateway: Gateway, tenants: FakeTenants) -> None:
    tenants.answers["UpdateUser"] = user("viewer")
    response = await gateway.http.patch(
        f"/v1/users/{USER}", json={"role": "viewer", "is_active": False}, headers=KEY
    )
    assert response.status_code == 200, response.text
    (call,) = tenants.called("UpdateUser")
    assert call.request.HasField("role") and call.request.role == "viewer"
    assert call.request.HasField("is_active") and call.request.is_active is False
    assert not call.request.HasField("name") and not call.request.HasField("password")


async def test_users_list_pages_with_a_link(gateway: Gateway, tenants: FakeTenants) -> None:
    tenants.answers["ListUsers"] = pb.ListUsersResponse(users=[user()], next_cursor="c2")
    response = await gateway.http.get("/v1/users?limit=1", headers=KEY)
    assert response.status_code == 200
    assert response.json()["next_cursor"] == "c2"
    assert response.headers["Link"] == '</v1/users?limit=1&cursor=c2>; rel="next"'
    (call,) = tenants.called("ListUsers")
    assert (call.request.limit, call.request.cursor) == (1, "")


async def test_api_keys_create_list_revoke(gateway: Gateway, tenants: FakeTenants) -> None:
    tenants.answers["CreateApiKey"] = pb.CreateApiKeyResponse(
        api_key=api_key(), api_key_secret="ats_full_secret"
    )
    created = await gateway.http.post(
        "/v1/api-keys", json={"name": "sync", "role": "viewer"}, headers=KEY
    )
    assert created.status_code == 201, created.text
    assert created.json()["secret"] == "ats_full_secret"
    assert created.json()["id"] == KEY_ID

    tenants.answers["ListApiKeys"] = pb.ListApiKeysResponse(api_keys=[api_key(revoked_at=stamp())])
    listed = await gateway.http.get("/v1/api-keys?include_revoked=true", headers=KEY)
    assert listed.status_code == 200
    (key,) = listed.json()["data"]
    assert key["secret"] is None and key["revoked_at"] is not None
    assert tenants.called("ListApiKeys")[0].request.include_revoked is True

    tenants.answers["RevokeApiKey"] = api_key(revoked_at=stamp())
    revoked = await gateway.http.delete(f"/v1/api-keys/{KEY_ID}", headers=KEY)
    assert revoked.status_code == 204
    assert tenants.called("RevokeApiKey")[0].request.actor.id == KEY_ID


async def test_audit_events(gateway: Gateway, tenants: FakeTenants) -> None:
    tenants.answers["ListAuditEvents"] = pb.ListAuditEventsResponse(
        events=[
            pb.AuditEvent(
                id="e1",
                client_id=CLIENT,
                occurred_at=stamp(),
                action="login.failed",
                actor=pb.Actor(kind="anonymous", source_ip=IP),
                details_json=json.dumps({"email": "x@example.com"}),
            )
        ]
    )
    response = await gateway.http.get("/v1/audit-events?action=login.failed", headers=KEY)
    assert response.status_code == 200, response.text
    (event,) = response.json()["data"]
    assert event["action"] == "login.failed"
    assert event["actor"]["kind"] == "anonymous" and event["actor"]["source_ip"] == IP
    assert event["details"] == {"email": "x@example.com"}
    assert tenants.called("ListAuditEvents")[0].request.action == "login.failed"


async def test_platform_admin_manages_clients(gateway: Gateway, tenants: FakeTenants) -> None:
    tenants.answers["ListClients"] = pb.ListClientsResponse(clients=[client()])
    listed = await gateway.http.get("/v1/clients", headers=ADMIN)
    assert listed.status_code == 200, listed.text
    assert listed.json()["data"][0]["id"] == CLIENT

    tenants.answers["SetClientActive"] = client(active=False)
    off = await gateway.http.post(f"/v1/clients/{CLIENT}/deactivate", headers=ADMIN)
    assert off.status_code == 200 and off.json()["is_active"] is False
    (call,) = tenants.called("SetClientActive")
    assert call.request.is_active is False
    assert call.request.actor.kind == "platform_admin"
    assert "x-ats-tenant-id" not in call.metadata

    tenants.answers["UpdateClient"] = client()
    renamed = await gateway.http.patch(f"/v1/clients/{CLIENT}", json={"name": "A"}, headers=ADMIN)
    assert renamed.status_code == 200
    assert tenants.called("UpdateClient")[0].request.name == "A"


async def test_openapi_documents_the_new_routes(gateway: Gateway) -> None:
    spec = (await gateway.http.get("/openapi.json")).json()
    for path in ("/v1/auth/login", "/v1/users", "/v1/api-keys", "/v1/audit-events"):
        assert path in spec["paths"]
    login = spec["components"]["schemas"]["LoginRequest"]["properties"]
    assert login["email"]["examples"] == ["ada@example.com"]
