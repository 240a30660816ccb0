"""``make bench`` (auth part): what authentication costs per request and per login.

Measured in one run, interleaved so machine noise hits every series alike; medians and ratios
are the figures to quote on a shared machine:

1. ``GET /v1/auth/me`` with each credential: the platform admin token (a constant-time
   compare in the gateway: the baseline), a client's API key (resolved by tenants, then
   cached) and a user's access token (JWT verified in the gateway, session resolved by
   tenants, then cached). Ratio to the baseline = the price of each kind of credential.
2. ``POST /v1/auth/login``: a correct password, a wrong password and an unknown email. Each
   spends one argon2id verify (m=19 MiB, t=2, p=1); the ratios to the successful login show
   that timing does not tell an unknown account from a wrong password.

The stack runs as real processes against database ``ats_bench`` and vhost ``ats_bench``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.stack import SERVICES, Stack, free_port

PASSWORD = "plum orbit sextant bench"


def _timed(call: Callable[[], httpx.Response], expect: int) -> float:
    started = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != expect:
        raise SystemExit(f"unexpected {response.status_code}: {response.text}")
    return elapsed


def _summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def run(stack: Stack, requests: int, logins: int) -> dict[str, list[float]]:
    admin_token = stack.env["ATS_PLATFORM_ADMIN_TOKEN"]
    with httpx.Client(base_url=stack.base_url, timeout=60) as http:
        created = http.post(
            "/v1/clients",
            json={"name": "bench auth"},
            headers={"Authorization": f"Bearer {admin_token}"},
        ).json()
        client_id = created["client"]["id"]
        key = created["api_key"]["secret"]
        email = f"bench.{uuid.uuid4().hex[:8]}@example.com"
        made = http.post(
            "/v1/users",
            json={"email": email, "name": "Bench", "role": "recruiter", "password": PASSWORD},
            headers={"Authorization": f"Bearer {key}"},
        )
        made.raise_for_status()

        def login(password: str, who: str = email) -> httpx.Response:
            return http.post(
                "/v1/auth/login",
                json={"client_id": client_id, "email": who, "password": password},
            )

        token = login(PASSWORD).json()["access_token"]
        credentials = {"admin token": admin_token, "API key": key, "access token": token}
        series: dict[str, list[float]] = {name: [] for name in credentials}

        def me(credential: str) -> Callable[[], httpx.Response]:
            headers = {"Authorization": f"Bearer {credential}"}
            return lambda: http.get("/v1/auth/me", headers=headers)

        for value in credentials.values():  # warm the caches and connections
            me(value)()
        for _ in range(requests):
            for name, value in credentials.items():
                series[name].append(_timed(me(value), 200))

        unknown = f"nobody.{uuid.uuid4().hex[:8]}@example.com"
        for name in ("login ok", "login wrong password", "login unknown email"):
            series[name] = []
        for _ in range(logins):
            # A success between failures resets the account's failure count: no lockout.
            series["login ok"].append(_timed(lambda: login(PASSWORD), 200))
            series["login wrong password"].append(_timed(lambda: login("not " + PASSWORD), 401))
            series["login unknown email"].append(_timed(lambda: login(PASSWORD, unknown), 401))
    return series


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="per credential kind")
    parser.add_argument("--logins", type=int, default=40, help="per login outcome")
    args = parser.parse_args()

    database = os.environ.get(
        "ATS_BENCH_DATABASE_URL", "postgresql://ats_app@127.0.0.1:5432/ats_bench"
    )
    amqp = os.environ.get("ATS_BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/ats_bench")
    with tempfile.TemporaryDirectory() as logs:
        stack = Stack(
            {
                "ATS_DATABASE_URL": database,
                "ATS_AMQP_URL": amqp,
                "ATS_PLATFORM_ADMIN_TOKEN": secrets.token_hex(32),
                "ATS_LOG_LEVEL": "WARNING",
                # The benchmark logs in far faster than a person: no throttle in the way.
                "ATS_LOGIN_PER_IP_PER_MINUTE": "1000000",
            },
            ports={name: free_port() for name in SERVICES},
            log_dir=Path(logs),
        )
        with stack.running(timeout=90):
            series = run(stack, args.requests, args.logins)

    print(
        f"\nmake bench (auth): GET /v1/auth/me x{args.requests} per credential, "
        f"login x{args.logins} per outcome, interleaved, {os.cpu_count()} CPUs\n"
    )
    print(f"{'measure':<34}{'p50 ms':>10}{'p95 ms':>10}{'p50 ratio':>12}")
    for group, baseline in (
        (("admin token", "API key", "access token"), "admin token"),
        (("login ok", "login wrong password", "login unknown email"), "login ok"),
    ):
        base, _ = _summary(series[baseline])
        for name in group:
            p50, p95 = _summary(series[name])
            print(f"{name:<34}{p50:>10.2f}{p95:>10.2f}{p50 / base:>12.2f}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
