"""POST /v1/auth/login and /refresh against a fake tenants stub: the tokens answered, one
401 for every failure, the failure log line and metric, and the per-IP throttle's 429."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import jwt
import pytest
from prometheus_client import REGISTRY

from ats_backend.core.errors import Unauthenticated
from ats_backend.gateway.logsafe import loggable
from ats_backend.gateway.ratelimit import Decision
from services.gateway.tests.unit.fakes import (
    CLIENT,
    SESSION,
    USER,
    FakeTenants,
    Gateway,
    logged_in,
)

IP = "203.0.113.7"


def failures(reason: str, method: str = "password") -> float:
    labels = {"method": method, "reason": reason}
    return REGISTRY.get_sample_value("ats_auth_failures_total", labels) or 0.0


def credentials(**changes: str) -> dict[str, str]:
    return {"client_id": CLIENT, "email": "ada@example.com", "password": "pw-123456", **changes}


def failure_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("Login failed")]


async def test_login_answers_tokens_that_work(gateway: Gateway, tenants: FakeTenants) -> None:
    tenants.answers["Login"] = logged_in()
    response = await gateway.http.post(
        "/v1/auth/login", json=credentials(), headers={"User-Agent": "pytest"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 900
    assert body["refresh_token"] == "atsr_abc_def"
    assert 1_209_500 < body["refresh_expires_in"] <= 1_209_600
    assert body["user"]["id"] == USER and body["user"]["email"] == "ada@example.com"
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert (claims["sub"], claims["cid"], claims["sid"]) == (USER, CLIENT, SESSION)
    (call,) = tenants.called("Login")
    assert call.request.source_ip == IP and call.request.user_agent == "pytest"
    assert call.request.password == "pw-123456"

    me = await gateway.http.get(
        "/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.json() == {"kind": "user", "id": USER, "client_id": CLIENT, "role": "recruiter"}


@pytest.mark.parametrize("reason", ["invalid_credentials", "locked", "user_inactive"])
async def test_every_failure_is_the_same_401_logged_and_counted(
    gateway: Gateway, tenants: FakeTenants, caplog: pytest.LogCaptureFixture, reason: str
) -> None:
    tenants.answers["Login"] = Unauthenticated(f"detail of {reason}", reason=reason)
    before = failures("invalid_credentials")
    with caplog.at_level(logging.WARNING, logger="ats_backend.gateway.login"):
        response = await gateway.http.post("/v1/auth/login", json=credentials())
    assert response.status_code == 401
    body = response.json()
    assert (body["reason"], body["detail"]) == ("invalid_credentials", "invalid email or password")
    assert reason not in response.text or reason == "invalid_credentials"
    assert failure_lines(caplog) == [f"Login failed for ada@example.com from {IP}"]
    assert failures("invalid_credentials") == before + 1
    (record,) = [r for r in caplog.records if r.getMessage().startswith("Login failed")]
    assert record.levelno == logging.WARNING
    assert record.__dict__["source_ip"] == IP


async def test_a_malformed_client_id_fails_alike_without_asking_tenants(
    gateway: Gateway, tenants: FakeTenants, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="ats_backend.gateway.login"):
        response = await gateway.http.post("/v1/auth/login", json=credentials(client_id="acme"))
    assert response.status_code == 401
    assert response.json()["detail"] == "invalid email or password"
    assert tenants.called("Login") == []
    assert len(failure_lines(caplog)) == 1


async def test_the_logged_email_cannot_forge_lines_or_move_the_ip(
    gateway: Gateway, tenants: FakeTenants, caplog: pytest.LogCaptureFixture
) -> None:
    tenants.answers["Login"] = Unauthenticated("no", reason="invalid_credentials")
    # Control characters are refused outright (422, before any login is tried)...
    for control in ("eve@example.com\nLogin succeeded for admin", "eve\t@example.com", "e\x00"):
        refused = await gateway.http.post("/v1/auth/login", json=credentials(email=control))
        assert refused.status_code == 422
    # ...and what gets through is still made safe for a line-oriented log.
    evil = "eve@example.com from 10.0.0.1\u2028Login succeeded for admin\u200b" + "a" * 300
    with caplog.at_level(logging.WARNING, logger="ats_backend.gateway.login"):
        await gateway.http.post("/v1/auth/login", json=credentials(email=evil[:254]))
    (line,) = failure_lines(caplog)
    assert "\u2028" not in line and "\u200b" not in line
    assert line.split()[-1] == IP
    assert len(line.split()) == 6  # Login failed for <email> from <ip>


def test_loggable() -> None:
    assert loggable("a b\x00c\u200bd") == "a?b?c?d"
    assert loggable("") == "-"
    assert len(loggable("x" * 1000)) == 254


@dataclass
class FakeThrottle:
    allow: bool
    seen: list[str] = field(default_factory=list)

    failures: list[str] = field(default_factory=list)

    async def failed(self, ip: str) -> None:
        self.failures.append(ip)

    async def check(self, ip: str) -> Decision:
        self.seen.append(ip)
        return Decision(
            allowed=self.allow,
            scope="login_ip",
            limit=20,
            remaining=0,
            reset=60,
            retry_after=0 if self.allow else 3,
        )


async def test_throttled_is_429_without_asking_tenants(
    gateway: Gateway, tenants: FakeTenants, caplog: pytest.LogCaptureFixture
) -> None:
    gateway.app.state.login_throttle = FakeThrottle(allow=False)
    before = failures("throttled")
    with caplog.at_level(logging.WARNING, logger="ats_backend.gateway.login"):
        response = await gateway.http.post("/v1/auth/login", json=credentials())
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "3"
    assert response.json()["reason"] == "rate_limited"
    assert tenants.called("Login") == []
    assert failure_lines(caplog) == [f"Login failed for ada@example.com from {IP}"]
    assert failures("throttled") == before + 1
    assert gateway.app.state.login_throttle.seen == [IP]


async def test_allowed_by_the_throttle_goes_on(gateway: Gateway, tenants: FakeTenants) -> None:
    throttle = gateway.app.state.login_throttle = FakeThrottle(allow=True)
    tenants.answers["Login"] = logged_in()
    assert (await gateway.http.post("/v1/auth/login", json=credentials())).status_code == 200
    assert throttle.failures == []  # a success spends nothing
    tenants.answers["Login"] = Unauthenticated("no", reason="invalid_credentials")
    assert (await gateway.http.post("/v1/auth/login", json=credentials())).status_code == 401
    assert throttle.failures == [IP]  # a failure spends one


@pytest.mark.parametrize(
    "body",
    [
        {"client_id": CLIENT, "email": "a@b.co"},
        {"client_id": CLIENT, "email": "a@b.co", "password": "x" * 129},
    ],
)
async def test_invalid_bodies_are_422(gateway: Gateway, body: dict[str, str]) -> None:
    assert (await gateway.http.post("/v1/auth/login", json=body)).status_code == 422


async def test_refresh_answers_a_new_pair(gateway: Gateway, tenants: FakeTenants) -> None:
    tenants.answers["Refresh"] = logged_in()
    response = await gateway.http.post("/v1/auth/refresh", json={"refresh_token": "atsr_x_y"})
    assert response.status_code == 200, response.text
    assert response.json()["refresh_token"] == "atsr_abc_def"
    (call,) = tenants.called("Refresh")
    assert call.request.refresh_token == "atsr_x_y" and call.request.source_ip == IP


async def test_refused_refresh_is_401_and_counted(gateway: Gateway, tenants: FakeTenants) -> None:
    tenants.answers["Refresh"] = Unauthenticated("spent", reason="refresh_token_reused")
    before = failures("refresh_token_reused", method="refresh")
    response = await gateway.http.post("/v1/auth/refresh", json={"refresh_token": "atsr_x_y"})
    assert response.status_code == 401
    assert response.json()["reason"] == "invalid_credentials"
    assert failures("refresh_token_reused", method="refresh") == before + 1


def test_a_forwarded_address_that_is_no_address_is_unknown() -> None:
    """uvicorn passes on whatever a trusted proxy put in X-Forwarded-For: only a real
    address may name the caller in the throttle and the logs."""
    from starlette.requests import Request

    from ats_backend.gateway.deps import source_ip

    def request(host: str) -> Request:
        return Request({"type": "http", "client": (host, 1234), "headers": []})

    assert source_ip(request("203.0.113.7")) == "203.0.113.7"
    assert source_ip(request("2001:db8::1")) == "2001:db8::1"
    for forged in ("not-an-ip", "1.2.3.4 from 5.6.7.8", "", "1.2.3.4\nLogin failed"):
        assert source_ip(request(forged)) == "unknown"
