"""The role matrix: which role may do what, in one table, and the dependencies routes declare.

Every ``/v1`` route declares its access with exactly one of:

- ``requires(Permission.X)``: an authenticated caller whose role grants X (403
  ``permission_denied`` otherwise);
- ``authenticated``: any authenticated caller (``/v1/auth/me``, ``/v1/auth/logout``);
- ``public``: no credential (``/v1/auth/login``, ``/v1/auth/refresh``).

Each carries an ``ats_access`` attribute so a test can walk every route and prove none was
forgotten (tests/unit/test_roles.py). Permissions are checked here only; the services trust
the tenant and actor the gateway sends.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends

from ats_backend.core.errors import PermissionDenied
from ats_backend.gateway.auth import PLATFORM_ADMIN, Principal
from ats_backend.gateway.deps import authenticated_principal

__all__ = [
    "ACCESS_ATTR",
    "CLIENT_ROLES",
    "ROLE_PERMISSIONS",
    "Authenticated",
    "Permission",
    "authenticated",
    "public",
    "requires",
]

ACCESS_ATTR = "ats_access"


class Permission(enum.StrEnum):
    CLIENTS_MANAGE = "clients.manage"
    # GET /v1/clients/{id} of the caller's own client (any id for the platform admin).
    CLIENT_READ = "clients.read"
    RLS_AUDIT = "rls.audit"
    DOCUMENTS_UPLOAD = "documents.upload"
    DOCUMENTS_PARSE = "documents.parse"
    DATA_READ = "data.read"
    USERS_MANAGE = "users.manage"
    API_KEYS_MANAGE = "api_keys.manage"
    AUDIT_READ = "audit.read"


P = Permission
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    PLATFORM_ADMIN: frozenset({P.CLIENTS_MANAGE, P.CLIENT_READ, P.RLS_AUDIT}),
    "client_admin": frozenset(
        {
            P.CLIENT_READ,
            P.DOCUMENTS_UPLOAD,
            P.DOCUMENTS_PARSE,
            P.DATA_READ,
            P.USERS_MANAGE,
            P.API_KEYS_MANAGE,
            P.AUDIT_READ,
        }
    ),
    "recruiter": frozenset({P.CLIENT_READ, P.DOCUMENTS_UPLOAD, P.DOCUMENTS_PARSE, P.DATA_READ}),
    "viewer": frozenset({P.CLIENT_READ, P.DATA_READ}),
}
# The roles a client's users and API keys may hold (the platform admin is not one).
CLIENT_ROLES = ("client_admin", "recruiter", "viewer")

_Dependency = Callable[..., Coroutine[Any, Any, Principal | None]]


def _declares(access: str, dependency: _Dependency) -> _Dependency:
    setattr(dependency, ACCESS_ATTR, access)
    return dependency


def allowed(principal: Principal, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(principal.role, frozenset())


@functools.cache
def requires(permission: Permission) -> Any:
    """``Depends`` on an authenticated caller whose role grants ``permission``."""

    async def check(principal: Annotated[Principal, Depends(authenticated_principal)]) -> Principal:
        if allowed(principal, permission):
            return principal
        if principal.client_id is None:
            # The platform admin on a client's endpoint: it acts for no client.
            raise PermissionDenied("this endpoint acts for a client; use a client's credential")
        raise PermissionDenied(
            f"the role {principal.role!r} may not do this (needs {permission.value})"
        )

    check.__name__ = f"requires_{permission.name.lower()}"
    return Depends(_declares(permission.value, check))


async def _any_principal(
    principal: Annotated[Principal, Depends(authenticated_principal)],
) -> Principal:
    return principal


async def _no_principal() -> None:
    return None


authenticated = Depends(_declares("authenticated", _any_principal))
public = Depends(_declares("public", _no_principal))
Authenticated = Annotated[Principal, authenticated]
