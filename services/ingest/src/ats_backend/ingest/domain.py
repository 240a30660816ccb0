"""Plain values the ingest service works with (protobuf stays in server.py)."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import uuid

__all__ = ["Job", "JobStatus", "UploadOutcome"]


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    PARSING = "parsing"
    OCR = "ocr"
    PARSED = "parsed"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (JobStatus.PARSED, JobStatus.FAILED)


@dataclasses.dataclass(frozen=True)
class Job:
    id: uuid.UUID
    document_id: uuid.UUID
    status: JobStatus
    failure_reason: str | None
    failure_detail: str | None
    candidate_id: uuid.UUID | None
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    attempts: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


@dataclasses.dataclass(frozen=True)
class UploadOutcome:
    job: Job
    duplicate: bool
    idempotent_replay: bool
