"""``python -m ats_backend.parser serve``: the parse worker and sync Parse server."""

from ats_backend.core.cli import service_main
from ats_backend.parser.app import serve
from ats_backend.parser.config import ParserSettings

if __name__ == "__main__":
    raise SystemExit(
        service_main("parser", settings_type=ParserSettings, serve=serve, migrations_package=None)
    )
