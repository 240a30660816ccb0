"""``POST /v1/parse``: parse one uploaded resume now and answer its profile; nothing is stored.

The file (multipart field ``file``) goes to the parser service's ``Parse``, which runs it
through the same sandbox and ``parse_document`` as the upload pipeline, and the profile JSON
comes back as the response body unchanged: the same object ``ats parse FILE`` prints (only
``x_ats.timings_ms`` differs between two parses). The type is sniffed from the bytes by the
parser, never taken from the client's ``Content-Type``, exactly as for ``/v1/documents``.

Size is checked before anything is sent on: the body by the gateway's body cap (this
route's limit is one file plus ``FORM_OVERHEAD``, see ``app.body_limits``), then the file
part. The call's deadline is ``upload_timeout_seconds``: it must outlast the
parser's own parse timeout, so that a slow document answers 422 ``parse_timeout`` rather
than 503. Errors go through the one problem table: 413 too large, 415 unsupported type, 422
unreadable (with the parser's reason: ``no_text``, ``corrupt_document``...), 503 when the
parser is down.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from ats_backend.core.errors import InvalidInput, PayloadTooLarge
from ats_backend.core.grpc_client import call
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.deps import backends, settings
from ats_backend.gateway.forms import read_multipart
from ats_backend.gateway.roles import Permission, requires
from ats_backend.proto.parser.v1 import parser_pb2

__all__ = ["FORM_OVERHEAD", "router"]

router = APIRouter(prefix="/v1/parse", tags=["parse"])

Parser = Annotated[Principal, requires(Permission.DOCUMENTS_PARSE)]

FORM_OVERHEAD = 64 * 1024
"""Bytes of multipart framing allowed around the one file (boundaries, part headers)."""

_EXAMPLE: dict[str, Any] = {
    "basics": {
        "name": "Jane Doe",
        "email": "jane.doe@example.com",
        "phone": "+14155552671",
        "url": "https://janedoe.dev",
        "profiles": [
            {
                "network": "LinkedIn",
                "username": "jane-doe",
                "url": "https://www.linkedin.com/in/jane-doe",
            }
        ],
    },
    "work": [],
    "education": [],
    "skills": [
        {"name": "Python", "keywords": []},
        {"name": "Go", "keywords": []},
        {"name": "Kubernetes", "keywords": []},
    ],
    "languages": [],
    "certificates": [],
    "projects": [],
    "x_ats": {
        "schema_version": 1,
        "extraction_method": "docx",
        "content_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pages": 1,
        "warnings": [],
        "timings_ms": {"extract_text": 12.5, "fields": 3.1},
    },
}
_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "The resume: PDF, DOCX, HTML or plain text.",
                    }
                },
            }
        }
    },
}


async def _read_file(request: Request, max_bytes: int) -> tuple[str, bytes]:
    """``(filename, content)`` of the one ``file`` part, within ``max_bytes``."""
    form = await read_multipart(
        request, what="the file (in a field named 'file')", max_files=5, max_fields=20
    )
    try:
        files = [
            value
            for key, value in form.multi_items()
            if key == "file" and isinstance(value, UploadFile)
        ]
        if len(files) != 1:
            raise InvalidInput(
                "send exactly one file, in the multipart field 'file'"
                if files
                else "no file in the request; send it in the multipart field 'file'",
                field="file",
            )
        upload = files[0]
        if upload.size is not None and upload.size > max_bytes:
            raise PayloadTooLarge(f"file is larger than the {max_bytes} byte limit", field="file")
        return upload.filename or "upload", await upload.read()
    finally:
        await form.close()


@router.post(
    "",
    summary="Parse one resume now (nothing is stored)",
    description="multipart/form-data with one part named `file`. Answers 200 with the "
    "profile: JSON Resume sections plus `x_ats` (extraction method, content type, pages, "
    "warnings, timings). The same object `ats parse FILE` prints. Nothing is stored and no "
    "job is created; use POST /v1/documents for that.",
    response_class=Response,
    responses={
        200: {
            "description": "The parsed profile",
            "content": {"application/json": {"example": _EXAMPLE}},
        },
        413: {"description": "File larger than the upload limit"},
        415: {"description": "Unsupported file type (the detected type is named)"},
        422: {"description": "Unreadable document; `reason` says why (no_text, ...)"},
        503: {"description": "The parser is unavailable; retry later"},
    },
    openapi_extra={"requestBody": _REQUEST_BODY},
)
async def parse_resume(
    request: Request,
    principal: Parser,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
) -> Response:
    filename, content = await _read_file(request, config.max_upload_bytes)
    answer = await call(
        services.parser.Parse,
        # No content type: the parser sniffs the bytes, as the CLI and the pipeline do.
        parser_pb2.ParseRequest(content=content, filename=filename),
        timeout=config.upload_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    return Response(content=answer.profile_json, media_type="application/json")
