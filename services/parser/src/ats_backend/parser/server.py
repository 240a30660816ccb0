"""gRPC edge of the parser: synchronous Parse (nothing stored)."""

from __future__ import annotations

import grpc

from ats_backend.core.errors import InvalidInput, PayloadTooLarge
from ats_backend.core.filetypes import sniff
from ats_backend.parser.sandbox import ParseCrashed, Sandbox
from ats_backend.proto.parser.v1 import parser_pb2 as pb
from ats_backend.proto.parser.v1 import parser_pb2_grpc as pb_grpc

__all__ = ["ParserServicer"]

Ctx = grpc.aio.ServicerContext[object, object]


class ParserServicer(pb_grpc.ParserServiceServicer):
    def __init__(self, sandbox: Sandbox, *, max_document_bytes: int) -> None:
        self._sandbox = sandbox
        self._max = max_document_bytes

    async def Parse(self, request: pb.ParseRequest, context: Ctx) -> pb.ParseResponse:
        if not request.content:
            raise InvalidInput("file is empty", field="file", reason="empty_file")
        if len(request.content) > self._max:
            raise PayloadTooLarge(f"file is larger than the {self._max} byte limit", field="file")
        content_type = request.content_type or sniff(request.content[:8192])
        try:
            profile_json = await self._sandbox.parse(
                request.content, content_type=content_type, filename=request.filename
            )
        except ParseCrashed:
            raise InvalidInput(
                "the parser crashed on this file", field="file", reason="parse_crashed"
            ) from None
        return pb.ParseResponse(
            profile_json=profile_json.encode("utf-8"), content_type=content_type
        )
