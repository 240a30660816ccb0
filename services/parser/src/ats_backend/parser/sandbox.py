"""Parsing untrusted files in child processes with a wall-clock timeout and a memory cap.

Resumes come from anyone. A crafted PDF can make a parser loop, allocate without bound or
crash in native code; none of that may take the worker down or hold a job forever. So
``extract.parse_document`` runs in a pool of spawned processes (fresh interpreters, no
inherited sockets) whose address space is capped with RLIMIT_AS, each call bounded by a
timeout after which the pool is killed and rebuilt. Children are recycled periodically to
return memory that fragmentation would otherwise keep.

An OCR sandbox (``ocr=EasyOcrOptions(...)``) is the same pool whose children also load the OCR
engine, once, when they start (the models take seconds and over a gigabyte to load, far too
much per document), and hand it to ``parse_document``. A child that cannot load it because
the ``ocr`` extra is missing keeps running without one, so documents that need OCR fail with
``ocr_unavailable`` rather than parse into empty profiles. ``start()`` waits until every child
has loaded its engine: the process is not ready before that, and a parse never pays for
loading models inside its own timeout.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import multiprocessing
import os
import resource
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ats_backend.core import errors
from ats_backend.core.errors import AtsError, DocumentUnreadable

if TYPE_CHECKING:
    from ats_backend.parser.extract import OcrEngine
    from ats_backend.parser.ocr import EasyOcrOptions

__all__ = ["ChildStatus", "ParseCrashed", "Sandbox"]

log = logging.getLogger(__name__)

_TASKS_PER_CHILD = 500
"""Documents a child parses before it is replaced. An OCR child's replacement loads its models
as soon as it is spawned, so the next document rarely waits for them."""
_WARM_HOLD_SECONDS = 0.05
"""How long a warm-up probe keeps its child busy, so probes spread over the children instead
of the first child to finish loading answering them all."""

# The child's OCR engine, loaded by the pool initializer (one per process: not thread-safe,
# and far too slow to load per document). ``_ENGINE_MISSING`` says why there is none.
_ENGINE: OcrEngine | None = None
_ENGINE_MISSING: str | None = None


class ParseCrashed(Exception):
    """A parse process died (a native crash, or killed with its siblings after a timeout).

    Not the document's fault for certain, so the job is retried; the queue's delivery limit
    fails it if it keeps happening."""


@dataclass(frozen=True, slots=True)
class ChildStatus:
    """What one parse process has: an OCR engine (its name), or why it has none."""

    pid: int
    engine: str | None
    unavailable: str | None


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Warm the imports now, not on the first document (extract loads its readers lazily).
    for module in ("pymupdf", "docx", "lxml.etree", "ats_backend.parser.extract"):
        importlib.import_module(module)


def _start_ocr_child(megabytes: int, options: EasyOcrOptions) -> None:
    """Pool initializer of an OCR sandbox: the memory cap first (the models must fit under
    it, as every document later must), then the engine."""
    global _ENGINE, _ENGINE_MISSING
    _limit_memory(megabytes)
    # PyTorch warns about deprecated quantisation and pinned memory on every load and read;
    # nothing to act on, and raw warnings on stderr would break the JSON logs.
    warnings.filterwarnings("ignore", category=UserWarning, module="torch")
    from ats_backend.parser.ocr import OcrUnavailable, load_engine

    try:
        _ENGINE = load_engine(options)
    except OcrUnavailable as exc:
        # Not fatal: the child still parses text documents, and the ones needing OCR fail
        # with ocr_unavailable. Any other failure (memory cap too low, damaged model files)
        # is a misconfiguration and breaks the pool, so start() reports it loudly.
        _ENGINE_MISSING = str(exc)


def _child_status(hold: float) -> ChildStatus:
    time.sleep(hold)
    engine = _ENGINE.name if _ENGINE is not None else None
    return ChildStatus(pid=os.getpid(), engine=engine, unavailable=_ENGINE_MISSING)


def _parse_in_child(data: bytes, content_type: str | None, filename: str) -> tuple[Any, ...]:
    # Exceptions are returned as plain tuples: AtsError's keyword fields would not survive
    # pickling across the process boundary.
    from ats_backend.parser.extract import parse_document

    try:
        profile = parse_document(data, content_type=content_type, filename=filename, ocr=_ENGINE)
    except AtsError as exc:
        return ("error", type(exc).__name__, exc.reason, exc.detail, exc.field)
    except MemoryError:
        return (
            "error",
            "DocumentUnreadable",
            "too_complex",
            "the document needs more memory to parse than allowed",
            None,
        )
    return ("ok", json.dumps(profile, ensure_ascii=False))


class Sandbox:
    def __init__(
        self,
        *,
        processes: int,
        timeout: float,
        memory_limit_mb: int,
        ocr: EasyOcrOptions | None = None,
    ) -> None:
        self._processes = processes
        self._timeout = timeout
        self._memory_limit_mb = memory_limit_mb
        self._ocr = ocr
        self._pool = self._new_pool()
        # The pool whose children have all loaded their engine (OCR sandboxes only).
        self._warm_pool: ProcessPoolExecutor | None = None
        self._warming = asyncio.Lock()
        # At most one call per process is handed to the pool, so a document's timeout counts
        # its own parsing only, never time spent waiting behind other documents.
        self._slots = asyncio.Semaphore(processes)

    @property
    def ocr(self) -> bool:
        """Whether this sandbox's children load an OCR engine."""
        return self._ocr is not None

    def _new_pool(self) -> ProcessPoolExecutor:
        if self._ocr is not None:
            initializer: Any = _start_ocr_child
            initargs: tuple[Any, ...] = (self._memory_limit_mb, self._ocr)
        else:
            initializer, initargs = _limit_memory, (self._memory_limit_mb,)
        return ProcessPoolExecutor(
            max_workers=self._processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=initializer,
            initargs=initargs,
            max_tasks_per_child=_TASKS_PER_CHILD,
        )

    async def start(self) -> list[ChildStatus]:
        """Start every child and wait until each has loaded its OCR engine (if any).

        Returns one status per child. Raises ``ParseCrashed`` when a child died while
        starting (the pool is rebuilt; calling again retries)."""
        async with self._warming:
            return await self._warm()

    async def _warm(self) -> list[ChildStatus]:
        pool = self._pool
        try:
            statuses = await self._probe_all(pool)
        except BrokenProcessPool:
            self._restart(pool)
            raise ParseCrashed("a parse process died while starting") from None
        self._warm_pool = pool
        return statuses

    async def _probe_all(self, pool: ProcessPoolExecutor) -> list[ChildStatus]:
        loop = asyncio.get_running_loop()
        seen: dict[int, ChildStatus] = {}
        while True:
            # Submitting while no child is idle spawns one per call, up to ``processes``.
            probes = [
                loop.run_in_executor(pool, _child_status, _WARM_HOLD_SECONDS)
                for _ in range(self._processes)
            ]
            for status in await asyncio.gather(*probes):
                seen[status.pid] = status
            alive = set(pool._processes or {})
            if alive and alive <= seen.keys():
                return [seen[pid] for pid in sorted(alive)]

    async def parse(self, data: bytes, *, content_type: str | None, filename: str) -> str:
        """The profile as a JSON string, or raises the ``AtsError`` the parser raised.

        ``ParseCrashed`` when a parse process died under this call (the caller retries).
        """
        async with self._slots:
            if self._ocr is not None:
                await self._ensure_warm()
            result = await self._run(data, content_type, filename)
        if result[0] == "ok":
            return str(result[1])
        _, class_name, reason, detail, field = result
        error_class = getattr(errors, class_name, AtsError)
        raise error_class(detail, reason=reason, field=field)

    async def _ensure_warm(self) -> None:
        # A pool rebuilt after a timeout or crash loads its models again before the next
        # document, outside that document's timeout; concurrent calls wait for one warm-up.
        async with self._warming:
            if self._warm_pool is not self._pool:
                statuses = await self._warm()
                log.info("parse processes restarted", extra={"processes": len(statuses)})

    async def _run(self, data: bytes, content_type: str | None, filename: str) -> tuple[Any, ...]:
        pool = self._pool
        try:
            # Submitting to a pool that broke while idle (a child OOM-killed between
            # documents) raises here, synchronously: it must rebuild the pool too.
            future = asyncio.get_running_loop().run_in_executor(
                pool, _parse_in_child, data, content_type, filename
            )
            return await asyncio.wait_for(future, timeout=self._timeout)
        except TimeoutError:
            self._restart(pool)
            raise DocumentUnreadable(
                f"parsing took longer than {self._timeout:g} s and was stopped",
                reason="parse_timeout",
            ) from None
        except BrokenProcessPool:
            self._restart(pool)
            raise ParseCrashed("a parse process died") from None
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise  # this call itself is being cancelled (shutdown)
            # The pool was shut down under a call that had not started yet.
            raise ParseCrashed("the parse pool was restarted") from None

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        if broken is not self._pool:
            return  # another caller already replaced it
        log.warning("restarting the parse process pool", extra={"ocr": self.ocr})
        # The executor cannot cancel a running call; killing its processes is the only way to
        # stop a runaway parse. (_processes is private but stable since Python 3.2.)
        for process in list((broken._processes or {}).values()):
            process.kill()
        broken.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def close(self) -> None:
        """Stop the pool without waiting for running parses (their jobs are redelivered)."""
        for process in list((self._pool._processes or {}).values()):
            process.kill()
        self._pool.shutdown(wait=False, cancel_futures=True)
