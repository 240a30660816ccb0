"""gRPC edge of the parser: synchronous Parse (nothing stored)."""

from __future__ import annotations

import grpc

from ats_backend.core.errors import DocumentUnreadable, InvalidInput, PayloadTooLarge
from ats_backend.core.filetypes import sniff
from ats_backend.parser.metrics import record_ocr
from ats_backend.parser.sandbox import ParseCrashed, Sandbox
from ats_backend.proto.parser.v1 import parser_pb2 as pb
from ats_backend.proto.parser.v1 import parser_pb2_grpc as pb_grpc

__all__ = ["ParserServicer"]

Ctx = grpc.aio.ServicerContext[object, object]


class ParserServicer(pb_grpc.ParserServiceServicer):
    """Parses in the text sandbox; a document that needs OCR goes on to the OCR sandbox when
    this process has one (the same order as the queues: text first, OCR only when needed).
    A process running only one lane passes only that lane's sandbox."""

    def __init__(
        self,
        sandbox: Sandbox | None,
        *,
        max_document_bytes: int,
        ocr_sandbox: Sandbox | None = None,
    ) -> None:
        if sandbox is None and ocr_sandbox is None:
            raise ValueError("the parser needs a text or an OCR sandbox")
        self._sandbox = sandbox
        self._ocr = ocr_sandbox
        self._max = max_document_bytes

    async def Parse(self, request: pb.ParseRequest, context: Ctx) -> pb.ParseResponse:
        if not request.content:
            raise InvalidInput("file is empty", field="file", reason="empty_file")
        if len(request.content) > self._max:
            raise PayloadTooLarge(f"file is larger than the {self._max} byte limit", field="file")
        content_type = request.content_type or sniff(request.content[:8192])
        try:
            profile_json = await self._parse(request.content, content_type, request.filename)
        except ParseCrashed:
            raise InvalidInput(
                "the parser crashed on this file", field="file", reason="parse_crashed"
            ) from None
        return pb.ParseResponse(
            profile_json=profile_json.encode("utf-8"), content_type=content_type
        )

    async def _parse(self, content: bytes, content_type: str, filename: str) -> str:
        if self._sandbox is not None:
            try:
                return await self._sandbox.parse(
                    content, content_type=content_type, filename=filename
                )
            except DocumentUnreadable as exc:
                if exc.reason != "ocr_unavailable" or self._ocr is None:
                    raise
        assert self._ocr is not None  # __init__ requires one of the two
        profile_json = await self._ocr.parse(content, content_type=content_type, filename=filename)
        record_ocr(profile_json)
        return profile_json
