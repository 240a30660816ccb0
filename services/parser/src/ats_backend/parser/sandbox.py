"""Parsing untrusted files in child processes with a wall-clock timeout and a memory cap.

Resumes come from anyone. A crafted PDF can make a parser loop, allocate without bound or
crash in native code; none of that may take the worker down or hold a job forever. So
``extract.parse_document`` runs in a pool of spawned processes (fresh interpreters, no
inherited sockets) whose address space is capped with RLIMIT_AS, each call bounded by a
timeout after which the pool is killed and rebuilt. Children are recycled periodically to
return memory that fragmentation would otherwise keep.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import multiprocessing
import resource
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ats_backend.core import errors
from ats_backend.core.errors import AtsError, DocumentUnreadable

__all__ = ["ParseCrashed", "Sandbox"]

log = logging.getLogger(__name__)

_TASKS_PER_CHILD = 500


class ParseCrashed(Exception):
    """A parse process died (a native crash, or killed with its siblings after a timeout).

    Not the document's fault for certain, so the job is retried; the queue's delivery limit
    fails it if it keeps happening."""


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Warm the imports now, not on the first document (extract loads its readers lazily).
    for module in ("pymupdf", "docx", "lxml.etree", "ats_backend.parser.extract"):
        importlib.import_module(module)


def _parse_in_child(data: bytes, content_type: str | None, filename: str) -> tuple[Any, ...]:
    # Exceptions are returned as plain tuples: AtsError's keyword fields would not survive
    # pickling across the process boundary.
    from ats_backend.parser.extract import parse_document

    try:
        profile = parse_document(data, content_type=content_type, filename=filename)
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
    def __init__(self, *, processes: int, timeout: float, memory_limit_mb: int) -> None:
        self._processes = processes
        self._timeout = timeout
        self._memory_limit_mb = memory_limit_mb
        self._pool = self._new_pool()
        # At most one call per process is handed to the pool, so a document's timeout counts
        # its own parsing only, never time spent waiting behind other documents.
        self._slots = asyncio.Semaphore(processes)

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_limit_memory,
            initargs=(self._memory_limit_mb,),
            max_tasks_per_child=_TASKS_PER_CHILD,
        )

    async def parse(self, data: bytes, *, content_type: str | None, filename: str) -> str:
        """The profile as a JSON string, or raises the ``AtsError`` the parser raised.

        ``ParseCrashed`` when a parse process died under this call (the caller retries).
        """
        async with self._slots:
            result = await self._run(data, content_type, filename)
        if result[0] == "ok":
            return str(result[1])
        _, class_name, reason, detail, field = result
        error_class = getattr(errors, class_name, AtsError)
        raise error_class(detail, reason=reason, field=field)

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
        log.warning("restarting the parse process pool")
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
