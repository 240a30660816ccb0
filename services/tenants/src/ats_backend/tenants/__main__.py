"""``python -m ats_backend.tenants serve|migrate``."""

from ats_backend.core.cli import service_main
from ats_backend.tenants.app import serve
from ats_backend.tenants.config import TenantsSettings

if __name__ == "__main__":
    raise SystemExit(
        service_main(
            "tenants",
            settings_type=TenantsSettings,
            serve=serve,
            migrations_package="ats_backend.tenants.migrations",
        )
    )
