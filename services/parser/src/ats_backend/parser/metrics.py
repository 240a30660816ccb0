"""Prometheus metrics of the parser process.

Queue depth and consumers of both lanes (``parse.text``, ``parse.ocr``) are the gateway's
``ats_queue_depth`` / ``ats_queue_consumers``: the broker knows them, not one replica.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from prometheus_client import Counter, Gauge, Histogram

__all__ = [
    "OCR_FALLBACK",
    "OCR_PAGE_DURATION",
    "OCR_PROCESSES",
    "PARSE_DURATION",
    "PARSE_JOBS",
    "PARSE_JOBS_HELD",
    "record_ocr",
    "record_ocr_processes",
]

PARSE_JOBS = Counter(
    "ats_parse_jobs_total",
    "Parse jobs handled, by outcome (parsed, failed, retried, skipped, rerouted: moved from "
    "the text lane to the OCR lane, held: parked because the job's client is deactivated)",
    ["outcome"],
)
# Per lane, unlike PARSE_JOBS: a held job comes back every held_retry_seconds, so a steady rate
# here is a deactivated client's backlog cycling through the hold queue, not new work.
PARSE_JOBS_HELD = Counter(
    "ats_parse_jobs_held",
    "Parse jobs parked in their lane's hold queue because their client is deactivated (one "
    "count per hold: a job held until reactivation counts once per retry interval)",
    ["lane"],
)
PARSE_DURATION = Histogram(
    "ats_parse_duration_seconds",
    "Seconds from taking a parse job to publishing its outcome",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
OCR_FALLBACK = Counter(
    "ats_ocr_fallback_total",
    "Documents and pages parsed with OCR (unit: documents, pages), by why OCR was needed "
    "(no_text_layer, garbage_text, image_page, image); a document counts under its first "
    "recognised page's reason",
    ["unit", "reason"],
)
OCR_PAGE_DURATION = Histogram(
    "ats_ocr_page_duration_seconds",
    "Seconds the OCR engine took to recognise one page",
    buckets=(0.2, 0.5, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30),
)
OCR_PROCESSES = Gauge(
    "ats_ocr_processes",
    "OCR parse processes of this replica, by state (loaded: models ready; unavailable: the "
    "ocr extra is missing, so documents that need OCR fail with ocr_unavailable)",
    ["state"],
)


def record_ocr(profile_json: str) -> None:
    """Count what OCR did for one parsed document (nothing when it needed none)."""
    try:
        ocr: Any = json.loads(profile_json).get("x_ats", {}).get("ocr")
    except (ValueError, AttributeError):
        return
    pages = ocr.get("pages") if isinstance(ocr, dict) else None
    if not pages:
        return
    OCR_FALLBACK.labels("documents", str(pages[0].get("reason", "unknown"))).inc()
    for page in pages:
        OCR_FALLBACK.labels("pages", str(page.get("reason", "unknown"))).inc()
        OCR_PAGE_DURATION.observe(float(page.get("seconds", 0.0)))


def record_ocr_processes(engines: Sequence[str | None]) -> None:
    """Set the OCR process gauge from the engine each process loaded (None: unavailable)."""
    loaded = sum(1 for engine in engines if engine)
    OCR_PROCESSES.labels("loaded").set(loaded)
    OCR_PROCESSES.labels("unavailable").set(len(engines) - loaded)
