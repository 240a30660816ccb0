"""gRPC edge of ingest: protobuf in, domain calls, protobuf out."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc

from ats_backend.core.context import require_tenant
from ats_backend.core.errors import InvalidInput
from ats_backend.core.protoconv import timestamp
from ats_backend.ingest.domain import Job, JobStatus
from ats_backend.ingest.receiver import Receiver
from ats_backend.ingest.service import IngestService
from ats_backend.proto.ingest.v1 import ingest_pb2 as pb
from ats_backend.proto.ingest.v1 import ingest_pb2_grpc as pb_grpc

__all__ = ["IngestServicer", "job_to_proto"]

Ctx = grpc.aio.ServicerContext[object, object]

_STATUS_TO_PROTO = {
    JobStatus.QUEUED: pb.JOB_STATUS_QUEUED,
    JobStatus.PARSING: pb.JOB_STATUS_PARSING,
    JobStatus.OCR: pb.JOB_STATUS_OCR,
    JobStatus.PARSED: pb.JOB_STATUS_PARSED,
    JobStatus.FAILED: pb.JOB_STATUS_FAILED,
}
_PROTO_TO_STATUS = {value: key for key, value in _STATUS_TO_PROTO.items()}


def job_to_proto(job: Job) -> pb.Job:
    return pb.Job(
        id=str(job.id),
        document_id=str(job.document_id),
        status=_STATUS_TO_PROTO[job.status],
        failure_reason=job.failure_reason or "",
        failure_detail=job.failure_detail or "",
        candidate_id=str(job.candidate_id) if job.candidate_id else "",
        filename=job.filename,
        content_type=job.content_type,
        size_bytes=job.size_bytes,
        sha256=job.sha256,
        attempts=job.attempts,
        created_at=timestamp(job.created_at),
        updated_at=timestamp(job.updated_at),
    )


class IngestServicer(pb_grpc.IngestServiceServicer):
    def __init__(self, service: IngestService, *, max_upload_bytes: int) -> None:
        self._service = service
        self._max = max_upload_bytes

    async def Upload(
        self, request_iterator: AsyncIterator[pb.UploadRequest], context: Ctx
    ) -> pb.UploadResponse:
        tenant = require_tenant()
        header: pb.UploadHeader | None = None
        receiver = Receiver(self._max)
        async for message in request_iterator:
            if message.HasField("header"):
                if header is not None:
                    raise InvalidInput("upload stream has two headers", field="header")
                header = message.header
            elif header is None:
                raise InvalidInput("upload stream must start with its header", field="header")
            else:
                # Raises as soon as the cap is passed or the type is known to be unsupported:
                # the rest of the stream is never read.
                receiver.feed(message.chunk)
        if header is None:
            raise InvalidInput("upload stream is empty", field="header")
        outcome = await self._service.accept(
            tenant,
            receiver.finish(),
            filename=header.filename,
            idempotency_key=header.idempotency_key,
            part_index=header.part_index,
        )
        return pb.UploadResponse(
            document_id=str(outcome.job.document_id),
            job=job_to_proto(outcome.job),
            duplicate=outcome.duplicate,
            idempotent_replay=outcome.idempotent_replay,
        )

    async def GetJob(self, request: pb.GetJobRequest, context: Ctx) -> pb.Job:
        return job_to_proto(await self._service.get_job(require_tenant(), request.job_id))

    async def ListJobs(self, request: pb.ListJobsRequest, context: Ctx) -> pb.ListJobsResponse:
        status = _PROTO_TO_STATUS.get(request.status)
        jobs, next_cursor = await self._service.list_jobs(
            require_tenant(), limit=request.limit, cursor=request.cursor, status=status
        )
        return pb.ListJobsResponse(
            jobs=[job_to_proto(job) for job in jobs], next_cursor=next_cursor
        )

    async def FetchDocument(
        self, request: pb.FetchDocumentRequest, context: Ctx
    ) -> AsyncIterator[pb.DocumentChunk]:
        first = True
        async for content_type, filename, size, data in self._service.fetch_document(
            require_tenant(), request.document_id, request.job_id
        ):
            if first:
                yield pb.DocumentChunk(
                    content_type=content_type, filename=filename, size_bytes=size, data=data
                )
                first = False
            else:
                yield pb.DocumentChunk(data=data)
