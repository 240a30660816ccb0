"""Helpers of the security end-to-end tests: clients with users of every role, logins as a
browser would make them, and the gateway's own evidence (its log and its metrics)."""

from __future__ import annotations

import dataclasses
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from tests.support.api import Api
from tests.support.resumes import resume_pdf, unique_person

ROLES = ("client_admin", "recruiter", "viewer")


def new_password() -> str:
    """A password no list of common passwords holds."""
    return f"plum-orbit-{uuid.uuid4().hex[:12]}"


@dataclasses.dataclass
class User:
    id: str
    email: str
    password: str
    role: str


@dataclasses.dataclass
class Tenant:
    """One client: its bootstrap admin key, a key and a user per role, and parsed data."""

    client_id: str
    base_url: str
    admin: Api
    keys: dict[str, Api]
    key_ids: dict[str, str]
    users: dict[str, User]
    job_id: str = ""
    document_id: str = ""
    candidate_id: str = ""

    def login(self, role: str, ip: str = "198.51.100.10") -> httpx.Response:
        user = self.users[role]
        return login(self.base_url, self.client_id, user.email, user.password, ip=ip)

    def user_api(self, role: str, ip: str = "198.51.100.10") -> Api:
        response = self.login(role, ip)
        assert response.status_code == 200, response.text
        return Api(self.base_url, response.json()["access_token"], client_id=self.client_id)


def login(
    base_url: str, client_id: str, email: str, password: str, *, ip: str = "198.51.100.10"
) -> httpx.Response:
    """POST /v1/auth/login as if from ``ip`` (the gateway trusts X-Forwarded-For from its
    local proxy, which the test client is)."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        return http.post(
            "/v1/auth/login",
            json={"client_id": client_id, "email": email, "password": password},
            headers={"X-Forwarded-For": ip},
        )


def make_tenant(base_url: str, admin: Api, name: str, *, with_data: bool = True) -> Tenant:
    created = admin.http.post("/v1/clients", json={"name": name})
    assert created.status_code == 201, created.text
    body = created.json()
    client_id = body["client"]["id"]
    bootstrap = Api(base_url, body["api_key"]["secret"], client_id=client_id)
    keys: dict[str, Api] = {}
    key_ids: dict[str, str] = {}
    users: dict[str, User] = {}
    for role in ROLES:
        key = bootstrap.http.post("/v1/api-keys", json={"name": f"{role} key", "role": role})
        assert key.status_code == 201, key.text
        keys[role] = Api(base_url, key.json()["secret"], client_id=client_id)
        key_ids[role] = key.json()["id"]
        email = f"{role}.{uuid.uuid4().hex[:8]}@example.com"
        password = new_password()
        user = bootstrap.http.post(
            "/v1/users",
            json={"email": email, "name": f"A {role}", "role": role, "password": password},
        )
        assert user.status_code == 201, user.text
        users[role] = User(user.json()["id"], email, password, role)
    tenant = Tenant(client_id, base_url, bootstrap, keys, key_ids, users)
    if with_data:
        upload = bootstrap.upload_one("cv.pdf", resume_pdf(unique_person(uuid.uuid4().hex[:8])))
        job = bootstrap.wait_job(upload["job"]["id"])
        assert job["status"] == "parsed", job
        tenant.job_id = job["id"]
        tenant.document_id = upload["document_id"]
        tenant.candidate_id = job["candidate_id"]
    return tenant


def gateway_metric(base_url: str, name: str, labels: str = "") -> float:
    """Sum of the gateway's samples of ``name`` whose label text contains ``labels``."""
    text = httpx.get(base_url + "/monitoring/metrics", timeout=10).text
    total = 0.0
    for line in text.splitlines():
        named = line.startswith(name + "{") or line.startswith(name + " ")
        if named and labels in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def log_lines(log_dir: Path, service: str, contains: str) -> list[str]:
    path = log_dir / f"{service}.log"
    if not path.exists():
        return []
    return [line for line in path.read_text(errors="replace").splitlines() if contains in line]


def wait_for(predicate: Any, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())
