"""The walking skeleton through the gateway: upload, parse, read back; and bad input."""

from __future__ import annotations

import contextlib
import socket
import uuid
from collections.abc import Iterator

import httpx
import pytest

from scripts.stack import Stack
from tests.support.api import Api
from tests.support.resumes import corrupt_pdf, resume_pdf, unique_person

pytestmark = pytest.mark.e2e


def test_uploaded_resume_becomes_a_candidate(client_a: Api) -> None:
    person = unique_person(uuid.uuid4().hex[:8])
    response = client_a.upload(("jane.pdf", resume_pdf(person)))
    assert response.status_code == 202, response.text
    upload = response.json()["uploads"][0]
    assert upload["accepted"] and not upload["duplicate"]
    assert upload["job"]["status"] in ("queued", "parsing", "parsed")
    assert response.headers["Location"] == f"/v1/jobs/{upload['job']['id']}"
    assert response.headers["X-Request-ID"]

    job = client_a.wait_job(upload["job"]["id"])
    assert job["status"] == "parsed", job
    assert job["content_type"] == "application/pdf"
    candidate = client_a.get(f"/v1/candidates/{job['candidate_id']}").json()
    basics = candidate["profile"]["basics"]
    assert basics["name"] == person.name
    assert basics["email"] == person.email
    assert basics["phone"] == person.phone_e164
    skills = {s["name"] for s in candidate["profile"]["skills"]}
    assert {"Python", "PostgreSQL", "Kubernetes"} <= skills
    assert candidate["document_id"] == upload["document_id"]


def test_several_files_in_one_upload_each_get_a_job(client_a: Api) -> None:
    people = [unique_person(uuid.uuid4().hex[:8]) for _ in range(3)]
    response = client_a.upload(*((f"r{i}.pdf", resume_pdf(p)) for i, p in enumerate(people)))
    assert response.status_code == 202
    uploads = response.json()["uploads"]
    assert len({u["job"]["id"] for u in uploads}) == 3
    emails = set()
    for upload in uploads:
        job = client_a.wait_job(upload["job"]["id"])
        assert job["status"] == "parsed"
        emails.add(client_a.get(job["links"]["candidate"]).json()["profile"]["basics"]["email"])
    assert emails == {p.email for p in people}


def test_same_bytes_twice_are_one_document(client_a: Api) -> None:
    data = resume_pdf(unique_person(uuid.uuid4().hex[:8]))
    first = client_a.upload_one("a.pdf", data)
    second = client_a.upload_one("copy.pdf", data)
    assert second["duplicate"] is True
    assert second["document_id"] == first["document_id"]
    assert second["job"]["id"] == first["job"]["id"]


def test_idempotency_key_replays_the_first_answer_and_refuses_other_bytes(client_a: Api) -> None:
    key = f"idem-{uuid.uuid4()}"
    data = resume_pdf(unique_person(uuid.uuid4().hex[:8]))
    first = client_a.upload(("a.pdf", data), idempotency_key=key)
    again = client_a.upload(("a.pdf", data), idempotency_key=key)
    assert first.status_code == again.status_code == 202
    assert again.json()["uploads"][0]["job"]["id"] == first.json()["uploads"][0]["job"]["id"]
    assert again.json()["uploads"][0]["duplicate"] is False  # the first answer, replayed

    other = client_a.upload(
        ("b.pdf", resume_pdf(unique_person("other-" + key))), idempotency_key=key
    )
    assert other.status_code == 409
    assert other.json()["reason"] == "idempotency_key_reused"


def test_corrupt_pdf_job_fails_with_a_readable_reason(client_a: Api) -> None:
    upload = client_a.upload_one("broken.pdf", corrupt_pdf() + uuid.uuid4().bytes)
    job = client_a.wait_job(upload["job"]["id"])
    assert job["status"] == "failed"
    assert job["reason"] == "corrupt_document"
    assert "PDF" in job["detail"]
    assert job["candidate_id"] is None


def test_unsupported_type_is_415_naming_the_detected_type(client_a: Api) -> None:
    response = client_a.upload(("resume.pdf", b"PK\x03\x04" + b"\x00" * 200))
    assert response.status_code == 415
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "ZIP archive" in problem["detail"] and "application/zip" in problem["detail"]
    assert problem["request_id"] == response.headers["X-Request-ID"]


def test_oversized_file_is_413(client_a: Api) -> None:
    big = b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024 + 10)
    response = client_a.upload(("big.pdf", big))
    assert response.status_code == 413
    assert response.json()["reason"] == "payload_too_large"


def test_oversized_body_is_cut_off_before_it_is_read(stack: Stack, client_a: Api) -> None:
    # A 10 GB body is announced and only a few bytes are sent: the answer comes from the
    # headers alone, without waiting for (or reading) the body.
    token = client_a.http.headers["Authorization"]
    port = int(stack.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /v1/documents HTTP/1.1\r\nHost: x\r\n"
            + f"Authorization: {token}\r\n".encode()
            + b"Content-Type: multipart/form-data; boundary=x\r\n"
            + b"Content-Length: 10000000000\r\n\r\n--x\r\n"
        )
        received = b""
        while chunk := sock.recv(65536):  # the server closes the connection after answering
            received += chunk
        answer = received.decode("latin-1")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "payload_too_large" in answer


