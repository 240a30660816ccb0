from __future__ import annotations

from ats_backend.tenants import keys


def test_generated_keys_are_unique_recognisable_and_hash_stably() -> None:
    first, second = keys.generate(), keys.generate()
    assert first != second
    assert keys.looks_like_key(first)
    assert keys.hash_key(first) == keys.hash_key(first)
    assert keys.hash_key(first) != keys.hash_key(second)
    assert first.startswith(keys.visible_prefix(first))
    assert len(keys.visible_prefix(first)) < len(first) // 3


def test_garbage_is_not_a_key() -> None:
    for value in ("", "Bearer x", "ats_short", "x" * 60, "ats_" + "é" * 30):
        assert not keys.looks_like_key(value)
