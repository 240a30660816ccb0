"""The gateway's gRPC clients, one channel per service."""

from __future__ import annotations

import dataclasses

import grpc

from ats_backend.core.grpc_client import open_channel
from ats_backend.gateway.config import GatewaySettings
from ats_backend.proto.candidates.v1 import candidates_pb2_grpc
from ats_backend.proto.ingest.v1 import ingest_pb2_grpc
from ats_backend.proto.parser.v1 import parser_pb2_grpc
from ats_backend.proto.tenants.v1 import tenants_pb2_grpc

__all__ = ["Backends"]


@dataclasses.dataclass
class Backends:
    channels: dict[str, grpc.aio.Channel]
    tenants: tenants_pb2_grpc.TenantsServiceAsyncStub
    ingest: ingest_pb2_grpc.IngestServiceAsyncStub
    candidates: candidates_pb2_grpc.CandidatesServiceAsyncStub
    parser: parser_pb2_grpc.ParserServiceAsyncStub

    @classmethod
    def open(cls, settings: GatewaySettings) -> Backends:
        channels = {
            "tenants": open_channel(settings.tenants_addr),
            "ingest": open_channel(settings.ingest_addr),
            "candidates": open_channel(settings.candidates_addr),
            "parser": open_channel(settings.parser_addr),
        }
        return cls(
            channels=channels,
            tenants=tenants_pb2_grpc.TenantsServiceStub(channels["tenants"]),
            ingest=ingest_pb2_grpc.IngestServiceStub(channels["ingest"]),
            candidates=candidates_pb2_grpc.CandidatesServiceStub(channels["candidates"]),
            parser=parser_pb2_grpc.ParserServiceStub(channels["parser"]),
        )

    async def close(self) -> None:
        for channel in self.channels.values():
            await channel.close()
