"""Two clients side by side: neither can see or reach the other's data through any endpoint."""

from __future__ import annotations

import uuid

import pytest

from tests.support.api import Api
from tests.support.resumes import resume_pdf, unique_person

pytestmark = pytest.mark.e2e


def test_cross_client_access_is_404_and_listings_are_separate(client_a: Api, client_b: Api) -> None:
    data = resume_pdf(unique_person(uuid.uuid4().hex[:8]))
    upload_a = client_a.upload_one("a.pdf", data)
    job_a = client_a.wait_job(upload_a["job"]["id"])
    assert job_a["status"] == "parsed"
    candidate_a = job_a["candidate_id"]

    # Every read by id: exactly what an unknown id answers.
    for path in (f"/v1/jobs/{job_a['id']}", f"/v1/candidates/{candidate_a}"):
        foreign = client_b.get(path)
        missing = client_b.get(path.rsplit("/", 1)[0] + f"/{uuid.uuid4()}")
        assert foreign.status_code == missing.status_code == 404, path
        assert foreign.json()["title"] == missing.json()["title"]

    # Listings hold only one's own rows.
    assert candidate_a not in {c["id"] for c in client_b.list_all("/v1/candidates")}
    assert job_a["id"] not in {j["id"] for j in client_b.list_all("/v1/jobs")}
    assert candidate_a in {c["id"] for c in client_a.list_all("/v1/candidates")}

    # Dedupe is per client: B uploading A's exact bytes gets its own document and candidate.
    upload_b = client_b.upload_one("same.pdf", data)
    assert upload_b["duplicate"] is False
    assert upload_b["document_id"] != upload_a["document_id"]
    job_b = client_b.wait_job(upload_b["job"]["id"])
    assert job_b["status"] == "parsed" and job_b["candidate_id"] != candidate_a

    # A cursor made from A's listing does not open A's rows to B.
    second = client_a.upload_one("a2.pdf", resume_pdf(unique_person(uuid.uuid4().hex[:8])))
    assert client_a.wait_job(second["job"]["id"])["status"] == "parsed"
    page_a = client_a.get("/v1/candidates", params={"limit": 1}).json()
    assert page_a["next_cursor"], "A has two candidates: the first page has a cursor"
    leaked = client_b.get("/v1/candidates", params={"cursor": page_a["next_cursor"]}).json()
    a_ids = {c["id"] for c in client_a.list_all("/v1/candidates")}
    assert not a_ids & {c["id"] for c in leaked["data"]}


def test_idempotency_keys_are_per_client(client_a: Api, client_b: Api) -> None:
    key = f"shared-{uuid.uuid4()}"
    first = client_a.upload(("a.pdf", resume_pdf(unique_person(key + "a"))), idempotency_key=key)
    other = client_b.upload(("b.pdf", resume_pdf(unique_person(key + "b"))), idempotency_key=key)
    assert first.status_code == other.status_code == 202
    assert first.json()["uploads"][0]["job"]["id"] != other.json()["uploads"][0]["job"]["id"]
