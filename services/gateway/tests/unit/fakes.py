"""Fakes of the gateway's unit tests: a tenants stub answering from a table, and the gateway
(real routers, problem table, middleware, Authenticator and access tokens) in front of it."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any

import httpx
from fastapi import FastAPI
from google.protobuf.timestamp_pb2 import Timestamp

from ats_backend.gateway.config import GatewaySettings
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb

ADMIN_TOKEN = "a" * 40
JWT_KEYS = "k2:" + "s" * 40 + ",k1:" + "t" * 40
CLIENT = "0192f3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"
OTHER_CLIENT = "0192f3c4-0000-7a8b-9c0d-1e2f3a4b5c6d"
USER = "0192f3c4-1111-7a8b-9c0d-1e2f3a4b5c6d"
SESSION = "0192f3c4-2222-7a8b-9c0d-1e2f3a4b5c6d"
KEY_ID = "0192f3c4-3333-7a8b-9c0d-1e2f3a4b5c6d"


def stamp(seconds_from_now: float = 0) -> Timestamp:
    value = Timestamp()
    value.FromDatetime(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds_from_now)
    )
    return value


def user(role: str = "recruiter") -> pb.User:
    return pb.User(
        id=USER,
        client_id=CLIENT,
        email="ada@example.com",
        name="Ada",
        role=role,
        is_active=True,
        created_at=stamp(),
    )


def settings(**overrides: Any) -> GatewaySettings:
    values: dict[str, Any] = {
        "database_url": "postgresql://unused",
        "amqp_url": "amqp://unused",
        "platform_admin_token": ADMIN_TOKEN,
        "jwt_keys": JWT_KEYS,
        **overrides,
    }
    return GatewaySettings(**values)


@dataclasses.dataclass
class Call:
    method: str
    request: Any
    metadata: dict[str, str]


class FakeTenants:
    """Answers each RPC from ``answers[name]``: a message, a function of the request, or an
    exception to raise. Every call is recorded with its metadata."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.answers: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if not name[:1].isupper():
            raise AttributeError(name)

        async def method(request: Any, *, timeout: float, metadata: Any) -> Any:  # noqa: ASYNC109
            self.calls.append(Call(name, request, dict(metadata)))
            answer = self.answers[name]
            if isinstance(answer, Exception):
                raise answer
            return answer(request) if callable(answer) else answer

        return method

    def called(self, name: str) -> list[Call]:
        return [c for c in self.calls if c.method == name]


@dataclasses.dataclass
class FakeBackends:
    tenants: FakeTenants


@dataclasses.dataclass
class Gateway:
    app: FastAPI
    http: httpx.AsyncClient
    tenants: FakeTenants

    def user_token(self, *, client: str = CLIENT, session: str = SESSION) -> str:
        issued = self.app.state.access_tokens.issue(
            user_id=USER, client_id=client, session_id=session
        )
        return str(issued.token)


def logged_in() -> pb.LoginResponse:
    """Tenants' answer to a successful login of ``user()``."""
    return pb.LoginResponse(
        user=user(),
        session_id=SESSION,
        refresh_token="atsr_abc_def",
        refresh_expires_at=stamp(1_209_600),
    )
