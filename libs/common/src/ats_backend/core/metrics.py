"""Prometheus metrics endpoint for a service process (the gateway serves its own on 8002)."""

from __future__ import annotations

import logging

from prometheus_client import start_http_server

__all__ = ["serve_metrics"]

log = logging.getLogger(__name__)


def serve_metrics(port: int, host: str = "0.0.0.0") -> None:
    """Serve ``/metrics`` from a daemon thread; port 0 means disabled."""
    if port:
        start_http_server(port, addr=host)
        log.info("metrics endpoint listening", extra={"port": port})
