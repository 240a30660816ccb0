"""Typed configuration: one frozen settings object per process, read from ``ATS_*`` variables.

Each service subclasses ``ServiceSettings`` and adds its own fields, each with a description.
``load()`` reports every missing or malformed variable at once, so a misconfigured pod says
everything that is wrong in its first log line instead of one problem per restart.
"""

from __future__ import annotations

from typing import TypeVar

import pydantic
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["ConfigError", "ServiceSettings", "load"]


class ConfigError(SystemExit):
    """Raised (and exits the process) when the environment does not describe a valid config."""


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATS_", frozen=True, extra="ignore")

    log_level: str = Field("INFO", description="Root log level (DEBUG, INFO, WARNING...).")
    log_pretty: bool = Field(
        False, description="Human-readable log lines instead of JSON (make run sets it)."
    )
    metrics_port: int = Field(
        0, description="Port of the Prometheus /metrics endpoint; 0 disables it."
    )
    metrics_host: str = Field("0.0.0.0", description="Interface the metrics endpoint binds.")


S = TypeVar("S", bound=ServiceSettings)


def load(cls: type[S]) -> S:
    try:
        return cls()
    except pydantic.ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = "ATS_" + "_".join(str(part) for part in error["loc"]).upper()
            problems.append(f"  {name}: {error['msg']}")
        raise ConfigError(
            f"invalid configuration for {cls.__name__}:\n" + "\n".join(problems)
        ) from None
