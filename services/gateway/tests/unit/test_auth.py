"""Authenticator: admin token, API keys and access tokens resolved against a fake tenants
stub; answers and refusals cached; refusals counted by method and reason."""

from __future__ import annotations

import pytest
from prometheus_client import REGISTRY

from ats_backend.core.errors import Unauthenticated
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb
from services.gateway.tests.unit.fakes import (
    ADMIN_TOKEN,
    CLIENT,
    KEY_ID,
    SESSION,
    USER,
    FakeTenants,
    Gateway,
)


def failures(method: str, reason: str) -> float:
    labels = {"method": method, "reason": reason}
    return REGISTRY.get_sample_value("ats_auth_failures_total", labels) or 0.0


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_admin_token(gateway: Gateway) -> None:
    me = await gateway.http.get("/v1/auth/me", headers=bearer(ADMIN_TOKEN))
    assert me.status_code == 200, me.text
    assert me.json() == {
        "kind": "platform_admin",
        "id": "platform_admin",
        "client_id": None,
        "role": "platform_admin",
    }
    assert gateway.tenants.calls == []


async def test_api_key_resolved_once_then_cached(gateway: Gateway) -> None:
    for _ in range(3):
        me = await gateway.http.get("/v1/auth/me", headers=bearer("ats_secret"))
        assert me.status_code == 200, me.text
    assert me.json() == {
        "kind": "api_key",
        "id": KEY_ID,
        "client_id": CLIENT,
        "role": "client_admin",
    }
    assert len(gateway.tenants.called("ResolveApiKey")) == 1


async def test_refused_api_key_is_cached_and_counted(
    gateway: Gateway, tenants: FakeTenants
) -> None:
    tenants.answers["ResolveApiKey"] = Unauthenticated("unknown key", reason="invalid_credentials")
    before = failures("api_key", "invalid_credentials")
    for _ in range(3):
        response = await gateway.http.get("/v1/auth/me", headers=bearer("ats_wrong"))
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert len(tenants.called("ResolveApiKey")) == 1
    assert failures("api_key", "invalid_credentials") == before + 3


async def test_access_token_resolves_the_current_role(
    gateway: Gateway, tenants: FakeTenants
) -> None:
    me = await gateway.http.get("/v1/auth/me", headers=bearer(gateway.user_token()))
    assert me.status_code == 200, me.text
    assert me.json() == {"kind": "user", "id": USER, "client_id": CLIENT, "role": "recruiter"}
    (call,) = tenants.called("ResolveSession")
    assert (call.request.client_id, call.request.user_id, call.request.session_id) == (
        CLIENT,
        USER,
        SESSION,
    )
    assert call.metadata["x-ats-tenant-id"] == CLIENT


async def test_a_revoked_session_is_401_and_counted(gateway: Gateway, tenants: FakeTenants) -> None:
    # What tenants answers for a revoked session (or an inactive user): no more than that.
    tenants.answers["ResolveSession"] = Unauthenticated(
        "invalid session", reason="invalid_credentials"
    )
    before = failures("token", "invalid_credentials")
    response = await gateway.http.get("/v1/auth/me", headers=bearer(gateway.user_token()))
    assert response.status_code == 401
    assert failures("token", "invalid_credentials") == before + 1


async def test_unknown_reasons_fold_into_invalid_credentials(
    gateway: Gateway, tenants: FakeTenants
) -> None:
    tenants.answers["ResolveSession"] = Unauthenticated("no", reason="something_new")
    before = failures("token", "invalid_credentials")
    response = await gateway.http.get("/v1/auth/me", headers=bearer(gateway.user_token()))
    assert response.status_code == 401
    assert failures("token", "invalid_credentials") == before + 1
    assert failures("token", "something_new") == 0


async def test_a_forged_token_never_reaches_tenants(gateway: Gateway, tenants: FakeTenants) -> None:
    token = gateway.user_token()
    head, body, signature = token.split(".")
    forged = f"{head}.{body}.{signature[::-1]}"
    before = failures("token", "invalid_token")
    response = await gateway.http.get("/v1/auth/me", headers=bearer(forged))
    assert response.status_code == 401
    assert response.json()["reason"] == "invalid_token"
    assert tenants.called("ResolveSession") == []
    assert failures("token", "invalid_token") == before + 1


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer   ", "Basic abc", "ats_key"])
async def test_missing_credentials(gateway: Gateway, header: str) -> None:
    before = failures("none", "missing_credentials")
    response = await gateway.http.get("/v1/auth/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["reason"] == "missing_credentials"
    assert failures("none", "missing_credentials") == before + 1


async def test_logout_revokes_and_forgets_the_session_here(
    gateway: Gateway, tenants: FakeTenants
) -> None:
    tenants.answers["Logout"] = pb.LogoutResponse()
    token = gateway.user_token()
    assert (await gateway.http.get("/v1/auth/me", headers=bearer(token))).status_code == 200
    response = await gateway.http.post(
        "/v1/auth/logout", headers={**bearer(token), "On-Behalf-Of": "someone"}
    )
    assert response.status_code == 204, response.text
    (call,) = tenants.called("Logout")
    assert call.request.session_id == SESSION
    assert call.request.actor == pb.Actor(
        kind="user", id=USER, source_ip="203.0.113.7", on_behalf_of="someone"
    )
    # The cached answer is gone: the next use asks tenants, which now refuses.
    tenants.answers["ResolveSession"] = Unauthenticated("revoked", reason="invalid_credentials")
    assert (await gateway.http.get("/v1/auth/me", headers=bearer(token))).status_code == 401


async def test_logout_with_an_api_key_is_403(gateway: Gateway, tenants: FakeTenants) -> None:
    response = await gateway.http.post("/v1/auth/logout", headers=bearer("ats_secret"))
    assert response.status_code == 403
    assert tenants.called("Logout") == []


async def test_a_full_cache_evicts_its_oldest_answer_not_every_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A flood of made-up keys fills the cache; good callers' answers must survive it, so
    the oldest entry goes, not all of them."""
    from ats_backend.gateway import auth
    from ats_backend.gateway.access_tokens import AccessTokens

    monkeypatch.setattr(auth, "_CACHE_LIMIT", 3)
    tenants = FakeTenants()
    tenants.answers["ResolveApiKey"] = lambda request: pb.ResolveApiKeyResponse(
        client_id=CLIENT, key_id=request.api_key, role="viewer"
    )
    tokens = AccessTokens([("k1", "x" * 32)], issuer="ats", audience="ats-api", lifetime=60)
    authenticator = auth.Authenticator(tenants, "a" * 32, tokens, 60.0, 1.0)  # type: ignore[arg-type]
    for key in ("ats_one_xxxxxxxxxxxxxxxxxx", "ats_two_xxxxxxxxxxxxxxxxxx"):
        await authenticator.resolve(key)
    await authenticator.resolve("ats_one_xxxxxxxxxxxxxxxxxx")  # cached: no call
    assert len(tenants.called("ResolveApiKey")) == 2
    for key in ("ats_three_xxxxxxxxxxxxxxxx", "ats_four_xxxxxxxxxxxxxxxxx"):
        await authenticator.resolve(key)
    # "one" was the oldest and went; "two", "three" and "four" are still cached.
    for key in ("ats_two_xxxxxxxxxxxxxxxxxx", "ats_three_xxxxxxxxxxxxxxxx"):
        await authenticator.resolve(key)
    assert len(tenants.called("ResolveApiKey")) == 4
    await authenticator.resolve("ats_one_xxxxxxxxxxxxxxxxxx")
    assert len(tenants.called("ResolveApiKey")) == 5
