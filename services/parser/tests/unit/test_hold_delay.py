"""The hold delay of a deactivated client's job grows with each hold, up to the maximum, so a
long deactivation's backlog passes through the lane rarely rather than every few seconds."""

from __future__ import annotations

from typing import Any, cast

from aio_pika.abc import AbstractChannel, AbstractIncomingMessage

from ats_backend.parser.hold import HOLDS_HEADER, JobHold, holds_so_far


class _Incoming:
    def __init__(self, headers: dict[str, Any] | None) -> None:
        self.headers = headers


def test_the_delay_doubles_from_the_first_up_to_the_longest() -> None:
    hold = JobHold(cast(AbstractChannel, None), retry_seconds=30, max_retry_seconds=300)
    assert [hold.delay(n) for n in range(6)] == [30, 60, 120, 240, 300, 300]
    assert hold.delay(10_000) == 300  # no overflow however long the client stays off


def test_a_maximum_below_the_first_delay_is_the_first_delay() -> None:
    hold = JobHold(cast(AbstractChannel, None), retry_seconds=30, max_retry_seconds=5)
    assert hold.delay(0) == hold.delay(3) == 30


def test_holds_so_far_reads_our_header_and_nothing_else() -> None:
    def incoming(headers: dict[str, Any] | None) -> AbstractIncomingMessage:
        return cast(AbstractIncomingMessage, _Incoming(headers))

    assert holds_so_far(incoming(None)) == 0
    assert holds_so_far(incoming({"x-delivery-count": 4})) == 0
    assert holds_so_far(incoming({HOLDS_HEADER: 3})) == 3
    assert holds_so_far(incoming({HOLDS_HEADER: "2"})) == 2
    assert holds_so_far(incoming({HOLDS_HEADER: "junk"})) == 0
    assert holds_so_far(incoming({HOLDS_HEADER: -5})) == 0
