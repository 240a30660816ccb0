"""Small conversions between protobuf well-known types and Python values, for the edges."""

from __future__ import annotations

import datetime

from google.protobuf.timestamp_pb2 import Timestamp

__all__ = ["timestamp"]


def timestamp(value: datetime.datetime | None) -> Timestamp:
    stamp = Timestamp()
    if value is not None:
        stamp.FromDatetime(value.astimezone(datetime.UTC))
    return stamp
