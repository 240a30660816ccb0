"""A thin HTTP client for the gateway, as a client's integration code would use it."""

from __future__ import annotations

import time
from typing import Any

import httpx


class Api:
    def __init__(self, base_url: str, token: str, client_id: str | None = None) -> None:
        self.client_id = client_id
        self.http = httpx.Client(
            base_url=base_url, timeout=30, headers={"Authorization": f"Bearer {token}"}
        )

    def upload(
        self, *files: tuple[str, bytes], idempotency_key: str | None = None
    ) -> httpx.Response:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        return self.http.post(
            "/v1/documents",
            files=[("file", (name, data)) for name, data in files],
            headers=headers,
        )

    def upload_one(self, name: str, data: bytes) -> dict[str, Any]:
        response = self.upload((name, data))
        assert response.status_code == 202, response.text
        result: dict[str, Any] = response.json()["uploads"][0]
        return result

    def wait_job(self, job_id: str, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            job: dict[str, Any] = self.http.get(f"/v1/jobs/{job_id}").json()
            if job["status"] in ("parsed", "failed") or time.monotonic() > deadline:
                return job
            time.sleep(0.1)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def list_all(self, path: str, limit: int = 500) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        cursor = ""
        while True:
            page = self.http.get(path, params={"limit": limit, "cursor": cursor}).json()
            items.extend(page["data"])
            cursor = page["next_cursor"] or ""
            if not cursor:
                return items
