"""The RLS audit through the running system: the platform admin reads a clean report (the
tenants service became ready with the audit as one of its readiness checks)."""

from __future__ import annotations

import pytest

from tests.support.api import Api

pytestmark = pytest.mark.e2e


def test_the_platform_admin_reads_a_clean_audit(admin: Api, client_a: Api) -> None:
    response = admin.http.get("/v1/admin/rls-audit")
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["ok"] is True, report["findings"]
    assert {"clients", "api_keys", "candidates"} <= {t["name"] for t in report["tables"]}
    assert report["role"]["name"] == "ats_app"

    refused = client_a.http.get("/v1/admin/rls-audit")
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
