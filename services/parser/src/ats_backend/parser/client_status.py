"""Whether a job's client is active, asked of tenants and remembered for a few seconds.

Every parse job asks, so the answer is cached per client: a burst of one client's uploads costs
one call, and a deactivation reaches the parser within ``cache_seconds``. Only answers are
cached. A tenants outage raises ``Unavailable`` (from ``call``), which the consumer retries in
place like any dependency outage: an unknown status is never taken for "inactive" (the job
would be held for nothing) nor for "active" (a deactivated client's job would be parsed).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ats_backend.core.grpc_client import call
from ats_backend.proto.tenants.v1 import tenants_pb2, tenants_pb2_grpc

__all__ = ["ClientStatusCache"]

# A status lookup is one indexed read; a tenants that needs longer is as good as down.
_DEADLINE_SECONDS = 5.0
# Beyond this many cached clients, expired entries are dropped (the parser runs for months;
# clients come and go).
_PRUNE_ABOVE = 10_000


class ClientStatusCache:
    def __init__(
        self,
        tenants: tenants_pb2_grpc.TenantsServiceAsyncStub,
        *,
        cache_seconds: float,
        deadline: float = _DEADLINE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._tenants = tenants
        self._cache_seconds = cache_seconds
        self._deadline = deadline
        self._clock = clock
        self._answers: dict[str, tuple[bool, float]] = {}  # client id -> (active, expires at)

    async def is_active(self, client_id: str) -> bool:
        """Raises ``NotFound`` when tenants does not know the client, ``Unavailable`` when
        tenants cannot be asked right now."""
        now = self._clock()
        cached = self._answers.get(client_id)
        if cached is not None and cached[1] > now:
            return cached[0]
        response = await call(
            self._tenants.GetClientStatus,
            tenants_pb2.GetClientStatusRequest(client_id=client_id),
            timeout=self._deadline,
        )
        if len(self._answers) >= _PRUNE_ABOVE:
            self._answers = {
                client: entry for client, entry in self._answers.items() if entry[1] > now
            }
        self._answers[client_id] = (response.is_active, now + self._cache_seconds)
        return response.is_active
