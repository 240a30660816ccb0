"""``make run``: the whole system in the foreground, logs prefixed by service, Ctrl-C stops it.

Settings come from the environment (the Makefile sets local defaults for PostgreSQL and
RabbitMQ on 127.0.0.1); the platform admin token is generated once into .run/admin-token
unless ATS_PLATFORM_ADMIN_TOKEN is set.
"""

from __future__ import annotations

import os
import secrets
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.stack import ROOT, Stack

TOKEN_FILE = ROOT / ".run" / "admin-token"


def admin_token() -> str:
    if token := os.environ.get("ATS_PLATFORM_ADMIN_TOKEN"):
        return token
    if not TOKEN_FILE.exists():
        TOKEN_FILE.parent.mkdir(exist_ok=True)
        TOKEN_FILE.write_text(secrets.token_hex(32))
        TOKEN_FILE.chmod(0o600)
    return TOKEN_FILE.read_text().strip()


def main() -> int:
    env = {
        "ATS_PLATFORM_ADMIN_TOKEN": admin_token(),
        "ATS_LOG_PRETTY": os.environ.get("ATS_LOG_PRETTY", "true"),
        "ATS_TENANTS_METRICS_PORT": "9101",
        "ATS_INGEST_METRICS_PORT": "9102",
        "ATS_CANDIDATES_METRICS_PORT": "9103",
        "ATS_PARSER_METRICS_PORT": "9104",
    }
    stack = Stack(env, prefix_output=True)
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        stack.start(timeout=90)
        print(f"\nATS is up: {stack.base_url}  (docs {stack.base_url}/docs)")
        print(
            f"platform admin token: {TOKEN_FILE.relative_to(ROOT)}; try `make demo`.\n", flush=True
        )
        while not stopping:
            for name, process in stack.processes.items():
                if process.poll() is not None:
                    print(f"{name} exited with {process.returncode}; stopping", file=sys.stderr)
                    return 1
            time.sleep(0.5)
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
