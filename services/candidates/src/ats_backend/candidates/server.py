"""gRPC edge of candidates: protobuf in, domain calls, protobuf out."""

from __future__ import annotations

import grpc

from ats_backend.candidates.service import Candidate, CandidatesService
from ats_backend.core.context import require_tenant
from ats_backend.core.protoconv import timestamp
from ats_backend.proto.candidates.v1 import candidates_pb2 as pb
from ats_backend.proto.candidates.v1 import candidates_pb2_grpc as pb_grpc

__all__ = ["CandidatesServicer"]

Ctx = grpc.aio.ServicerContext[object, object]


def _candidate(candidate: Candidate) -> pb.Candidate:
    return pb.Candidate(
        id=str(candidate.id),
        document_id=str(candidate.document_id),
        job_id=str(candidate.job_id),
        profile_json=candidate.profile_json.encode("utf-8"),
        created_at=timestamp(candidate.created_at),
        updated_at=timestamp(candidate.updated_at),
    )


class CandidatesServicer(pb_grpc.CandidatesServiceServicer):
    def __init__(self, service: CandidatesService) -> None:
        self._service = service

    async def GetCandidate(self, request: pb.GetCandidateRequest, context: Ctx) -> pb.Candidate:
        return _candidate(await self._service.get(require_tenant(), request.candidate_id))

    async def ListCandidates(
        self, request: pb.ListCandidatesRequest, context: Ctx
    ) -> pb.ListCandidatesResponse:
        candidates, next_cursor = await self._service.list(
            require_tenant(), limit=request.limit, cursor=request.cursor
        )
        return pb.ListCandidatesResponse(
            candidates=[_candidate(c) for c in candidates], next_cursor=next_cursor
        )
