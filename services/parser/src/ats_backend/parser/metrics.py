"""Prometheus metrics of the parser process."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

__all__ = ["PARSE_DURATION", "PARSE_JOBS"]

PARSE_JOBS = Counter(
    "ats_parse_jobs_total",
    "Parse jobs handled, by outcome (parsed, failed, retried, skipped)",
    ["outcome"],
)
PARSE_DURATION = Histogram(
    "ats_parse_duration_seconds",
    "Seconds from taking a parse job to publishing its outcome",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
