from __future__ import annotations

import json
import logging

import pytest
from pydantic import Field

from ats_backend.core import context
from ats_backend.core.config import ConfigError, ServiceSettings, load
from ats_backend.core.logging import JsonFormatter


class _Settings(ServiceSettings):
    database_url: str = Field(description="db")
    amqp_url: str = Field(description="broker")
    grpc_port: int = Field(1, description="port")


def test_every_missing_variable_is_reported_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ATS_DATABASE_URL", raising=False)
    monkeypatch.delenv("ATS_AMQP_URL", raising=False)
    monkeypatch.setenv("ATS_GRPC_PORT", "not-a-number")
    with pytest.raises(ConfigError) as caught:
        load(_Settings)
    message = str(caught.value)
    for name in ("ATS_DATABASE_URL", "ATS_AMQP_URL", "ATS_GRPC_PORT"):
        assert name in message


def test_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATS_DATABASE_URL", "postgresql://x")
    monkeypatch.setenv("ATS_AMQP_URL", "amqp://y")
    monkeypatch.setenv("ATS_GRPC_PORT", "7")
    settings = load(_Settings)
    assert (settings.database_url, settings.grpc_port) == ("postgresql://x", 7)


def test_json_log_lines_carry_tenant_and_request_id() -> None:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    record.job_id = "j1"
    with context.bound(tenant="t-1", request="r-1"):
        line = json.loads(JsonFormatter("svc").format(record))
    assert line["message"] == "hello world"
    assert (line["tenant_id"], line["request_id"], line["job_id"]) == ("t-1", "r-1", "j1")
    assert line["service"] == "svc" and line["level"] == "INFO"