def test_empty_file_and_missing_file_are_clear_errors(client_a: Api) -> None:
    empty = client_a.upload(("empty.pdf", b""))
    assert empty.status_code == 422
    assert "empty" in empty.json()["detail"]
    no_file = client_a.http.post("/v1/documents", data={"note": "x"}, files={"other": ("", b"")})
    assert no_file.status_code in (422,)
    not_multipart = client_a.http.post("/v1/documents", json={"file": "x"})
    assert not_multipart.status_code == 422
    assert not_multipart.json()["reason"] == "not_multipart"


def test_credentials_are_required_and_checked(anonymous: httpx.Client) -> None:
    missing = anonymous.get("/v1/candidates")
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = anonymous.get("/v1/candidates", headers={"Authorization": "Bearer ats_" + "x" * 43})
    assert wrong.status_code == 401
    garbage = anonymous.get("/v1/jobs", headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert garbage.status_code == 401


def test_only_the_platform_admin_creates_clients(client_a: Api, admin: Api) -> None:
    denied = client_a.http.post("/v1/clients", json={"name": "Sneaky"})
    assert denied.status_code == 403
    invalid = admin.http.post("/v1/clients", json={"name": ""})
    assert invalid.status_code == 422
    assert invalid.json()["errors"][0]["field"] == "name"
    # The admin acts for no client.
    assert admin.get("/v1/candidates").status_code == 403


def test_unknown_ids_are_404(client_a: Api) -> None:
    for path in (
        f"/v1/jobs/{uuid.uuid4()}",
        f"/v1/candidates/{uuid.uuid4()}",
        "/v1/jobs/not-a-uuid",
    ):
        response = client_a.get(path)
        assert response.status_code == 404, path
        assert response.json()["status"] == 404


def test_candidates_and_jobs_paginate_with_cursor_and_link(client_a: Api) -> None:
    jobs = []
    for i in range(5):
        jobs.append(
            client_a.upload_one(f"p{i}.pdf", resume_pdf(unique_person(uuid.uuid4().hex)))["job"][
                "id"
            ]
        )
    for job_id in jobs:
        assert client_a.wait_job(job_id)["status"] == "parsed"

    first = client_a.get("/v1/candidates", params={"limit": 2})
    assert first.status_code == 200
    page = first.json()
    assert len(page["data"]) == 2 and page["next_cursor"]
    assert 'rel="next"' in first.headers["Link"] and page["next_cursor"] in first.headers["Link"]
    everything = client_a.list_all("/v1/candidates", limit=2)
    assert len(everything) == 5
    assert len({c["id"] for c in everything}) == 5
    ids = [c["id"] for c in everything]
    assert ids == sorted(ids, reverse=True)  # newest first (UUIDv7 order)

    listed_jobs = client_a.list_all("/v1/jobs", limit=3)
    assert {j["id"] for j in listed_jobs} == set(jobs)
    parsed_only = client_a.get("/v1/jobs", params={"status": "parsed"}).json()["data"]
    assert {j["id"] for j in parsed_only} == set(jobs)
    bad = client_a.get("/v1/jobs", params={"cursor": "%%%"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"
    too_many = client_a.get("/v1/jobs", params={"limit": 501})
    assert too_many.status_code == 422


def test_a_chunked_body_is_cut_off_once_it_passes_the_cap(stack: Stack, client_a: Api) -> None:
    # No Content-Length: the gateway counts the streamed body and stops at the cap
    # (files x per-file limit + framing: 20 x 2 MiB + 1 MiB in this stack).
    token = client_a.http.headers["Authorization"]
    port = int(stack.base_url.rsplit(":", 1)[1])
    part = (
        b'--x\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    )
    chunk = b"0" * (1024 * 1024)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            b"POST /v1/documents HTTP/1.1\r\nHost: x\r\n"
            + f"Authorization: {token}\r\n".encode()
            + b"Content-Type: multipart/form-data; boundary=x\r\n"
            + b"Transfer-Encoding: chunked\r\n\r\n"
            + f"{len(part):x}\r\n".encode()
            + part
            + b"\r\n"
        )
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for _ in range(60):  # 60 MiB, well past the 41 MiB cap
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
        received = b""
        with contextlib.suppress(ConnectionResetError):
            while data := sock.recv(65536):
                received += data
                if b"\r\n\r\n" in received and b"payload_too_large" in received:
                    break
    assert received.startswith(b"HTTP/1.1 413"), received[:300]
    assert b"payload_too_large" in received


def test_ingest_cuts_an_oversized_stream_off_itself(stack: Stack, client_a: Api) -> None:
    # Straight to ingest over gRPC, past the gateway's own checks.
    import grpc

    from ats_backend.core.grpc_client import error_from_rpc
    from ats_backend.proto.ingest.v1 import ingest_pb2, ingest_pb2_grpc

    def requests() -> Iterator[ingest_pb2.UploadRequest]:
        yield ingest_pb2.UploadRequest(header=ingest_pb2.UploadHeader(filename="big.pdf"))
        yield ingest_pb2.UploadRequest(chunk=b"%PDF-1.7\n" + b"0" * 65536)
        for _ in range(64):  # 4 MiB in all, the cap is 2 MiB
            yield ingest_pb2.UploadRequest(chunk=b"0" * 65536)

    with grpc.insecure_channel(f"127.0.0.1:{stack.ports['ingest']}") as channel:
        stub = ingest_pb2_grpc.IngestServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.Upload(
                requests(), timeout=10, metadata=(("x-ats-tenant-id", client_a.client_id or ""),)
            )
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    error = error_from_rpc(caught.value)  # type: ignore[arg-type]
    assert error.reason == "payload_too_large"
