"""``python -m ats_backend.candidates serve|migrate``."""

from ats_backend.candidates.app import serve
from ats_backend.candidates.config import CandidatesSettings
from ats_backend.core.cli import service_main

if __name__ == "__main__":
    raise SystemExit(
        service_main(
            "candidates",
            settings_type=CandidatesSettings,
            serve=serve,
            migrations_package="ats_backend.candidates.migrations",
        )
    )
