"""Entry-point plumbing shared by the service processes: run until SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import signal

__all__ = ["wait_for_shutdown"]


async def wait_for_shutdown() -> None:
    """Return when the process is asked to stop (SIGTERM from Kubernetes, Ctrl-C locally)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
