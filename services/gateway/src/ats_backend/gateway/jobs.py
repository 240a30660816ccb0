"""``/v1/jobs``: the state of parse jobs."""

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
from ats_backend.gateway.schemas import STATUS_FILTER, JobList, JobOut, JobStatusName
from ats_backend.proto.ingest.v1 import ingest_pb2

__all__ = ["router"]

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])

Reader = Annotated[Principal, requires(Permission.DATA_READ)]


@router.get("/{job_id}", response_model=JobOut, summary="Get a parse job")
async def get_job(
    job_id: str,
    principal: Reader,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
) -> JobOut:
    job = await call(
        services.ingest.GetJob,
        ingest_pb2.GetJobRequest(job_id=job_id),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    return JobOut.of(job)


@router.get("", response_model=JobList, summary="List parse jobs, newest first")
async def list_jobs(
    request: Request,
    response: Response,
    principal: Reader,
    services: Annotated[Backends, Depends(backends)],
    config: Annotated[GatewaySettings, Depends(settings)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str, Query(max_length=100)] = "",
    status: JobStatusName | None = None,
) -> JobList:
    answer = await call(
        services.ingest.ListJobs,
        ingest_pb2.ListJobsRequest(
            limit=limit,
            cursor=cursor,
            status=STATUS_FILTER[status] if status else ingest_pb2.JOB_STATUS_UNSPECIFIED,
        ),
        timeout=config.grpc_timeout_seconds,
        tenant_id=principal.tenant(),
    )
    link_next(request, response, answer.next_cursor)
    return JobList(data=[JobOut.of(j) for j in answer.jobs], next_cursor=answer.next_cursor or None)
