"""JSON logs to stdout, one object per line, carrying tenant and request id from contextvars.

``configure()`` is called once by each process's entry point. With ``pretty=True`` (``make run``
in a terminal) lines are rendered for people instead, still with the ids.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

from ats_backend.core import context

__all__ = ["configure"]

_STANDARD_ATTRS = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "color_message"}
)


def _extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD_ATTRS}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
        }
        if (tenant := context.tenant_id.get()) is not None:
            entry["tenant_id"] = tenant
        if (request := context.request_id.get()) is not None:
            entry["request_id"] = request
        entry.update(_extra_fields(record))
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        # The message goes last, so a line-oriented reader (the runbook's
        # `grep "Login failed" | awk '{print $NF}'`) finds a message's last word at the end
        # of the line, only followed by the closing `"}`.
        entry.pop("message", None)
        entry["message"] = record.getMessage()
        return json.dumps(entry, default=str)


class PrettyFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        ids = " ".join(
            f"{name}={value}"
            for name, value in (
                ("tenant", context.tenant_id.get()),
                ("req", context.request_id.get()),
            )
            if value
        )
        extra = " ".join(f"{k}={v}" for k, v in _extra_fields(record).items())
        line = (
            f"{time.strftime('%H:%M:%S', time.localtime(record.created))} "
            f"{record.levelname:<7} {self.service:<10} {record.getMessage()}"
        )
        line = " ".join(part for part in (line, extra, ids) if part)
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure(service: str, level: str = "INFO", *, pretty: bool = False) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(PrettyFormatter(service) if pretty else JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Libraries that are chatty at INFO.
    for noisy in ("aiormq", "aio_pika", "uvicorn.access", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
