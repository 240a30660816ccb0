"""Rate limits per client and per API key, and failed logins per source IP, shared by every
gateway replica through Redis (``GcraStore``; ``RateLimiter`` and ``LoginThrottle`` only choose
the buckets, each kind in its own key space ``<prefix>:<scope>:<name>``).

The algorithm is GCRA (the generic cell rate algorithm, a leaky bucket that stores one
timestamp per bucket): ``limit`` requests per ``period`` with a burst of up to ``limit``. Each
bucket is one Redis key holding its "theoretical arrival time" (TAT). One Lua script checks
every bucket a request draws on (its client's and its key's) and, only when all of them
allow it, advances them all: the script runs atomically inside Redis, so any number of
replicas answering at once never let more through than the limit, and a refused request
costs no budget. The clock is Redis's own (``TIME``), so replicas' clocks need not agree.

If Redis cannot be reached the limiter fails open: the request is served without rate-limit
headers, ``ats_rate_limit_store_errors_total`` counts it and a warning is logged (at most
every ``_WARN_EVERY`` seconds). For ``_BACKOFF`` seconds after a failure Redis is not asked
again, so an outage does not add a connection timeout to every request.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from collections.abc import Sequence
from typing import Any, Literal

import redis.asyncio as redis
from prometheus_client import Counter
from redis.exceptions import RedisError

from ats_backend.core.errors import AtsError
from ats_backend.gateway.auth import Principal

__all__ = [
    "RATE_LIMITED",
    "STATE_KEY",
    "STORE_ERRORS",
    "Bucket",
    "Decision",
    "GcraStore",
    "LoginThrottle",
    "RateLimitExceeded",
    "RateLimiter",
    "headers",
]

log = logging.getLogger(__name__)

RATE_LIMITED = Counter(
    "ats_rate_limited_total", "Requests refused with 429, by the limit that refused", ["scope"]
)
STORE_ERRORS = Counter(
    "ats_rate_limit_store_errors_total",
    "Rate-limit store calls that could not reach Redis (the request was let through, "
    "or a failed login went uncounted)",
)

Mode = Literal["check", "peek", "spend"]

# Where the decision waits in the request state for RateLimitHeadersMiddleware.
STATE_KEY = "rate_limit"

_BACKOFF = 1.0
_WARN_EVERY = 30.0

# KEYS: the buckets. ARGV[1]: the period in microseconds; ARGV[2]: the mode; ARGV[2 + i]: the
# limit of KEYS[i]. Modes: "check" spends one unit of every bucket when all allow it (a
# request); "peek" only answers; "spend" spends one unit whatever the answer (a failure
# counted after the fact). Answers, per bucket: allowed (1/0), remaining, microseconds until
# the bucket is full again, microseconds until one more request would be allowed (0 when
# allowed).
_GCRA = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local period = tonumber(ARGV[1])
local mode = ARGV[2]
local all_allowed = true
local new_tats = {}
local answers = {}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i + 2])
  local interval = period / limit
  local tat = tonumber(redis.call('GET', key) or now) or now
  if tat < now then tat = now end
  local new_tat = tat + interval
  local allow_at = new_tat - period
  if allow_at > now then
    all_allowed = false
    answers[i] = {0, 0, math.ceil(tat - now), math.ceil(allow_at - now)}
  else
    local remaining = math.floor((period - (new_tat - now)) / interval + 1e-9)
    answers[i] = {1, remaining, math.ceil(new_tat - now), 0}
  end
  new_tats[i] = new_tat
end
if (mode == 'check' and all_allowed) or mode == 'spend' then
  for i, key in ipairs(KEYS) do
    redis.call('SET', key, string.format('%.0f', new_tats[i]),
               'PX', math.ceil((new_tats[i] - now) / 1000) + 1)
  end
end
local flat = {}
for i = 1, #answers do
  for j = 1, 4 do flat[#flat + 1] = answers[i][j] end
end
return flat
"""


class RateLimitExceeded(AtsError):
    """429: a rate limit refused the request; ``retry_after`` is in whole seconds."""

    reason = "rate_limited"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


@dataclasses.dataclass(frozen=True)
class Bucket:
    scope: str  # "client", "key" or "login_ip"; also the key space in Redis
    name: str
    limit: int


@dataclasses.dataclass(frozen=True)
class Decision:
    """What the tightest bucket says; the other buckets agreed or had more room."""

    allowed: bool
    scope: str
    limit: int
    remaining: int
    reset: int  # seconds until the deciding bucket's full budget is back
    retry_after: int  # seconds until a refused request may be retried; 0 when allowed


def headers(decision: Decision) -> list[tuple[bytes, bytes]]:
    """The three ``X-RateLimit-*`` headers every limited response carries (a 429's
    ``Retry-After`` comes with its problem body, from the problem table)."""
    return [
        (b"x-ratelimit-limit", str(decision.limit).encode()),
        (b"x-ratelimit-remaining", str(decision.remaining).encode()),
        (b"x-ratelimit-reset", str(decision.reset).encode()),
    ]


def _seconds(microseconds: int) -> int:
    return max(1, math.ceil(microseconds / 1_000_000))


