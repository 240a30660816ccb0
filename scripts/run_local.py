"""``make run``: the whole system in the foreground, logs prefixed by service, Ctrl-C stops it.

Settings come from the environment (the Makefile sets local defaults for PostgreSQL and
RabbitMQ on 127.0.0.1); the platform admin token is generated once into .run/admin-token
unless ATS_PLATFORM_ADMIN_TOKEN is set, and the access-token signing key into .run/jwt-keys
unless ATS_JWT_KEYS is set (kept across runs, so logins survive a restart).
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
JWT_KEYS_FILE = ROOT / ".run" / "jwt-keys"


def _generated_once(variable: str, path: Path, make: str) -> str:
    """The variable's value if set, else the one kept in ``path`` (written on first use,
    readable by the owner only)."""
    if value := os.environ.get(variable):
        return value
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(make)
        path.chmod(0o600)
    return path.read_text().strip()


def admin_token() -> str:
    return _generated_once("ATS_PLATFORM_ADMIN_TOKEN", TOKEN_FILE, secrets.token_hex(32))


def jwt_keys() -> str:
    # kid "local1": to rotate, prepend "local2:<new secret>," and drop local1 15 min later.
    return _generated_once("ATS_JWT_KEYS", JWT_KEYS_FILE, f"local1:{secrets.token_hex(32)}")


def main() -> int:
    env = {
        "ATS_PLATFORM_ADMIN_TOKEN": admin_token(),
        "ATS_JWT_KEYS": jwt_keys(),
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
