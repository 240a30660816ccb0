"""The broker edge of candidates: ResumeParsed in, profile stored, CandidateStored out.

The event is acked only after the profile is committed and CandidateStored is confirmed by
the broker. A redelivery upserts the same row (keyed by document) and announces it again;
ingest records the outcome once.
"""

from __future__ import annotations

import datetime
import json
import uuid

from aio_pika.abc import AbstractIncomingMessage

from ats_backend.candidates.service import CandidatesService
from ats_backend.core.messaging import PermanentFailure, Publisher
from ats_backend.core.messaging.topology import EVENTS_EXCHANGE, RK_CANDIDATE_STORED
from ats_backend.core.protoconv import timestamp
from ats_backend.proto.events.v1 import events_pb2

__all__ = ["ResumeParsedHandler"]


class ResumeParsedHandler:
    def __init__(self, service: CandidatesService, publisher: Publisher) -> None:
        self._service = service
        self._publisher = publisher

    async def __call__(self, message: events_pb2.ResumeParsed, _: AbstractIncomingMessage) -> None:
        try:
            tenant = uuid.UUID(message.tenant_id)
            document = uuid.UUID(message.document_id)
            job = uuid.UUID(message.job_id)
            profile = json.loads(message.profile_json)
        except ValueError as exc:
            raise PermanentFailure(f"malformed ResumeParsed: {exc}") from exc
        if not isinstance(profile, dict):
            raise PermanentFailure("ResumeParsed profile is not a JSON object")
        candidate_id = await self._service.store_profile(
            tenant, document_id=document, job_id=job, profile=profile
        )
        await self._publisher.publish(
            EVENTS_EXCHANGE,
            RK_CANDIDATE_STORED,
            events_pb2.CandidateStored(
                tenant_id=message.tenant_id,
                job_id=message.job_id,
                document_id=message.document_id,
                candidate_id=str(candidate_id),
                request_id=message.request_id,
                stored_at=timestamp(datetime.datetime.now(datetime.UTC)),
            ),
            message_id=f"candidate-stored:{message.job_id}",
            tenant_id=message.tenant_id,
            request_id=message.request_id or None,
        )
