"""``python -m ats_backend.gateway``: the HTTP gateway on port 8002."""

from ats_backend.core.cli import service_main
from ats_backend.gateway.app import serve
from ats_backend.gateway.config import GatewaySettings

if __name__ == "__main__":
    raise SystemExit(
        service_main("gateway", settings_type=GatewaySettings, serve=serve, migrations_package=None)
    )
