"""The one error tree of the project.

Every failure a caller should understand is an ``AtsError``. Each class carries the gRPC status
code it travels as and a machine-readable ``reason``; the gRPC server interceptor turns it into a
status (reason and field in trailing metadata), the gRPC client side turns it back, and the
gateway maps it to HTTP with a single table.

    AtsError                      INTERNAL            500
    ├── InvalidInput              INVALID_ARGUMENT    422  (names the field)
    │   └── UnsupportedMediaType  INVALID_ARGUMENT    415
    ├── DocumentUnreadable        FAILED_PRECONDITION 422  (a file we accepted but cannot parse)
    ├── Unauthenticated           UNAUTHENTICATED     401
    ├── PermissionDenied          PERMISSION_DENIED   403
    ├── NotFound                  NOT_FOUND           404  (missing *or another client's*)
    ├── Conflict                  ALREADY_EXISTS      409
    ├── PayloadTooLarge           RESOURCE_EXHAUSTED  413
    └── Unavailable               UNAVAILABLE         503  (a dependency is down; retry later)
"""

from __future__ import annotations

import grpc

__all__ = [
    "AtsError",
    "Conflict",
    "DocumentUnreadable",
    "InvalidInput",
    "NotFound",
    "PayloadTooLarge",
    "PermissionDenied",
    "Unauthenticated",
    "Unavailable",
    "UnsupportedMediaType",
    "error_from_reason",
]


class AtsError(Exception):
    """Base of every error the project raises on purpose."""

    grpc_code: grpc.StatusCode = grpc.StatusCode.INTERNAL
    reason: str = "internal"

    def __init__(self, detail: str, *, reason: str | None = None, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if reason is not None:
            self.reason = reason
        self.field = field

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.detail!r}, reason={self.reason!r}, field={self.field!r})"
        )


class InvalidInput(AtsError):
    grpc_code = grpc.StatusCode.INVALID_ARGUMENT
    reason = "invalid_input"


class UnsupportedMediaType(InvalidInput):
    reason = "unsupported_media_type"


class DocumentUnreadable(AtsError):
    """An accepted document whose content cannot be parsed (corrupt, encrypted, no text...)."""

    grpc_code = grpc.StatusCode.FAILED_PRECONDITION
    reason = "document_unreadable"


class Unauthenticated(AtsError):
    grpc_code = grpc.StatusCode.UNAUTHENTICATED
    reason = "unauthenticated"


class PermissionDenied(AtsError):
    grpc_code = grpc.StatusCode.PERMISSION_DENIED
    reason = "permission_denied"


class NotFound(AtsError):
    grpc_code = grpc.StatusCode.NOT_FOUND
    reason = "not_found"


class Conflict(AtsError):
    grpc_code = grpc.StatusCode.ALREADY_EXISTS
    reason = "conflict"


class PayloadTooLarge(AtsError):
    grpc_code = grpc.StatusCode.RESOURCE_EXHAUSTED
    reason = "payload_too_large"


class Unavailable(AtsError):
    grpc_code = grpc.StatusCode.UNAVAILABLE
    reason = "unavailable"


_BY_CODE: dict[grpc.StatusCode, type[AtsError]] = {
    cls.grpc_code: cls
    for cls in (
        InvalidInput,
        DocumentUnreadable,
        Unauthenticated,
        PermissionDenied,
        NotFound,
        Conflict,
        PayloadTooLarge,
        Unavailable,
    )
}
_BY_REASON: dict[str, type[AtsError]] = {UnsupportedMediaType.reason: UnsupportedMediaType}


def error_from_reason(
    code: grpc.StatusCode, reason: str | None, detail: str, field: str | None = None
) -> AtsError:
    """Rebuild the error a remote service raised from its gRPC status and trailing metadata."""
    cls = _BY_REASON.get(reason or "") or _BY_CODE.get(code, AtsError)
    if code == grpc.StatusCode.DEADLINE_EXCEEDED:
        cls = Unavailable
        reason = reason or "deadline_exceeded"
    return cls(detail, reason=reason or None, field=field or None)
