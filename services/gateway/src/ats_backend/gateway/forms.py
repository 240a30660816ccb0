"""Reading a multipart upload: the one place that refuses a body that is not multipart.

The body's size is capped before this runs, by ``middleware.BodyLimitMiddleware``, whose
per-route limits ``app.body_limits`` sets.
"""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import FormData

from ats_backend.core.errors import InvalidInput

__all__ = ["read_multipart"]


async def read_multipart(
    request: Request, *, what: str, max_files: int, max_fields: int
) -> FormData:
    """The parsed form; the caller closes it (``await form.close()``) to drop spooled files."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise InvalidInput(
            f"send {what} as multipart/form-data", field="body", reason="not_multipart"
        )
    return await request.form(max_files=max_files, max_fields=max_fields)
