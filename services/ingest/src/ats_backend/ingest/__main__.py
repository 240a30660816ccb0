"""``python -m ats_backend.ingest serve|migrate``."""

from ats_backend.core.cli import service_main
from ats_backend.ingest.app import serve
from ats_backend.ingest.config import IngestSettings

if __name__ == "__main__":
    raise SystemExit(
        service_main(
            "ingest",
            settings_type=IngestSettings,
            serve=serve,
            migrations_package="ats_backend.ingest.migrations",
        )
    )
