"""A scripted brute force: 1,000 wrong passwords for one account from one IP. The IP is
throttled (429 with Retry-After) and the account locked, so even the right password is then
refused; every attempt is logged as ``Login failed for <user> from <ip>`` (the IP last, as the
runbook's `awk '{print $NF}'` expects) and counted in ``ats_auth_failures_total``."""

from __future__ import annotations

import json

import httpx
import pytest

from scripts.stack import Stack
from tests.support.api import Api
from tests.support.security import gateway_metric, log_lines, login, make_tenant

pytestmark = pytest.mark.e2e

ATTACKER = "203.0.113.66"
OWNER_IP = "203.0.113.67"
ATTEMPTS = 1000


def test_a_thousand_wrong_passwords_end_in_throttling_and_lockout(stack: Stack, admin: Api) -> None:
    tenant = make_tenant(stack.base_url, admin, "Brute force target", with_data=False)
    victim = tenant.users["recruiter"]
    failures_before = gateway_metric(stack.base_url, "ats_auth_failures_total", 'method="password"')
    throttled_before = gateway_metric(
        stack.base_url, "ats_auth_failures_total", 'reason="throttled"'
    )

    statuses: dict[int, int] = {}
    retry_afters: list[int] = []
    with httpx.Client(base_url=stack.base_url, timeout=30) as http:
        for attempt in range(ATTEMPTS):
            response = http.post(
                "/v1/auth/login",
                json={
                    "client_id": tenant.client_id,
                    "email": victim.email,
                    "password": f"guess-{attempt:04d}-{victim.password[::-1]}",
                },
                headers={"X-Forwarded-For": ATTACKER},
            )
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code == 429:
                retry_afters.append(int(response.headers["Retry-After"]))
    assert set(statuses) <= {401, 429}, statuses
    assert statuses.get(429, 0) >= ATTEMPTS - 100, statuses  # the IP is throttled early on
    assert retry_afters and min(retry_afters) >= 1

    # The account is locked: the owner's right password, from another address, is refused
    # the same way as a wrong one, and the lockout is in the client's audit log.
    refused = login(stack.base_url, tenant.client_id, victim.email, victim.password, ip=OWNER_IP)
    assert refused.status_code == 401 and refused.json()["reason"] == "invalid_credentials"
    actions = [event["action"] for event in tenant.admin.list_all("/v1/audit-events")]
    assert "login.locked" in actions
    assert "login.succeeded" not in actions

    # Logged and counted, every one of them.
    assert stack.log_dir is not None
    lines = log_lines(stack.log_dir, "gateway", f"Login failed for {victim.email} from")
    messages = [json.loads(line)["message"] for line in lines]
    from_attacker = [m for m in messages if m.split()[-1] == ATTACKER]
    assert len(from_attacker) == ATTEMPTS
    assert [m for m in messages if m.split()[-1] == OWNER_IP]
    assert all(line.split()[-1].rstrip('"}') in (ATTACKER, OWNER_IP) for line in lines)
    counted = gateway_metric(stack.base_url, "ats_auth_failures_total", 'method="password"')
    assert counted - failures_before == ATTEMPTS + 1
    throttled = gateway_metric(stack.base_url, "ats_auth_failures_total", 'reason="throttled"')
    assert throttled - throttled_before == statuses[429]
