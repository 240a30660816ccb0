"""``POST /v1/parse`` against a fake parser stub: the body passes through unchanged, sizes are
checked before anything is sent, and parser errors map through the problem table."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import httpx
import pytest
from fastapi import FastAPI, Request

from ats_backend.core import context
from ats_backend.core.errors import Unauthenticated
from ats_backend.core.grpc_server import ERROR_FIELD_KEY, ERROR_REASON_KEY
from ats_backend.gateway import parse, problems
from ats_backend.gateway.app import body_limits
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.config import GatewaySettings
from ats_backend.gateway.middleware import BodyLimitMiddleware
from ats_backend.proto.parser.v1 import parser_pb2

PROFILE = json.dumps({"basics": {"name": "José"}, "x_ats": {"pages": 1}}).encode()
MAX_BYTES = 1000


@dataclass
class FakeParser:
    """Stands in for ``ParserServiceStub``: records calls, answers or fails as told."""

    error: grpc.aio.AioRpcError | None = None
    calls: list[tuple[parser_pb2.ParseRequest, float, dict[str, str]]] = field(default_factory=list)

    async def Parse(
        self,
        request: parser_pb2.ParseRequest,
        *,
        timeout: float,  # noqa: ASYNC109 - the stub's signature: a gRPC deadline
        metadata: Any,
    ) -> parser_pb2.ParseResponse:
        self.calls.append((request, timeout, dict(metadata)))
        if self.error is not None:
            raise self.error
        return parser_pb2.ParseResponse(profile_json=PROFILE, content_type="text/plain")


@dataclass
class FakeBackends:
    parser: FakeParser


async def authenticate(request: Request) -> Principal:
    if request.headers.get("authorization") != "Bearer client-key":
        raise Unauthenticated("missing bearer credential", reason="missing_credentials")
    return Principal(kind="api_key", id="key-1", role="recruiter", client_id="tenant-1")


@pytest.fixture
def parser() -> FakeParser:
    return FakeParser()


@pytest.fixture
async def client(parser: FakeParser) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.include_router(parse.router)
    problems.install(app)
    app.state.settings = GatewaySettings(
        database_url="postgresql://unused",
        amqp_url="amqp://unused",
        platform_admin_token="x" * 32,
        jwt_keys="test:" + "k" * 32,
        max_upload_bytes=MAX_BYTES,
        upload_timeout_seconds=42.0,
    )
    # The gateway's own body cap, with the limits the real app uses.
    app.add_middleware(BodyLimitMiddleware, limits=body_limits(app.state.settings))
    app.state.backends = FakeBackends(parser)
    app.state.authenticator = authenticate
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://gateway",
        headers={"Authorization": "Bearer client-key"},
    ) as http:
        yield http


def rpc_error(code: grpc.StatusCode, details: str, reason: str = "") -> grpc.aio.AioRpcError:
    trailing = grpc.aio.Metadata((ERROR_REASON_KEY, reason), (ERROR_FIELD_KEY, "file"))
    return grpc.aio.AioRpcError(code, grpc.aio.Metadata(), trailing if reason else None, details)


async def test_profile_is_answered_byte_for_byte(
    client: httpx.AsyncClient, parser: FakeParser
) -> None:
    response = await client.post(
        "/v1/parse", files={"file": ("jane.txt", b"Jane Doe", "text/x-foo")}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.content == PROFILE
    (request, timeout, metadata), *_ = parser.calls
    assert request.content == b"Jane Doe"
    assert request.filename == "jane.txt"
    assert request.content_type == ""  # sniffed by the parser, never the client's word
    assert timeout == 42.0
    assert metadata[context.TENANT_HEADER] == "tenant-1"


async def test_credentials_are_required(client: httpx.AsyncClient, parser: FakeParser) -> None:
    response = await client.post(
        "/v1/parse", files={"file": ("a.txt", b"x")}, headers={"Authorization": ""}
    )
    assert response.status_code == 401
    assert parser.calls == []


async def test_declared_length_over_the_cap_is_refused_before_reading(
    client: httpx.AsyncClient, parser: FakeParser
) -> None:
    body = b"x" * (MAX_BYTES + parse.FORM_OVERHEAD + 1)
    response = await client.post(
        "/v1/parse",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 413
    assert response.json()["reason"] == "payload_too_large"
    assert parser.calls == []


async def test_streamed_body_over_the_cap_is_cut_off(
    client: httpx.AsyncClient, parser: FakeParser
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        for _ in range(100):
            yield b"x" * 1024

    response = await client.post(
        "/v1/parse", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 413
    assert parser.calls == []


async def test_file_over_the_cap_within_the_framing_allowance(
    client: httpx.AsyncClient, parser: FakeParser
) -> None:
    response = await client.post("/v1/parse", files={"file": ("big.pdf", b"x" * (MAX_BYTES + 1))})
    assert response.status_code == 413
    assert response.json()["detail"] == f"file is larger than the {MAX_BYTES} byte limit"
    assert response.json()["errors"] == [{"field": "file", "message": response.json()["detail"]}]
    assert parser.calls == []


@pytest.mark.parametrize(
    ("kwargs", "detail"),
    [
        ({"data": {"name": "x"}}, "no file in the request; send it in the multipart field 'file'"),
        ({"files": {"resume": ("a.txt", b"x")}}, "no file in the request"),
        (
            {"files": [("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))]},
            "send exactly one file, in the multipart field 'file'",
        ),
    ],
)
async def test_exactly_one_file_part(
    client: httpx.AsyncClient, parser: FakeParser, kwargs: dict[str, Any], detail: str
) -> None:
    if "data" in kwargs:  # a multipart form without files
        kwargs = {"files": {"name": (None, b"x")}}
    response = await client.post("/v1/parse", **kwargs)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(detail)
    assert parser.calls == []


async def test_body_must_be_multipart(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/parse", json={"file": "x"})
    assert response.status_code == 422
    assert response.json()["reason"] == "not_multipart"


@pytest.mark.parametrize(
    ("code", "reason", "status"),
    [
        (grpc.StatusCode.INVALID_ARGUMENT, "unsupported_media_type", 415),
        (grpc.StatusCode.FAILED_PRECONDITION, "no_text", 422),
        (grpc.StatusCode.FAILED_PRECONDITION, "archive_too_large", 422),
        (grpc.StatusCode.RESOURCE_EXHAUSTED, "payload_too_large", 413),
        (grpc.StatusCode.UNAVAILABLE, "", 503),
        (grpc.StatusCode.DEADLINE_EXCEEDED, "", 503),
    ],
)
async def test_parser_errors_map_through_the_problem_table(
    client: httpx.AsyncClient, parser: FakeParser, code: grpc.StatusCode, reason: str, status: int
) -> None:
    parser.error = rpc_error(code, "the parser's words", reason)
    response = await client.post("/v1/parse", files={"file": ("a.bin", b"\x7fELF")})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    if reason:
        assert response.json()["reason"] == reason
        assert response.json()["detail"] == "the parser's words"


async def test_openapi_documents_the_route(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    operation = spec["paths"]["/v1/parse"]["post"]
    body = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert body["required"] == ["file"]
    example = operation["responses"]["200"]["content"]["application/json"]["example"]
    assert example["basics"]["name"] == "Jane Doe"
    assert {"413", "415", "422", "503"} <= set(operation["responses"])