class GcraStore:
    """GCRA buckets in Redis, checked atomically by one script, failing open."""

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "ats:ratelimit",
        timeout: float = 0.25,
        period_seconds: int = 60,
    ) -> None:
        self._redis: redis.Redis = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        # EVALSHA, loading the script on NOSCRIPT (a restarted or failed-over Redis).
        self._script = self._redis.register_script(_GCRA)
        self.prefix = prefix
        self._period_us = period_seconds * 1_000_000
        self._down_until = 0.0
        self._warned_at = -math.inf

    async def check_buckets(
        self, buckets: Sequence[Bucket], *, mode: Mode = "check"
    ) -> Decision | None:
        """The decision for one request, or None when Redis cannot be asked: fail open.
        ``check`` counts the request when allowed, ``peek`` counts nothing, ``spend`` counts
        one unit whatever the decision (see ``_GCRA``)."""
        if time.monotonic() < self._down_until:
            STORE_ERRORS.inc()
            return None
        try:
            flat = await self._run(buckets, mode)
        except (RedisError, OSError) as exc:
            self._store_failed(exc)
            return None
        return self._decide(buckets, flat, count_refusal=mode != "spend")

    async def _run(self, buckets: Sequence[Bucket], mode: Mode) -> list[int]:
        keys = [f"{self.prefix}:{b.scope}:{b.name}" for b in buckets]
        args = [self._period_us, mode, *(b.limit for b in buckets)]
        answer: Any = await self._script(keys=keys, args=args)
        return [int(value) for value in answer]

    def _decide(
        self, buckets: Sequence[Bucket], flat: Sequence[int], *, count_refusal: bool = True
    ) -> Decision:
        decisions = []
        for index, bucket in enumerate(buckets):
            allowed, remaining, reset_us, retry_us = flat[index * 4 : index * 4 + 4]
            decisions.append(
                Decision(
                    allowed=bool(allowed),
                    scope=bucket.scope,
                    limit=bucket.limit,
                    remaining=max(0, remaining),
                    reset=max(0, math.ceil(reset_us / 1_000_000)),
                    retry_after=_seconds(retry_us) if not allowed else 0,
                )
            )
        refused = [d for d in decisions if not d.allowed]
        if refused:
            decision = max(refused, key=lambda d: d.retry_after)
            if count_refusal:
                RATE_LIMITED.labels(decision.scope).inc()
            return decision
        return min(decisions, key=lambda d: (d.remaining, -d.reset))

    def _store_failed(self, exc: BaseException) -> None:
        STORE_ERRORS.inc()
        now = time.monotonic()
        self._down_until = now + _BACKOFF
        if now - self._warned_at >= _WARN_EVERY:
            self._warned_at = now
            log.warning(
                "rate-limit store unreachable; serving requests without rate limits",
                extra={"cause": repr(exc)},
            )

    async def close(self) -> None:
        await self._redis.aclose()


class RateLimiter(GcraStore):
    """Checks a caller against its client's and its key's budget, in Redis."""

    def __init__(
        self,
        url: str,
        *,
        client_per_minute: int,
        key_per_minute: int,
        prefix: str = "ats:ratelimit",
        timeout: float = 0.25,
        period_seconds: int = 60,
    ) -> None:
        super().__init__(url, prefix=prefix, timeout=timeout, period_seconds=period_seconds)
        self.client_per_minute = client_per_minute
        self.key_per_minute = key_per_minute

    async def check(self, principal: Principal) -> Decision | None:
        return await self.check_buckets(self.buckets(principal))

    def buckets(self, principal: Principal) -> list[Bucket]:
        """The budgets a caller draws on: its client's and its key's. The platform admin
        has no client; its token counts as a key."""
        found = []
        if principal.client_id is not None:
            found.append(Bucket("client", principal.client_id, self.client_per_minute))
        # A user's budget is its own, like a key's (the "key" scope: one caller).
        found.append(Bucket("key", principal.id, self.key_per_minute))
        return found


class LoginThrottle(GcraStore):
    """Failed logins per source IP (``ATS_LOGIN_PER_IP_PER_MINUTE``): a password guesser
    spraying many accounts from one address is stopped here, before tenants is asked; the
    per-account lockout in tenants holds even when Redis is down and this fails open.

    Only failures spend the budget (``failed``), so an office whose people all log in from
    one NAT address is not throttled by its own successful logins. A login first ``peek``s:
    attempts that arrive together may all pass the peek before their failures are counted,
    so a burst of parallel guesses can exceed the budget by the number in flight (the
    account lockout still bounds the guesses per account).
    """

    def __init__(
        self,
        url: str,
        *,
        per_minute: int,
        prefix: str = "ats:ratelimit",
        timeout: float = 0.25,
        period_seconds: int = 60,
    ) -> None:
        super().__init__(url, prefix=prefix, timeout=timeout, period_seconds=period_seconds)
        self.per_minute = per_minute

    async def check(self, ip: str) -> Decision | None:
        """May ``ip`` try to log in now? Counts nothing."""
        return await self.check_buckets([self._bucket(ip)], mode="peek")

    async def failed(self, ip: str) -> None:
        """Count one failed login from ``ip``."""
        await self.check_buckets([self._bucket(ip)], mode="spend")

    def _bucket(self, ip: str) -> Bucket:
        return Bucket("login_ip", ip, self.per_minute)
