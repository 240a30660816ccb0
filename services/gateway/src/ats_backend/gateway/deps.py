"""FastAPI dependencies: the process's shared objects, and the authenticated principal."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ats_backend.core.errors import PermissionDenied
from ats_backend.gateway.auth import Principal
from ats_backend.gateway.backends import Backends
from ats_backend.gateway.config import GatewaySettings

__all__ = ["AdminPrincipal", "ClientPrincipal", "backends", "settings"]


def backends(request: Request) -> Backends:
    value: Backends = request.app.state.backends
    return value


def settings(request: Request) -> GatewaySettings:
    value: GatewaySettings = request.app.state.settings
    return value


async def _principal(request: Request) -> Principal:
    principal: Principal = await request.app.state.authenticator(request)
    return principal


async def _client_principal(principal: Annotated[Principal, Depends(_principal)]) -> Principal:
    principal.tenant()  # raises 403 for the platform admin
    return principal


async def _admin_principal(principal: Annotated[Principal, Depends(_principal)]) -> Principal:
    if not principal.is_platform_admin:
        raise PermissionDenied("only the platform administrator may do this")
    return principal


ClientPrincipal = Annotated[Principal, Depends(_client_principal)]
AdminPrincipal = Annotated[Principal, Depends(_admin_principal)]
