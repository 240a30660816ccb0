"""The JSON shapes of the /v1 API (also the OpenAPI contract)."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from typing import Annotated, Any, Literal

from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import AfterValidator, BaseModel, Field

from ats_backend.proto.candidates.v1 import candidates_pb2
from ats_backend.proto.ingest.v1 import ingest_pb2
from ats_backend.proto.tenants.v1 import tenants_pb2

__all__ = [
    "ApiKeyCreate",
    "ApiKeyList",
    "ApiKeyOut",
    "AuditEventList",
    "AuditEventOut",
    "CandidateList",
    "CandidateOut",
    "ClientCreate",
    "ClientCreated",
    "ClientList",
    "ClientOut",
    "ClientUpdate",
    "JobList",
    "JobOut",
    "LoginRequest",
    "MeOut",
    "RefreshRequest",
    "TokenResponse",
    "UploadAccepted",
    "UploadResult",
    "UserCreate",
    "UserList",
    "UserOut",
    "UserUpdate",
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


def _time_or_none(message: Any, name: str) -> datetime.datetime | None:
    return _time(getattr(message, name)) if message.HasField(name) else None


# Deliberately simple (one @, no spaces, a dot in the domain): the only real check of an
# address is mail reaching it, and RFC 5322 in full accepts what no one means to type.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _no_control_characters(value: str) -> str:
    # NUL cannot be stored in PostgreSQL text at all, and line breaks or escapes in a name
    # or address only ever serve to forge log lines and confuse the people reading them.
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValueError("must not contain control characters")
    return value


def _email(value: str) -> str:
    value = _no_control_characters(value.strip())
    if not _EMAIL.match(value):
        raise ValueError("not an email address")
    return value


Email = Annotated[str, Field(max_length=254, examples=["ada@example.com"]), AfterValidator(_email)]
RoleName = Literal["client_admin", "recruiter", "viewer"]
# A name people give a client, user or key: one line of printable text.
Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_control_characters)]
# Free text matched against stored values (login email): no control characters either.
PlainText = Annotated[str, AfterValidator(_no_control_characters)]
# NIST SP 800-63B: at least 8, at least 64 allowed; 128 caps the hashing work per request.
NewPassword = Annotated[
    str, Field(min_length=8, max_length=128, examples=["correct horse battery staple"])
]


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
    name: Name = Field(examples=["Acme Recruiting"])


class ClientUpdate(BaseModel):
    name: Name = Field(examples=["Acme Recruiting Ltd"])


class ClientOut(BaseModel):
    id: str
    name: str
    is_active: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime | None = None

    @classmethod
    def of(cls, client: tenants_pb2.Client) -> ClientOut:
        return cls(
            id=client.id,
            name=client.name,
            is_active=client.is_active,
            created_at=_time(client.created_at),
            updated_at=_time_or_none(client, "updated_at"),
        )


class ClientList(BaseModel):
    data: list[ClientOut]
    next_cursor: str | None


class ApiKeyCreate(BaseModel):
    name: Name = Field(examples=["ATS sync job"])
    role: RoleName = Field(examples=["recruiter"])


class ApiKeyOut(BaseModel):
    id: str
    name: str
    role: str
    prefix: str = Field(description="The key's first characters, to recognise it.")
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None = None
    revoked_at: datetime.datetime | None = None
    secret: str | None = Field(None, description="The full key. Shown once, never again.")

    @classmethod
    def of(cls, key: tenants_pb2.ApiKey, secret: str | None = None) -> ApiKeyOut:
        return cls(
            id=key.id,
            name=key.name,
            role=key.role,
            prefix=key.prefix,
            created_at=_time(key.created_at),
            last_used_at=_time_or_none(key, "last_used_at"),
            revoked_at=_time_or_none(key, "revoked_at"),
            secret=secret,
        )


class ApiKeyList(BaseModel):
    data: list[ApiKeyOut]
    next_cursor: str | None


class UserCreate(BaseModel):
    email: Email
    name: Name = Field(examples=["Ada Lovelace"])
    role: RoleName = Field(examples=["recruiter"])
    password: NewPassword


class UserUpdate(BaseModel):
    """Only the fields given change."""

    name: Name | None = Field(None, examples=["Ada King"])
    role: RoleName | None = Field(None, examples=["viewer"])
    is_active: bool | None = Field(
        None, description="false ends the user's sessions' power (within seconds)."
    )
    password: NewPassword | None = None


class UserOut(BaseModel):
    id: str
    client_id: str
    email: str
    name: str
    role: str
    is_active: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime | None = None
    last_login_at: datetime.datetime | None = None
    locked_until: datetime.datetime | None = Field(
        None, description="Set while the account is locked after repeated failed logins."
    )

    @classmethod
    def of(cls, user: tenants_pb2.User) -> UserOut:
        return cls(
            id=user.id,
            client_id=user.client_id,
            email=user.email,
            name=user.name,
            role=user.role,
            is_active=user.is_active,
            created_at=_time(user.created_at),
            updated_at=_time_or_none(user, "updated_at"),
            last_login_at=_time_or_none(user, "last_login_at"),
            locked_until=_time_or_none(user, "locked_until"),
        )


class UserList(BaseModel):
    data: list[UserOut]
    next_cursor: str | None


class LoginRequest(BaseModel):
    client_id: str = Field(
        max_length=64,
        description="The client (company) the user belongs to.",
        examples=["0192f3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"],
    )
    # Not validated as an address: any malformed input fails like a wrong password.
    email: PlainText = Field(max_length=254, examples=["ada@example.com"])
    password: str = Field(max_length=128, examples=["correct horse battery staple"])


class RefreshRequest(BaseModel):
    refresh_token: str = Field(max_length=512, examples=["atsr_0192f3c45e6f7a8b_..."])


class TokenResponse(BaseModel):
    access_token: str = Field(description="JWT for `Authorization: Bearer`.")
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int = Field(description="Seconds the access token is valid.", examples=[900])
    refresh_token: str = Field(description="Single use: POST /v1/auth/refresh for a new pair.")
    refresh_expires_in: int = Field(examples=[1209600])
    user: UserOut


class MeOut(BaseModel):
    kind: Literal["user", "api_key", "platform_admin"]
    id: str = Field(description="User id, API key id, or `platform_admin`.")
    client_id: str | None
    role: str


class AuditActorOut(BaseModel):
    kind: str = Field(examples=["user"])
    id: str
    source_ip: str | None = None
    on_behalf_of: str | None = None


class AuditEventOut(BaseModel):
    id: str
    occurred_at: datetime.datetime
    action: str = Field(examples=["login.failed"])
    actor: AuditActorOut
    target: str | None = Field(None, examples=["user:0192f3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"])
    details: dict[str, Any]

    @classmethod
    def of(cls, event: tenants_pb2.AuditEvent) -> AuditEventOut:
        return cls(
            id=event.id,
            occurred_at=_time(event.occurred_at),
            action=event.action,
            actor=AuditActorOut(
                kind=event.actor.kind,
                id=event.actor.id,
                source_ip=event.actor.source_ip or None,
                on_behalf_of=event.actor.on_behalf_of or None,
            ),
            target=event.target or None,
            details=json.loads(event.details_json) if event.details_json else {},
        )


class AuditEventList(BaseModel):
    data: list[AuditEventOut]
    next_cursor: str | None


class ClientCreated(BaseModel):
    client: ClientOut
    api_key: ApiKeyOut
