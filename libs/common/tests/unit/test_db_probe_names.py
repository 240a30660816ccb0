"""``exists_elsewhere`` interpolates the probe's name into SQL: only probe names pass."""

from __future__ import annotations

import uuid

import pytest

from ats_backend.core.db import exists_elsewhere


@pytest.mark.parametrize(
    "name",
    [
        "candidates",
        "candidate_exists_elsewhere(); DROP TABLE candidates; --",
        "Candidate_exists_elsewhere",
        "pg_catalog.pg_sleep",
        "",
    ],
)
async def test_anything_but_a_probe_name_is_refused_before_any_sql(name: str) -> None:
    # No connection is needed to be refused: the name is checked first (None would fail
    # with AttributeError if it ever reached the database call).
    with pytest.raises(ValueError, match="not a probe function name"):
        await exists_elsewhere(None, name, uuid.uuid4())  # type: ignore[arg-type]
