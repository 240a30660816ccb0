"""Passwords: the acceptance policy and argon2id hashing.

Policy (NIST SP 800-63B / OWASP): 8..128 characters, no composition rules, refused when in the
bundled list of common passwords (``common_passwords.txt``, compared case-insensitively) or
equal to the account's email or its local part. Hashing is argon2id; it is deliberately slow
and memory-hungry, so it runs in a worker thread and the gRPC server's event loop stays free.
"""

from __future__ import annotations

import asyncio
import functools
import secrets
from importlib import resources

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from ats_backend.core.errors import InvalidInput
from ats_backend.tenants.config import AuthPolicy

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "Passwords", "check_policy", "common_passwords"]

MIN_LENGTH = 8
MAX_LENGTH = 128


@functools.cache
def common_passwords() -> frozenset[str]:
    """The bundled list, read once on first use (nothing at import time)."""
    text = (
        resources.files("ats_backend.tenants")
        .joinpath("common_passwords.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line and not line.startswith("#")
    )


def check_policy(password: str, email: str) -> None:
    """Raise InvalidInput (field "password") unless ``password`` is acceptable for ``email``."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"password must be at least {MIN_LENGTH} characters", field="password")
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"password must be at most {MAX_LENGTH} characters", field="password")
    lowered = password.lower()
    address = email.strip().lower()
    if lowered in (address, address.partition("@")[0]):
        raise InvalidInput("password must not be the email address", field="password")
    if lowered in common_passwords():
        raise InvalidInput(
            "password is too common (it appears in lists of leaked passwords)", field="password"
        )


class Passwords:
    """argon2id hashing with the configured cost, off the event loop."""

    def __init__(self, policy: AuthPolicy) -> None:
        self._hasher = PasswordHasher(
            time_cost=policy.argon2_time_cost,
            memory_cost=policy.argon2_memory_kib,
            parallelism=1,
            type=Type.ID,
        )
        self._dummy: str | None = None

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, stored: str | None, password: str) -> bool:
        """Whether ``password`` matches ``stored``. With no stored hash (unknown user, unknown
        client) a dummy hash is verified instead, so every failure costs the same time and
        response times do not reveal which accounts exist."""
        if stored is None:
            stored = await self._dummy_hash()
        # No stored password is longer than MAX_LENGTH, so one character more keeps a wrong
        # answer wrong while bounding the work a hostile megabyte-long "password" can cause.
        return await asyncio.to_thread(self._verify, stored, password[: MAX_LENGTH + 1])

    async def warm_up(self) -> None:
        """Make the dummy hash now, so the first unknown-user login is not slower than
        the rest (which would tell that the account does not exist)."""
        await self._dummy_hash()

    def needs_rehash(self, stored: str) -> bool:
        """True when ``stored`` was made with weaker parameters than the current ones."""
        return self._hasher.check_needs_rehash(stored)

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    async def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = await self.hash(secrets.token_urlsafe(16))
        return self._dummy
