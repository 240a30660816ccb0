"""Settings of the parser process (``ATS_*`` environment variables)."""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import NoDecode

from ats_backend.core.config import ServiceSettings

__all__ = ["LANES", "Lane", "ParserSettings"]

Lane = Literal["text", "ocr"]
LANES: tuple[Lane, ...] = ("text", "ocr")


def _cpus() -> int:
    return os.cpu_count() or 1


class ParserSettings(ServiceSettings):
    amqp_url: str = Field(description="RabbitMQ URL (amqp://user:pass@host:5672/vhost).")
    ingest_addr: str = Field(
        "127.0.0.1:50052", description="host:port of ingest, where document bytes are fetched."
    )
    tenants_addr: str = Field(
        "127.0.0.1:50051",
        description="host:port of tenants, asked whether a job's client is active before parsing.",
    )
    client_status_cache_seconds: float = Field(
        5.0,
        ge=0,
        description=(
            "Seconds a client's active/inactive answer is reused; a deactivation takes at most "
            "this long to hold the client's jobs."
        ),
    )
    held_retry_seconds: float = Field(
        30.0,
        gt=0,
        description=(
            "Seconds a job of a deactivated client first waits in its lane's hold queue before "
            "it is checked again; each further hold of the job doubles the wait, up to "
            "held_max_retry_seconds."
        ),
    )
    held_max_retry_seconds: float = Field(
        300.0,
        gt=0,
        description=(
            "Longest wait of a held job between checks: a reactivated client's jobs resume "
            "within about this long."
        ),
    )
    grpc_port: int = Field(50054, description="Port of the gRPC server (sync Parse, health).")
    metrics_port: int = Field(9104, description="Port of the Prometheus /metrics endpoint.")
    # NoDecode: pydantic-settings would read a list from the environment as JSON; a comma list
    # (ATS_PARSER_LANES=text,ocr) is what people write, so the validator splits it instead.
    parser_lanes: Annotated[tuple[Lane, ...], NoDecode] = Field(
        LANES,
        description=(
            "Parse queues this process consumes, comma-separated: 'text' (parse.text) and/or "
            "'ocr' (parse.ocr, scanned documents; loads the OCR models at start)."
        ),
    )
    parse_concurrency: int = Field(
        default_factory=_cpus,
        description="Sandboxed parse processes; parsing is CPU-bound, so one per core.",
    )
    parse_prefetch: int = Field(
        0, description="Unacked parse jobs held at once; 0 means twice the concurrency."
    )
    parse_timeout_seconds: float = Field(
        30.0, description="Wall-clock limit for parsing one document before it fails."
    )
    parse_memory_limit_mb: int = Field(
        1024, description="Address-space limit (RLIMIT_AS) of each parse process, in MiB."
    )
    ocr_concurrency: int = Field(
        1,
        ge=1,
        description=(
            "OCR processes (the OCR lane). Each holds its own models (~1.3 GB resident) and "
            "uses ocr_threads cores."
        ),
    )
    ocr_threads: int = Field(
        1,  # placeholder: _derived_defaults computes the real default
        ge=1,
        description=(
            "PyTorch threads per OCR process; by default the cores shared out among the OCR "
            "processes."
        ),
    )
    ocr_prefetch: int = Field(
        1,  # placeholder: _derived_defaults computes the real default
        ge=1,
        description=(
            "Unacked OCR jobs held at once; by default one per OCR process, so a backlog of "
            "scans waits in the queue where any idle replica can take it."
        ),
    )
    ocr_timeout_seconds: float = Field(
        120.0,
        description=(
            "Wall-clock limit for one document in the OCR lane: up to 10 pages are recognised "
            "at about 2.5 s each, with a wide margin for a busy machine."
        ),
    )
    ocr_memory_limit_mb: int = Field(
        10240,
        description=(
            "Address-space limit (RLIMIT_AS) of each OCR process, in MiB. It caps address "
            "space, not resident memory: the CUDA build of PyTorch maps ~6 GB of libraries "
            "even on a CPU, so 4 GiB fails to load the models and 8 GiB is the least that "
            "works; 10 GiB leaves room for a large page."
        ),
    )
    max_document_bytes: int = Field(
        10 * 1024 * 1024, description="Largest document the sync Parse call accepts."
    )
    fetch_timeout_seconds: float = Field(30.0, description="Deadline for fetching one document.")
    shutdown_grace: float = Field(10.0, description="Seconds in-flight calls get on SIGTERM.")

    @model_validator(mode="before")
    @classmethod
    def _derived_defaults(cls, data: Any) -> Any:
        """Defaults that follow ocr_concurrency (a malformed one is reported by its field)."""
        if not isinstance(data, dict):
            return data
        try:
            processes = max(1, int(data.get("ocr_concurrency", 1)))
        except (TypeError, ValueError):
            return data
        data.setdefault("ocr_threads", max(1, _cpus() // processes))
        data.setdefault("ocr_prefetch", processes)
        return data

    @field_validator("parser_lanes", mode="before")
    @classmethod
    def _split_lanes(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list | tuple) and not value:
            raise ValueError("name at least one lane: text, ocr")
        if isinstance(value, list | tuple):
            return tuple(dict.fromkeys(value))  # duplicates dropped, order kept
        return value
