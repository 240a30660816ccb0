"""``make bench``: end-to-end upload-to-candidate throughput beside raw PyMuPDF extraction.

Both are measured in the same run on the same generated two-page text PDFs, so the ratio
holds on a noisy shared machine where absolute figures drift:

1. baseline: ``pymupdf.open(...).get_text()`` of every page, in one process, one core;
2. burst: all documents uploaded as fast as the gateway takes them (16 concurrent requests),
   timed until every job is parsed: documents per second end to end;
3. paced: uploads at a fixed rate (default 50/s), upload-to-parsed latency per document from
   the job's own timestamps (accepted -> parsed): p50 / p95.

The stack runs as real processes on free ports against database ``ats_bench`` and RabbitMQ
vhost ``ats_bench`` (the Makefile creates both).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import pymupdf as _pymupdf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.stack import SERVICES, Stack, free_port

FIRST = ["Jane", "Ahmed", "Li", "María", "Olu", "Sven", "Priya", "Kenji", "Chloé", "Tomasz"]
LAST = ["Doe", "Haddad", "Wei", "García", "Adeyemi", "Larsen", "Sharma", "Sato", "Martin", "Nowak"]
# PyMuPDF's Python layer is untyped; one Any-typed name keeps mypy --strict quiet about it.
pymupdf: Any = _pymupdf
SKILLS = "Python, PostgreSQL, Kubernetes, Docker, React, TypeScript, AWS, Terraform, Go, Kafka"


def two_page_resume(index: int) -> bytes:
    name = f"{FIRST[index % 10]} {LAST[(index // 10) % 10]}"
    doc = pymupdf.open()
    for number in range(2):
        page = doc.new_page()
        y = 72.0
        if number == 0:
            page.insert_text((72, y), name, fontsize=22)
            y += 26
            page.insert_text(
                (72, y),
                f"{name.split()[0].lower()}{index}@example.com"
                f" | +44 20 7946 {index % 10000:04d}"
                " | linkedin.com/in/someone | github.com/someone",
                fontsize=9,
            )
            y += 24
            page.insert_text((72, y), "Skills: " + SKILLS, fontsize=9)
            y += 24
        for line in range(48):
            page.insert_text(
                (72, y),
                f"Senior Engineer, Company {index}-{number}-{line}, 2019 - Present: built "
                "services, led migrations and mentored engineers.",
                fontsize=8,
            )
            y += 13
            if y > 780:
                break
    data: bytes = doc.tobytes()
    doc.close()
    return data + f"%{index}".encode()  # unique bytes: no dedupe between documents


def baseline(documents: list[bytes]) -> tuple[float, float]:
    """(documents per second, median ms per document) for raw PyMuPDF text extraction."""
    timings = []
    started = time.perf_counter()
    for data in documents:
        t0 = time.perf_counter()
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            for page in doc:
                page.get_text()
        timings.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    return len(documents) / elapsed, statistics.median(timings) * 1000


def parse_cost(documents: list[bytes], rounds: int = 3) -> tuple[float, float]:
    """(median ms of raw get_text, median ms of parse_document) on the same documents, the two
    interleaved document by document so machine noise hits both alike."""
    from ats_backend.parser.extract import parse_document

    raw: list[float] = []
    parsed: list[float] = []
    parse_document(documents[0])  # imports and caches warmed outside the timing
    for _ in range(rounds):
        for data in documents:
            t0 = time.perf_counter()
            with pymupdf.open(stream=data, filetype="pdf") as doc:
                for page in doc:
                    page.get_text()
            t1 = time.perf_counter()
            parse_document(data)
            t2 = time.perf_counter()
            raw.append(t1 - t0)
            parsed.append(t2 - t1)
    return statistics.median(raw) * 1000, statistics.median(parsed) * 1000


async def upload_all(
    http: httpx.AsyncClient, documents: list[bytes], *, rate: float | None, concurrency: int = 16
) -> list[str]:
    jobs: list[str] = []
    limiter = asyncio.Semaphore(concurrency)

    async def one(index: int, data: bytes) -> None:
        async with limiter:
            response = await http.post("/v1/documents", files={"file": (f"r{index}.pdf", data)})
            response.raise_for_status()
            jobs.append(response.json()["uploads"][0]["job"]["id"])

    tasks = []
    started = time.perf_counter()
    for index, data in enumerate(documents):
        if rate:
            await asyncio.sleep(max(0.0, started + index / rate - time.perf_counter()))
        tasks.append(asyncio.create_task(one(index, data)))
    await asyncio.gather(*tasks)
    return jobs


async def wait_parsed(
    http: httpx.AsyncClient, jobs: list[str], within: float
) -> list[dict[str, Any]]:
    wanted = set(jobs)
    deadline = time.monotonic() + within
    while True:
        done: dict[str, dict[str, Any]] = {}
        cursor = ""
        while True:
            page = (await http.get("/v1/jobs", params={"limit": 500, "cursor": cursor})).json()
            for job in page["data"]:
                if job["id"] in wanted and job["status"] in ("parsed", "failed"):
                    done[job["id"]] = job
            cursor = page["next_cursor"] or ""
            if not cursor:
                break
        if len(done) == len(wanted) or time.monotonic() > deadline:
            return list(done.values())
        await asyncio.sleep(0.25)


def latency_ms(job: dict[str, Any]) -> float:
    created = datetime.datetime.fromisoformat(job["created_at"])
    updated = datetime.datetime.fromisoformat(job["updated_at"])
    return (updated - created).total_seconds() * 1000


async def run(
    stack: Stack, documents: list[bytes], paced: list[bytes], rate: float
) -> dict[str, Any]:
    admin = {"Authorization": f"Bearer {stack.env['ATS_PLATFORM_ADMIN_TOKEN']}"}
    async with httpx.AsyncClient(base_url=stack.base_url, timeout=60) as http:
        created = await http.post("/v1/clients", json={"name": "bench"}, headers=admin)
        http.headers["Authorization"] = f"Bearer {created.json()['api_key']['secret']}"

        started = time.perf_counter()
        jobs = await upload_all(http, documents, rate=None)
        uploaded = time.perf_counter() - started
        finished = await wait_parsed(http, jobs, within=600)
        elapsed = time.perf_counter() - started
        failed = sum(1 for job in finished if job["status"] != "parsed")

        paced_jobs = await upload_all(http, paced, rate=rate)
        paced_done = await wait_parsed(http, paced_jobs, within=600)
        latencies = sorted(latency_ms(job) for job in paced_done)
    return {
        "burst_docs_per_s": len(finished) / elapsed,
        "upload_docs_per_s": len(jobs) / uploaded,
        "burst_failed": failed,
        "burst_unfinished": len(jobs) - len(finished),
        "paced_p50_ms": statistics.median(latencies),
        "paced_p95_ms": latencies[int(0.95 * (len(latencies) - 1))],
        "paced_count": len(latencies),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--rate", type=float, default=50.0, help="paced uploads per second")
    parser.add_argument("--paced-seconds", type=float, default=6.0)
    parser.add_argument("--parsers", type=int, default=1, help="parser processes")
    args = parser.parse_args()

    documents = [two_page_resume(i) for i in range(args.documents)]
    paced = [two_page_resume(100_000 + i) for i in range(int(args.rate * args.paced_seconds))]
    raw_rate, raw_median = baseline(documents)
    cost_raw, cost_parse = parse_cost(documents[:100])

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
            },
            ports={name: free_port() for name in SERVICES},
            log_dir=Path(logs),
            parser_replicas=args.parsers,
        )
        with stack.running(timeout=90):
            before = stack.cpu_seconds()
            result = asyncio.run(run(stack, documents, paced, args.rate))
            after = stack.cpu_seconds()
        cpu = {name: after[name] - before.get(name, 0.0) for name in after}

    ratio = result["burst_docs_per_s"] / raw_rate
    print(
        f"\nmake bench: {args.documents} two-page text PDFs, {os.cpu_count()} CPUs, "
        f"{args.parsers} parser process(es)\n"
    )
    print(f"{'measure':<44}{'value':>14}")
    print(f"{'raw PyMuPDF get_text, one process (docs/s)':<44}{raw_rate:>14.1f}")
    print(f"{'raw PyMuPDF median per document (ms)':<44}{raw_median:>14.2f}")
    print(f"{'parse_document median, same docs (ms)':<44}{cost_parse:>14.2f}")
    print(f"{'ratio parse_document / raw get_text':<44}{cost_parse / cost_raw:>14.2f}")
    print(f"{'end to end, upload -> parsed (docs/s)':<44}{result['burst_docs_per_s']:>14.1f}")
    print(f"{'uploads accepted (docs/s)':<44}{result['upload_docs_per_s']:>14.1f}")
    print(f"{'ratio end to end / raw extraction':<44}{ratio:>14.3f}")
    lost = f"{result['burst_failed']} / {result['burst_unfinished']}"
    print(f"{'failed / unfinished in the burst':<44}{lost:>14}")
    print(f"{f'paced {args.rate:g}/s: p50 upload->parsed (ms)':<44}{result['paced_p50_ms']:>14.1f}")
    print(f"{f'paced {args.rate:g}/s: p95 upload->parsed (ms)':<44}{result['paced_p95_ms']:>14.1f}")
    total = len(documents) + result["paced_count"]
    print(f"\nCPU per document, by process (ms, over {total} documents):")
    for name, seconds in sorted(cpu.items(), key=lambda item: -item[1]):
        print(f"  {name:<12}{seconds / total * 1000:>8.2f}")
    return 0 if result["burst_failed"] == 0 and result["burst_unfinished"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
