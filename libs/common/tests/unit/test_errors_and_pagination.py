from __future__ import annotations

import uuid

import grpc
import pytest

from ats_backend.core import errors
from ats_backend.core.pagination import MAX_LIMIT, clamp_limit, decode_cursor, encode_cursor


@pytest.mark.parametrize(
    "error",
    [
        errors.InvalidInput("bad", field="name"),
        errors.UnsupportedMediaType("zip", field="file"),
        errors.NotFound("gone"),
        errors.Conflict("again", reason="idempotency_key_reused"),
        errors.PayloadTooLarge("big", field="file"),
        errors.Unauthenticated("who", reason="client_inactive"),
        errors.DocumentUnreadable("broken", reason="corrupt_document"),
    ],
)
def test_an_error_survives_the_trip_through_grpc_status(error: errors.AtsError) -> None:
    rebuilt = errors.error_from_reason(error.grpc_code, error.reason, error.detail, error.field)
    assert type(rebuilt) is type(error)
    assert (rebuilt.reason, rebuilt.detail, rebuilt.field) == (
        error.reason,
        error.detail,
        error.field,
    )


def test_deadline_exceeded_becomes_unavailable() -> None:
    rebuilt = errors.error_from_reason(grpc.StatusCode.DEADLINE_EXCEEDED, None, "slow")
    assert isinstance(rebuilt, errors.Unavailable)
    assert rebuilt.reason == "deadline_exceeded"


def test_cursor_round_trip_and_garbage() -> None:
    value = uuid.uuid4()
    assert decode_cursor(encode_cursor(value)) == value
    assert decode_cursor("") is None
    with pytest.raises(errors.InvalidInput) as caught:
        decode_cursor("not a cursor!")
    assert caught.value.field == "cursor"


def test_limits_are_clamped() -> None:
    assert clamp_limit(0) == 50
    assert clamp_limit(10) == 10
    assert clamp_limit(10_000) == MAX_LIMIT
