"""The command line every service process shares: ``python -m ats_backend.<svc> serve|migrate``.

``serve`` loads the service's settings (every problem reported at once), configures logging,
and runs the service's async ``serve`` until SIGTERM. ``migrate`` applies the service's SQL
migrations with the owner role's URL (``ATS_MIGRATION_DATABASE_URL``).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from pydantic import Field

from ats_backend.core import logging as ats_logging
from ats_backend.core.config import ServiceSettings, load
from ats_backend.core.migrations import migrate

__all__ = ["MigrationSettings", "service_main"]

S = TypeVar("S", bound=ServiceSettings)


class MigrationSettings(ServiceSettings):
    migration_database_url: str = Field(
        description="PostgreSQL URL of the owner role that owns the tables (not the app role)."
    )
    app_role: str = Field(
        "ats_app", description="Role the services run as; migrations GRANT to it."
    )


def service_main(
    service: str,
    *,
    settings_type: type[S],
    serve: Callable[[S], Coroutine[Any, Any, None]],
    migrations_package: str | None,
    argv: Sequence[str] | None = None,
) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m ats_backend.{service}")
    commands = ["serve", "migrate"] if migrations_package else ["serve"]
    parser.add_argument("command", nargs="?", default="serve", choices=commands)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    if args.command == "migrate":
        assert migrations_package is not None
        settings = load(MigrationSettings)
        ats_logging.configure(service, settings.log_level, pretty=settings.log_pretty)
        applied = asyncio.run(
            migrate(
                settings.migration_database_url,
                service,
                migrations_package,
                app_role=settings.app_role,
            )
        )
        print(
            f"{service}: {len(applied)} migration(s) applied" + "".join(f"\n  {a}" for a in applied)
        )
        return 0

    service_settings = load(settings_type)
    ats_logging.configure(service, service_settings.log_level, pretty=service_settings.log_pretty)
    asyncio.run(serve(service_settings))
    return 0
