"""Deactivating a client takes its access away within the documented bound
(ATS_AUTH_CACHE_SECONDS, 1 s in these tests), holds its queued parse jobs without losing them,
and reactivation gives everything back."""

from __future__ import annotations

import asyncio
import time
import uuid

import asyncpg
import httpx
import pytest

from scripts.stack import Stack
from tests.support.api import Api
from tests.support.resumes import resume_pdf, unique_person
from tests.support.security import make_tenant, wait_for

pytestmark = pytest.mark.e2e

# The cache bound plus scheduling slack on a loaded two-core machine.
_PROPAGATION = 1.0 + 4.0


def _job_status(database_url: str, tenant_id: str, job_id: str) -> str:
    """The job's state in the database, read as the app role acting as the tenant (its own
    API credentials are refused while it is inactive)."""

    async def read() -> str:
        conn = await asyncpg.connect(database_url)
        try:
            async with conn.transaction():
                await conn.execute("SELECT set_config('app.tenant_id', $1, true)", tenant_id)
                status: str = await conn.fetchval(
                    "SELECT status FROM parse_jobs WHERE id = $1", uuid.UUID(job_id)
                )
                return status
        finally:
            await conn.close()

    return asyncio.run(read())


def test_deactivation_refuses_keys_tokens_and_logins_and_holds_jobs(
    stack: Stack, admin: Api, database: dict[str, str]
) -> None:
    tenant = make_tenant(stack.base_url, admin, "Deactivated later", with_data=False)
    key = tenant.keys["recruiter"]
    session = tenant.login("recruiter", ip="198.51.100.60").json()
    token = Api(stack.base_url, session["access_token"])
    assert key.get("/v1/jobs").status_code == token.get("/v1/jobs").status_code == 200

    # A job waiting in the queue when the client is deactivated: no parser is running yet.
    stack.stop_service("parser")
    try:
        upload = key.upload_one("cv.pdf", resume_pdf(unique_person(uuid.uuid4().hex[:8])))
        job_id = upload["job"]["id"]
        deactivated = admin.http.post(f"/v1/clients/{tenant.client_id}/deactivate")
        assert deactivated.status_code == 200, deactivated.text
        assert deactivated.json()["is_active"] is False
        changed_at = time.monotonic()
    finally:
        stack.start_service("parser")
    stack.wait_ready(90)

    # Refused within the bound: the key, the access token, the refresh token, a new login.
    assert wait_for(lambda: key.get("/v1/jobs").status_code == 401, _PROPAGATION)
    assert wait_for(lambda: token.get("/v1/jobs").status_code == 401, _PROPAGATION)
    assert time.monotonic() - changed_at < _PROPAGATION + 90  # parser restart included
    refresh = httpx.post(
        stack.base_url + "/v1/auth/refresh",
        json={"refresh_token": session["refresh_token"]},
        timeout=30,
    )
    assert refresh.status_code == 401
    assert tenant.login("viewer", ip="198.51.100.61").status_code == 401

    # The parser is running, and the job still is not parsed: it is held, not lost.
    time.sleep(6)  # three hold cycles of ATS_HELD_RETRY_SECONDS=2
    assert _job_status(database["app"], tenant.client_id, job_id) == "queued"
    client = admin.get(f"/v1/clients/{tenant.client_id}")  # the admin still sees the client
    assert client.status_code == 200 and client.json()["is_active"] is False

    reactivated = admin.http.post(f"/v1/clients/{tenant.client_id}/reactivate")
    assert reactivated.status_code == 200 and reactivated.json()["is_active"] is True
    assert wait_for(lambda: key.get("/v1/jobs").status_code == 200, _PROPAGATION)
    assert key.wait_job(job_id, timeout=60)["status"] == "parsed"
    # The session was not revoked by deactivation: the same token works again.
    assert token.get("/v1/jobs").status_code == 200
    assert tenant.login("viewer", ip="198.51.100.61").status_code == 200

    actions = [event["action"] for event in tenant.admin.list_all("/v1/audit-events")]
    assert "client.deactivated" in actions and "client.reactivated" in actions
