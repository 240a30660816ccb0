"""``POST /v1/documents``: upload one or more resumes (multipart), answered 202 with jobs.

Each file is streamed to ingest in chunks; ingest sniffs the type, enforces the size cap
while the bytes flow, dedupes and queues the parse. With several files, each gets its own
result; the request fails as a whole only when no file was accepted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from ats_backend.core.errors import AtsError, InvalidInput, PayloadTooLarge
from ats_backend.core.grpc_client import call
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.deps import backends, settings
from ats_backend.gateway.forms import read_multipart
from ats_backend.gateway.problems import problem_body, status_for
from ats_backend.gateway.roles import Permission, requires
from ats_backend.gateway.schemas import JobOut, UploadAccepted, UploadResult
from ats_backend.proto.ingest.v1 import ingest_pb2

__all__ = ["router"]

router = APIRouter(prefix="/v1/documents", tags=["documents"])

Uploader = Annotated[Principal, requires(Permission.DOCUMENTS_UPLOAD)]

CHUNK = 64 * 1024


async def _stream(
    upload: UploadFile, header: ingest_pb2.UploadHeader
) -> AsyncIterator[ingest_pb2.UploadRequest]:
    yield ingest_pb2.UploadRequest(header=header)
    while chunk := await upload.read(CHUNK):
        yield ingest_pb2.UploadRequest(chunk=chunk)


async def _upload_one(
    upload: UploadFile,
    index: int,
    idempotency_key: str,
    tenant: str,
    services: Backends,
    config: GatewaySettings,
) -> UploadResult:
    filename = upload.filename or "upload"
    try:
        if upload.size is not None and upload.size > config.max_upload_bytes:
            raise PayloadTooLarge(
                f"file is larger than the {config.max_upload_bytes} byte limit", field="file"
            )
        header = ingest_pb2.UploadHeader(
            filename=filename,
            declared_content_type=upload.content_type or "",
            idempotency_key=idempotency_key,
            part_index=index,
        )
        answer = await call(
            services.ingest.Upload,
            _stream(upload, header),
            timeout=config.upload_timeout_seconds,
            tenant_id=tenant,
        )
    except AtsError as exc:
        # Reported for this file only: the files before it were accepted and their jobs must
        # reach the client (a 5xx for the whole request would hide them).
        status, title = status_for(exc)
        problem = problem_body(status, title, exc.detail, exc.reason)
        return UploadResult(filename=filename, accepted=False, error=problem)
    return UploadResult(
        filename=filename,
        accepted=True,
        document_id=answer.document_id,
        duplicate=answer.duplicate,
        job=JobOut.of(answer.job),
    )


@router.post(
    "",
    status_code=202,
    response_model=UploadAccepted,
    summary="Upload resumes for parsing",
    description="multipart/form-data with one or more file parts. Answers 202 with one job "
    "per file; poll the job (Location) until it is parsed or failed. Honours Idempotency-Key.",
    responses={413: {"description": "File too large"}, 415: {"description": "Unsupported type"}},
)
async def upload_documents(
    request: Request,
    principal: Uploader,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
    idempotency_key: Annotated[str, Header(alias="Idempotency-Key", max_length=255)] = "",
) -> Any:
    form = await read_multipart(
        request, what="the files", max_files=config.max_files_per_upload, max_fields=50
    )
    try:
        files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
        if not files:
            raise InvalidInput("no file in the upload; send at least one file part", field="file")
        results = [
            await _upload_one(upload, index, idempotency_key, principal.tenant(), services, config)
            for index, upload in enumerate(files)
        ]
    finally:
        await form.close()

    accepted = [r for r in results if r.accepted]
    if not accepted:
        first = results[0].error or {}
        status = int(first.get("status", 422))
        return JSONResponse(
            {**first, "uploads": [r.model_dump(mode="json") for r in results]},
            status_code=status,
            media_type="application/problem+json",
            headers={"Retry-After": "5"} if status == 503 else None,
        )
    body = UploadAccepted(uploads=results).model_dump(mode="json")
    headers = {}
    first_job = accepted[0].job
    if first_job is not None:
        headers["Location"] = first_job.links["self"] if len(files) == 1 else "/v1/jobs"
    return JSONResponse(body, status_code=202, headers=headers)
