"""One running system for the end-to-end tests: every service a real process on free ports,
against the test database and vhost. Ingest reaches RabbitMQ through a TCP proxy so a test
can take the broker away from it."""

from __future__ import annotations

import secrets
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from scripts.stack import SERVICES, Stack, free_port
from tests.support.api import Api
from tests.support.security import Tenant, make_tenant
from tests.support.tcp_proxy import TcpProxy


@pytest.fixture(scope="session")
def broker_proxy(amqp_url: str) -> Iterator[TcpProxy]:
    parsed = urllib.parse.urlsplit(amqp_url)
    proxy = TcpProxy(parsed.hostname or "127.0.0.1", parsed.port or 5672)
    yield proxy
    proxy.close()


@pytest.fixture(scope="session")
def stack(
    database: dict[str, str],
    amqp_url: str,
    broker_proxy: TcpProxy,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Stack]:
    log_dir = Path(tmp_path_factory.mktemp("stack-logs"))
    parsed = urllib.parse.urlsplit(amqp_url)
    proxied = parsed._replace(
        netloc=f"{parsed.username}:{parsed.password}@127.0.0.1:{broker_proxy.port}"
    )
    system = Stack(
        {
            "ATS_DATABASE_URL": database["app"],
            "ATS_AMQP_URL": amqp_url,
            "ATS_PLATFORM_ADMIN_TOKEN": secrets.token_hex(32),
            "ATS_MAX_UPLOAD_BYTES": str(2 * 1024 * 1024),
            "ATS_PARSE_CONCURRENCY": "2",
            "ATS_AUTH_CACHE_SECONDS": "1",
            # Login throttling per source IP: the tests log in from their own made-up IPs
            # (X-Forwarded-For from the local proxy), the brute-force test from one of them.
            "ATS_LOGIN_PER_IP_PER_MINUTE": "30",
            # A deactivated client's jobs come back from the hold queue after 2 s, then every
            # 4 s; the parser's view of client status is at most 1 s old.
            "ATS_HELD_RETRY_SECONDS": "2",
            "ATS_HELD_MAX_RETRY_SECONDS": "4",
            "ATS_CLIENT_STATUS_CACHE_SECONDS": "1",
            "ATS_LOG_LEVEL": "INFO",
            # The parser's Prometheus endpoint, read by tests that count what it did.
            "ATS_PARSER_METRICS_PORT": str(free_port()),
        },
        ports={name: free_port() for name in SERVICES},
        log_dir=log_dir,
    )
    system.start_service("ingest", extra_env={"ATS_AMQP_URL": urllib.parse.urlunsplit(proxied)})
    for name in ("tenants", "candidates", "parser", "gateway"):
        system.start_service(name)
    try:
        system.wait_ready(90)
        yield system
    finally:
        system.stop()
        for log in sorted(log_dir.glob("*.log")):
            text = log.read_text(errors="replace")
            if "Traceback" in text:
                print(f"\n===== {log.name} (has tracebacks) =====\n{text[-6000:]}")


@pytest.fixture(scope="session")
def admin(stack: Stack) -> Api:
    return Api(stack.base_url, stack.env["ATS_PLATFORM_ADMIN_TOKEN"])


def _new_client(stack: Stack, admin: Api, name: str) -> Api:
    response = admin.http.post("/v1/clients", json={"name": name})
    assert response.status_code == 201, response.text
    body = response.json()
    return Api(stack.base_url, body["api_key"]["secret"], client_id=body["client"]["id"])


@pytest.fixture
def client_a(stack: Stack, admin: Api) -> Api:
    return _new_client(stack, admin, "Client A")


@pytest.fixture
def client_b(stack: Stack, admin: Api) -> Api:
    return _new_client(stack, admin, "Client B")


@pytest.fixture(scope="session")
def tenant_a(stack: Stack, admin: Api) -> Tenant:
    """Client A with a key and a user per role and one parsed resume (shared: read-only)."""
    return make_tenant(stack.base_url, admin, "Tenant A")


@pytest.fixture(scope="session")
def tenant_b(stack: Stack, admin: Api) -> Tenant:
    return make_tenant(stack.base_url, admin, "Tenant B")


@pytest.fixture
def anonymous(stack: Stack) -> httpx.Client:
    return httpx.Client(base_url=stack.base_url, timeout=30)
