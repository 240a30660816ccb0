"""The broker edge of ingest: job outcomes and dead-lettered jobs become job states.

- ``CandidateStored`` (from candidates, after the profile is committed): the job is parsed.
- ``ParseFailed`` (from the parser): the job failed, with the parser's reason.
- A ``ParseRequested`` dead-lettered after the delivery limit: the job failed with
  ``delivery_limit_exceeded``; a ``ResumeParsed`` dead-lettered because candidates could not
  store it: failed with ``profile_not_stored``. Nothing accepted stays in limbo.
"""

from __future__ import annotations

import uuid

from aio_pika.abc import AbstractIncomingMessage

from ats_backend.core.messaging import PermanentFailure
from ats_backend.ingest.domain import JobStatus
from ats_backend.ingest.service import IngestService
from ats_backend.proto.events.v1 import events_pb2

__all__ = ["ResultHandlers"]


def _ids(*values: str) -> list[uuid.UUID]:
    try:
        return [uuid.UUID(value) for value in values]
    except ValueError:
        raise PermanentFailure(f"message has malformed ids: {values!r}") from None


class ResultHandlers:
    def __init__(self, service: IngestService) -> None:
        self._service = service

    async def candidate_stored(
        self, message: events_pb2.CandidateStored, _: AbstractIncomingMessage
    ) -> None:
        tenant, job, candidate = _ids(message.tenant_id, message.job_id, message.candidate_id)
        await self._service.finish_job(tenant, job, JobStatus.PARSED, candidate_id=candidate)

    async def parse_failed(
        self, message: events_pb2.ParseFailed, _: AbstractIncomingMessage
    ) -> None:
        tenant, job = _ids(message.tenant_id, message.job_id)
        await self._service.finish_job(
            tenant, job, JobStatus.FAILED, reason=message.reason, detail=message.detail
        )

    async def dead_parse_request(
        self, message: events_pb2.ParseRequested, incoming: AbstractIncomingMessage
    ) -> None:
        tenant, job = _ids(message.tenant_id, message.job_id)
        await self._service.finish_job(
            tenant,
            job,
            JobStatus.FAILED,
            reason="delivery_limit_exceeded",
            detail="parsing was attempted repeatedly and never completed; see the parser logs",
        )

    async def dead_resume_parsed(
        self, message: events_pb2.ResumeParsed, _: AbstractIncomingMessage
    ) -> None:
        tenant, job = _ids(message.tenant_id, message.job_id)
        await self._service.finish_job(
            tenant,
            job,
            JobStatus.FAILED,
            reason="profile_not_stored",
            detail="the parsed profile could not be stored; see the candidates service logs",
        )
