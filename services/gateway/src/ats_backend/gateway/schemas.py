"""The JSON shapes of the /v1 API (also the OpenAPI contract)."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import BaseModel, Field

from ats_backend.proto.candidates.v1 import candidates_pb2
from ats_backend.proto.ingest.v1 import ingest_pb2
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = [
    "ApiKeyOut",
    "CandidateList",
    "CandidateOut",
    "ClientCreate",
    "ClientCreated",
    "ClientOut",
    "JobList",
    "JobOut",
    "UploadAccepted",
    "UploadResult",
]

JobStatusName = Literal["queued", "parsing", "ocr", "parsed", "failed"]
_STATUS_NAMES: dict[int, JobStatusName] = {
    ingest_pb2.JOB_STATUS_QUEUED: "queued",
    ingest_pb2.JOB_STATUS_PARSING: "parsing",
    ingest_pb2.JOB_STATUS_OCR: "ocr",
    ingest_pb2.JOB_STATUS_PARSED: "parsed",
    ingest_pb2.JOB_STATUS_FAILED: "failed",
}
STATUS_FILTER: dict[str, ingest_pb2.JobStatus.ValueType] = {
    name: ingest_pb2.JobStatus.ValueType(value) for value, name in _STATUS_NAMES.items()
}


def _time(stamp: Timestamp) -> datetime.datetime:
    return stamp.ToDatetime(tzinfo=datetime.UTC)


class JobOut(BaseModel):
    id: str
    document_id: str
    status: JobStatusName
    reason: str | None = Field(None, description="Machine-readable failure reason.")
    detail: str | None = Field(None, description="What went wrong, for people.")
    candidate_id: str | None = None
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    attempts: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    links: dict[str, str]

    @classmethod
    def of(cls, job: ingest_pb2.Job) -> JobOut:
        links = {"self": f"/v1/jobs/{job.id}"}
        if job.candidate_id:
            links["candidate"] = f"/v1/candidates/{job.candidate_id}"
        return cls(
            id=job.id,
            document_id=job.document_id,
            status=_STATUS_NAMES[job.status],
            reason=job.failure_reason or None,
            detail=job.failure_detail or None,
            candidate_id=job.candidate_id or None,
            filename=job.filename,
            content_type=job.content_type,
            size_bytes=job.size_bytes,
            sha256=job.sha256,
            attempts=job.attempts,
            created_at=_time(job.created_at),
            updated_at=_time(job.updated_at),
            links=links,
        )


class JobList(BaseModel):
    data: list[JobOut]
    next_cursor: str | None


class UploadResult(BaseModel):
    filename: str
    accepted: bool
    document_id: str | None = None
    duplicate: bool = Field(
        False,
        description="The same bytes were uploaded before; "
        "the existing document and job are returned.",
    )
    job: JobOut | None = None
    error: dict[str, Any] | None = Field(None, description="Problem details when rejected.")


class UploadAccepted(BaseModel):
    uploads: list[UploadResult]


class CandidateOut(BaseModel):
    id: str
    document_id: str
    job_id: str
    profile: dict[str, Any] = Field(description="JSON Resume profile plus the x_ats extension.")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @classmethod
    def of(cls, candidate: candidates_pb2.Candidate) -> CandidateOut:
        import json

        return cls(
            id=candidate.id,
            document_id=candidate.document_id,
            job_id=candidate.job_id,
            profile=json.loads(candidate.profile_json),
            created_at=_time(candidate.created_at),
            updated_at=_time(candidate.updated_at),
        )


class CandidateList(BaseModel):
    data: list[CandidateOut]
    next_cursor: str | None


class ClientCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["Acme Recruiting"])


class ClientOut(BaseModel):
    id: str
    name: str
    is_active: bool
    created_at: datetime.datetime

    @classmethod
    def of(cls, client: tenants_pb2.Client) -> ClientOut:
        return cls(
            id=client.id,
            name=client.name,
            is_active=client.is_active,
            created_at=_time(client.created_at),
        )


class ApiKeyOut(BaseModel):
    id: str
    name: str
    role: str
    prefix: str
    created_at: datetime.datetime
    secret: str | None = Field(None, description="The full key. Shown once, never again.")

    @classmethod
    def of(cls, key: tenants_pb2.ApiKey, secret: str | None = None) -> ApiKeyOut:
        return cls(
            id=key.id,
            name=key.name,
            role=key.role,
            prefix=key.prefix,
            created_at=_time(key.created_at),
            secret=secret,
        )


class ClientCreated(BaseModel):
    client: ClientOut
    api_key: ApiKeyOut
