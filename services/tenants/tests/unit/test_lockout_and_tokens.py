"""Lockout arithmetic, refresh token format and settings validation (no database)."""

from __future__ import annotations

import datetime
import uuid

import pydantic
import pytest

from ats_backend.tenants import lockout, refresh_tokens
from ats_backend.tenants.config import AuthPolicy, TenantsSettings

POLICY = AuthPolicy(login_max_failures=3, lockout_base_seconds=60, lockout_max_seconds=300)
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def test_the_threshold_locks_and_restarts_the_count() -> None:
    assert lockout.after_failure(POLICY, 0, 0, NOW) == lockout.FailureOutcome(1, 0, None)
    assert not lockout.after_failure(POLICY, 1, 0, NOW).locked
    locked = lockout.after_failure(POLICY, 2, 0, NOW)
    assert locked == lockout.FailureOutcome(0, 1, NOW + datetime.timedelta(seconds=60))


def test_each_further_lockout_doubles_up_to_the_maximum() -> None:
    assert [lockout.lock_seconds(POLICY, n) for n in range(5)] == [60, 120, 240, 300, 300]
    assert lockout.lock_seconds(POLICY, 10_000) == 300
    second = lockout.after_failure(POLICY, 2, 1, NOW)
    assert second.locked_until == NOW + datetime.timedelta(seconds=120)
    assert second.lockouts == 2


def test_refresh_tokens_name_their_client() -> None:
    client = uuid.uuid4()
    token = refresh_tokens.generate(client)
    assert token.startswith(f"atsr_{client.hex}_")
    assert refresh_tokens.client_of(token) == client
    assert refresh_tokens.generate(client) != token
    assert len(refresh_tokens.hash_token(token)) == 64
    for bad in ("", "atsr_", token[:-1], token + "x", "ats_" + token[5:], token.upper()):
        assert refresh_tokens.client_of(bad) is None


def test_argon2_settings_cannot_go_below_the_minimums(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATS_DATABASE_URL", "postgresql://x@localhost/x")
    assert TenantsSettings().auth_policy() == AuthPolicy()
    for name, value in (("ATS_ARGON2_TIME_COST", "1"), ("ATS_ARGON2_MEMORY_KIB", "8192")):
        monkeypatch.setenv(name, value)
        with pytest.raises(pydantic.ValidationError):
            TenantsSettings()
        monkeypatch.delenv(name)
