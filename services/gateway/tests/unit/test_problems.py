from __future__ import annotations

import pytest

from ats_backend.core import errors
from ats_backend.gateway.problems import problem_body, status_for


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.UnsupportedMediaType("zip"), 415),
        (errors.InvalidInput("bad"), 422),
        (errors.DocumentUnreadable("broken"), 422),
        (errors.Unauthenticated("who"), 401),
        (errors.PermissionDenied("no"), 403),
        (errors.NotFound("gone"), 404),
        (errors.Conflict("again"), 409),
        (errors.PayloadTooLarge("big"), 413),
        (errors.Unavailable("down"), 503),
        (errors.AtsError("bug"), 500),
    ],
)
def test_every_error_class_has_its_http_status(error: errors.AtsError, status: int) -> None:
    assert status_for(error)[0] == status


def test_problem_body_is_rfc9457_shaped() -> None:
    body = problem_body(404, "Not found", "job x not found", "not_found")
    assert body["type"].endswith("/not_found")
    assert {"type", "title", "status", "detail", "request_id"} <= body.keys()
