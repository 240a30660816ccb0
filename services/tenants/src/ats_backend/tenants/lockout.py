"""Account lockout after repeated failed logins, with a growing lock interval.

``max_failures`` consecutive failures lock the account for ``base`` seconds; every further
lockout before a successful login doubles the interval, up to ``max``. A success resets both
counters. Pure arithmetic here; sessions.py applies it inside the login transaction.
"""

from __future__ import annotations

import dataclasses
import datetime

from ats_backend.tenants.config import AuthPolicy

__all__ = ["FailureOutcome", "after_failure", "lock_seconds"]


@dataclasses.dataclass(frozen=True)
class FailureOutcome:
    failed_logins: int
    lockouts: int
    locked_until: datetime.datetime | None

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


def lock_seconds(policy: AuthPolicy, previous_lockouts: int) -> float:
    """Length of the next lock, given how many came before it since the last success."""
    # Capped exponent: 2**60 seconds is beyond any sane maximum already.
    factor = 2.0 ** min(previous_lockouts, 60)
    return min(policy.lockout_base_seconds * factor, policy.lockout_max_seconds)


def after_failure(
    policy: AuthPolicy, failed_logins: int, lockouts: int, now: datetime.datetime
) -> FailureOutcome:
    """The counters after one more failed password; locks when the threshold is reached."""
    failed = failed_logins + 1
    if failed < policy.login_max_failures:
        return FailureOutcome(failed, lockouts, None)
    until = now + datetime.timedelta(seconds=lock_seconds(policy, lockouts))
    # The failure counter restarts: after the lock the user gets max_failures tries again.
    return FailureOutcome(0, lockouts + 1, until)
