"""Cursor pagination at the HTTP edge: ``?limit=&cursor=``, ``next_cursor``, RFC 8288 Link."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request, Response

__all__ = ["link_next"]


def link_next(request: Request, response: Response, next_cursor: str) -> None:
    if not next_cursor:
        return
    params = dict(request.query_params)
    params["cursor"] = next_cursor
    response.headers["Link"] = f'<{request.url.path}?{urlencode(params)}>; rel="next"'
