"""``/v1/candidates``: parsed candidate profiles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from ats_backend.core.grpc_client import call
from ats_backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.deps import backends, settings
from ats_backend.gateway.pagination import link_next
from ats_backend.gateway.roles import Permission, requires
from ats_backend.gateway.schemas import CandidateList, CandidateOut
from ats_backend.proto.candidates.v1 import candidates_pb2

__all__ = ["router"]

router = APIRouter(prefix="/v1/candidates", tags=["candidates"])

Reader = Annotated[Principal, requires(Permission.DATA_READ)]


@router.get("/{candidate_id}", response_model=CandidateOut, summary="Get a candidate")
async def get_candidate(
    candidate_id: str,
    principal: Reader,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
) -> CandidateOut:
    candidate = await call(
        services.candidates.GetCandidate,
        candidates_pb2.GetCandidateRequest(candidate_id=candidate_id),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    return CandidateOut.of(candidate)


@router.get("", response_model=CandidateList, summary="List candidates, newest first")
async def list_candidates(
    request: Request,
    response: Response,
    principal: Reader,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str, Query(max_length=100)] = "",
) -> CandidateList:
    answer = await call(
        services.candidates.ListCandidates,
        candidates_pb2.ListCandidatesRequest(limit=limit, cursor=cursor),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    link_next(request, response, answer.next_cursor)
    return CandidateList(
        data=[CandidateOut.of(c) for c in answer.candidates], next_cursor=answer.next_cursor or None
    )
