"""Start the five processes of the system on one machine, and stop them.

Used by ``make run`` (scripts/run_local.py), ``make bench`` and the end-to-end tests, so all
three run the system the same way: real processes, real PostgreSQL and RabbitMQ.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

__all__ = ["SERVICES", "Stack", "free_port"]

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("tenants", "ingest", "candidates", "parser", "gateway")
_COLORS = {"tenants": 35, "ingest": 36, "candidates": 33, "parser": 32, "gateway": 34}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Stack:
    """The processes of one running system. ``env`` holds the ATS_* settings shared by all."""

    def __init__(
        self,
        env: Mapping[str, str],
        *,
        ports: Mapping[str, int] | None = None,
        log_dir: Path | None = None,
        prefix_output: bool = False,
        parser_replicas: int = 1,
    ) -> None:
        self.ports = dict(
            ports
            or {
                "tenants": 50051,
                "ingest": 50052,
                "candidates": 50053,
                "parser": 50054,
                "gateway": 8002,
            }
        )
        self.env = {**os.environ, **env}
        # Rate limits stay on (headers, Redis) but generous: the end-to-end tests, the demo
        # and the benchmarks poll jobs every 0.1 s, past the production defaults of
        # docs/api.md#rate-limits. Set the variables to run with other limits.
        # Logins per source IP likewise (every test logs in from 127.0.0.1); a test of the
        # throttle passes its own small ATS_LOGIN_PER_IP_PER_MINUTE.
        for name in (
            "ATS_RATE_LIMIT_CLIENT_PER_MINUTE",
            "ATS_RATE_LIMIT_KEY_PER_MINUTE",
            "ATS_LOGIN_PER_IP_PER_MINUTE",
        ):
            self.env.setdefault(name, "1000000")
        # A throwaway access-token key unless the caller brings one (make run keeps its own).
        self.env.setdefault("ATS_JWT_KEYS", f"stack:{secrets.token_hex(32)}")
        self.env.update(
            {
                "ATS_TENANTS_ADDR": f"127.0.0.1:{self.ports['tenants']}",
                "ATS_INGEST_ADDR": f"127.0.0.1:{self.ports['ingest']}",
                "ATS_CANDIDATES_ADDR": f"127.0.0.1:{self.ports['candidates']}",
                "ATS_PARSER_ADDR": f"127.0.0.1:{self.ports['parser']}",
            }
        )
        self.log_dir = log_dir
        self.prefix_output = prefix_output
        self.parser_replicas = parser_replicas
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._threads: list[threading.Thread] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['gateway']}"

    def _command(self, service: str) -> list[str]:
        args = [sys.executable, "-m", f"ats_backend.{service}"]
        return args if service == "gateway" else [*args, "serve"]

    def start_service(
        self, service: str, *, name: str | None = None, extra_env: Mapping[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        name = name or service
        env = dict(self.env)
        if service == "gateway":
            env["ATS_HTTP_PORT"] = str(self.ports["gateway"])
        else:
            env["ATS_GRPC_PORT"] = str(self.ports[service]) if name == service else "0"
            env["ATS_METRICS_PORT"] = (
                "0" if name != service else env.get(f"ATS_{service.upper()}_METRICS_PORT", "0")
            )
        env.update(extra_env or {})
        stdout: int | IO[bytes] | None = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            stdout = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - owned by the child
        elif self.prefix_output:
            stdout = subprocess.PIPE
        process = subprocess.Popen(
            self._command(service),
            env=env,
            cwd=ROOT,
            stdout=stdout,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if self.prefix_output and process.stdout is not None:
            thread = threading.Thread(target=self._pump, args=(name, process.stdout), daemon=True)
            thread.start()
            self._threads.append(thread)
        self.processes[name] = process
        return process

    @staticmethod
    def _pump(name: str, stream: IO[bytes]) -> None:
        color = _COLORS.get(name.split("-")[0], 37)
        label = f"\033[{color}m{name:<10}\033[0m | " if sys.stdout.isatty() else f"{name:<10} | "
        for line in iter(stream.readline, b""):
            sys.stdout.write(label + line.decode("utf-8", "replace"))
            sys.stdout.flush()

    def start(self, timeout: float = 60.0) -> None:
        for service in SERVICES:
            if service == "parser":
                for replica in range(self.parser_replicas):
                    self.start_service(
                        "parser", name="parser" if replica == 0 else f"parser-{replica}"
                    )
            else:
                self.start_service(service)
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Until every service is up and a parser consumes each parse lane it runs.

        A parser running the OCR lane reports ready only once its OCR processes have loaded
        their models (5 to 20 s, depending on the machine's load): ``timeout`` must allow
        for it."""
        deadline = time.monotonic() + timeout
        last = ""
        lanes = self.parse_lanes()
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode} during start-up")
            try:
                with urllib.request.urlopen(self.base_url + "/monitoring/health", timeout=3) as r:
                    last = r.read().decode()
                if self._ready(json.loads(last), lanes):
                    return
            except Exception as exc:
                last = repr(exc)
            time.sleep(0.3)
        raise TimeoutError(f"stack not ready after {timeout}s: {last[:800]}")

    def parse_lanes(self) -> list[str]:
        """The queues the parsers consume (``ATS_PARSER_LANES``; both lanes by default)."""
        lanes = self.env.get("ATS_PARSER_LANES") or "text,ocr"
        return [f"parse.{lane.strip()}" for lane in lanes.split(",") if lane.strip()]

    @staticmethod
    def _ready(report: dict[str, Any], lanes: list[str]) -> bool:
        components = report.get("components", {})
        queues = components.get("queues", {}).get("queues", {})
        return bool(
            all(
                components.get(name, {}).get("status") == "healthy"
                for name in ("database", "broker", *SERVICES[:-1])
            )
            and all(queues.get(lane, {}).get("consumers", 0) > 0 for lane in lanes)
        )

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time used so far by each service, its child processes included (each service
        leads its own session, so the parser's parse pool counts towards the parser)."""
        ticks = os.sysconf("SC_CLK_TCK")
        by_session = {p.pid: name for name, p in self.processes.items()}
        used = dict.fromkeys(self.processes, 0.0)
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            name = by_session.get(int(fields[3]))  # field 6 of stat: the session id
            if name is not None:
                used[name] += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        return used

    def stop_service(self, name: str, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:
        process = self.processes.pop(name)
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return int(process.returncode)

    def stop(self) -> None:
        # Gateway first (no new work), workers last.
        for name in sorted(self.processes, key=lambda n: n != "gateway"):
            self.stop_service(name)

    @contextlib.contextmanager
    def running(self, timeout: float = 60.0) -> Iterator[Stack]:
        try:
            self.start(timeout)
            yield self
        finally:
            self.stop()
