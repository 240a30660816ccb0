"""Cross-tenant ids: a service's NotFound(reason="cross_tenant"), or another client's id in a
/v1/clients path, is logged as RLS_BYPASS and counted, and answered exactly like a missing id."""

from __future__ import annotations

import logging

import pytest
from prometheus_client import REGISTRY

from ats_backend.core.errors import NotFound
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb
from services.gateway.tests.unit.fakes import (
    CLIENT,
    KEY_ID,
    OTHER_CLIENT,
    FakeTenants,
    Gateway,
    stamp,
)

KEY = {"Authorization": "Bearer ats_secret", "X-Request-ID": "fixed-request-id"}
IP = "203.0.113.7"


def attempts(resource: str) -> float:
    labels = {"resource": resource}
    return REGISTRY.get_sample_value("ats_rls_bypass_attempts_total", labels) or 0.0


def bypass_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage().startswith("RLS_BYPASS")]


async def test_cross_tenant_is_byte_for_byte_a_plain_404(
    gateway: Gateway, tenants: FakeTenants, caplog: pytest.LogCaptureFixture
) -> None:
    user_id = "0192f3c4-9999-7a8b-9c0d-1e2f3a4b5c6d"
    detail = f"user {user_id} not found"
    tenants.answers["GetUser"] = NotFound(detail, field="user_id")
    with caplog.at_level(logging.WARNING):
        missing = await gateway.http.get(f"/v1/users/{user_id}", headers=KEY)
    assert bypass_lines(caplog) == []

    tenants.answers["GetUser"] = NotFound(detail, reason="cross_tenant", field="user_id")
    before = attempts("user")
    with caplog.at_level(logging.WARNING):
        elsewhere = await gateway.http.get(f"/v1/users/{user_id}", headers=KEY)

    assert elsewhere.status_code == missing.status_code == 404
    assert elsewhere.content == missing.content
    assert elsewhere.headers == missing.headers
    assert elsewhere.json()["reason"] == "not_found"
    assert "cross_tenant" not in elsewhere.text
    assert attempts("user") == before + 1
    (record,) = bypass_lines(caplog)
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        f"RLS_BYPASS client={CLIENT} actor={KEY_ID} resource=GET /v1/users/{user_id} ip={IP}"
    )
    assert record.__dict__["caller_client_id"] == CLIENT
    assert record.__dict__["source_ip"] == IP


async def test_another_clients_id_in_a_clients_path(
    gateway: Gateway, tenants: FakeTenants, caplog: pytest.LogCaptureFixture
) -> None:
    before = attempts("client")
    with caplog.at_level(logging.WARNING):
        answers = [
            await gateway.http.get(f"/v1/clients/{OTHER_CLIENT}", headers=KEY),
            await gateway.http.patch(
                f"/v1/clients/{OTHER_CLIENT}", json={"name": "mine now"}, headers=KEY
            ),
            await gateway.http.post(f"/v1/clients/{OTHER_CLIENT}/deactivate", headers=KEY),
            await gateway.http.post(f"/v1/clients/{OTHER_CLIENT}/reactivate", headers=KEY),
        ]
    for response in answers:
        assert response.status_code == 404, response.text
        body = response.json()
        assert body["reason"] == "not_found"
        assert body["detail"] == "client not found"  # as tenants says of a missing client
    assert attempts("client") == before + 4
    assert len(bypass_lines(caplog)) == 4
    assert [c.method for c in tenants.calls] == ["ResolveApiKey"]


async def test_own_client_readable_but_not_manageable(
    gateway: Gateway, tenants: FakeTenants
) -> None:
    tenants.answers["GetClient"] = pb.Client(
        id=CLIENT, name="Acme", is_active=True, created_at=stamp()
    )
    own = await gateway.http.get(f"/v1/clients/{CLIENT}", headers=KEY)
    assert own.status_code == 200, own.text
    assert own.json()["name"] == "Acme"
    (call,) = tenants.called("GetClient")
    assert call.metadata["x-ats-tenant-id"] == CLIENT
    rename = await gateway.http.patch(f"/v1/clients/{CLIENT}", json={"name": "x"}, headers=KEY)
    assert rename.status_code == 403
    # One's own id written otherwise (capitals, no dashes) is still one's own, not an attack.
    for spelling in (CLIENT.upper(), CLIENT.replace("-", "")):
        again = await gateway.http.get(f"/v1/clients/{spelling}", headers=KEY)
        assert again.status_code == 200, again.text
    assert [c.request.client_id for c in tenants.called("GetClient")][-1] == CLIENT


async def test_the_logged_path_cannot_forge_fields_or_move_the_ip(
    gateway: Gateway, tenants: FakeTenants, caplog: pytest.LogCaptureFixture
) -> None:
    tenants.answers["GetUser"] = NotFound("user x not found", reason="cross_tenant")
    with caplog.at_level(logging.WARNING):
        await gateway.http.get("/v1/users/a%20ip=10.0.0.1%09x", headers=KEY)
    (record,) = bypass_lines(caplog)
    message = record.getMessage()
    assert message.split()[-1] == f"ip={IP}"
    assert "/v1/users/a?ip=10.0.0.1" in message  # the space made harmless
    assert len(message.split()) == 6  # RLS_BYPASS client= actor= resource=<method> <path> ip=
