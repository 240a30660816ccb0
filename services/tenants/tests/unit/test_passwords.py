"""Password policy and argon2id hashing (no database)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from ats_backend.core.errors import InvalidInput
from ats_backend.tenants.config import AuthPolicy
from ats_backend.tenants.passwords import Passwords, check_policy, common_passwords

EMAIL = "ada.lovelace@example.com"


def _refused(password: str, email: str = EMAIL) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        check_policy(password, email)
    assert caught.value.field == "password"
    return caught.value


def test_length_limits() -> None:
    assert "at least 8" in _refused("Zq7#pL2").detail
    check_policy("Zq7#pL2x", EMAIL)  # exactly 8
    passphrase = "correct horse battery staple, said the stapler to the pony: 4 me"
    assert len(passphrase) == 64  # long passphrases are welcome
    check_policy(passphrase, EMAIL)
    check_policy("v" * 127 + "w", EMAIL)  # exactly 128
    assert "at most 128" in _refused("v" * 129).detail


def test_no_composition_rules() -> None:
    check_policy("all lower case words here", EMAIL)


def test_common_passwords_are_refused_case_insensitively() -> None:
    assert len(common_passwords()) >= 10_000
    assert "password1" in common_passwords()
    assert "too common" in _refused("PassWord1").detail
    assert "too common" in _refused("iloveyou").detail


def test_the_email_and_its_local_part_are_refused() -> None:
    _refused(EMAIL.upper())
    _refused("Ada.Lovelace")


async def test_hashes_are_argon2id_with_the_owasp_parameters() -> None:
    passwords = Passwords(AuthPolicy())
    stored = await passwords.hash("Zq7#pL2x-long-enough")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert await passwords.verify(stored, "Zq7#pL2x-long-enough")
    assert not await passwords.verify(stored, "Zq7#pL2x-long-enougH")
    assert not await passwords.verify("not a hash", "whatever")
    assert not passwords.needs_rehash(stored)


async def test_unknown_accounts_verify_against_a_dummy_hash() -> None:
    passwords = Passwords(AuthPolicy())
    assert not await passwords.verify(None, "anything at all")


def test_weaker_hashes_need_a_rehash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("x" * 10)
    assert Passwords(AuthPolicy()).needs_rehash(weak)
    stronger = AuthPolicy(argon2_time_cost=3, argon2_memory_kib=19456)
    assert Passwords(stronger).needs_rehash(PasswordHasher(2, 19456, 32, 16).hash("x" * 10))
