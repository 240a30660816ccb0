"""The runbook's /monitoring endpoints, including how they answer when a component is down."""

from __future__ import annotations

import time

import httpx
import pytest

from scripts.stack import Stack

pytestmark = pytest.mark.e2e


def _wait_for(check: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.2)


def test_health_lists_every_component_and_the_parse_queues(anonymous: httpx.Client) -> None:
    health = anonymous.get("/monitoring/health")
    assert health.status_code == 200
    report = health.json()
    assert report["status"] == "healthy"
    components = report["components"]
    for name in ("database", "broker", "tenants", "ingest", "candidates", "parser", "queues"):
        assert components[name]["status"] == "healthy", name
        assert components[name]["latency_ms"] >= 0
    text_lane = components["queues"]["queues"]["parse.text"]
    assert text_lane["consumers"] >= 1 and text_lane["depth"] >= 0
    assert anonymous.get("/monitoring/health/simple").json() == {"status": "healthy"}
    assert anonymous.get("/monitoring/liveness").json() == {"status": "alive"}
    assert anonymous.get("/monitoring/readiness").status_code == 200


def test_metrics_are_prometheus_text_with_request_and_queue_series(anonymous: httpx.Client) -> None:
    anonymous.get("/monitoring/liveness")
    metrics = anonymous.get("/monitoring/metrics")
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain")
    body = metrics.text
    assert 'ats_http_requests_total{method="GET",route="/monitoring/liveness",status="200"}' in body
    assert 'ats_queue_depth{queue="parse.text"}' in body
    assert 'ats_queue_consumers{queue="parse.text"}' in body
    # Deactivated clients' jobs wait here; their depth is worth watching too.
    assert 'ats_queue_depth{queue="parse.text.held"}' in body


def test_a_stopped_worker_degrades_and_a_stopped_service_fails_readiness(
    stack: Stack, anonymous: httpx.Client
) -> None:
    stack.stop_service("parser")
    try:
        _wait_for(lambda: anonymous.get("/monitoring/health").json()["status"] == "degraded")
        report = anonymous.get("/monitoring/health").json()
        assert report["components"]["parser"]["status"] == "unhealthy"
        assert report["components"]["queues"]["queues"]["parse.text"]["consumers"] == 0
        assert anonymous.get("/monitoring/readiness").status_code == 200  # API still serves
    finally:
        stack.start_service("parser")
    stack.wait_ready(60)

    stack.stop_service("candidates")
    try:
        _wait_for(lambda: anonymous.get("/monitoring/readiness").status_code == 503)
        health = anonymous.get("/monitoring/health")
        assert health.status_code == 503
        assert health.json()["status"] == "unhealthy"
        assert health.json()["components"]["candidates"]["status"] == "unhealthy"
        assert anonymous.get("/monitoring/liveness").status_code == 200
    finally:
        stack.start_service("candidates")
    stack.wait_ready(60)
    assert anonymous.get("/monitoring/readiness").status_code == 200
