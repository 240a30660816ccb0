"""Tenants against the real database, as the app role."""

from __future__ import annotations

import asyncpg
import pytest

from ats_backend.core.errors import InvalidInput, Unauthenticated
from ats_backend.tenants.service import TenantsService

pytestmark = pytest.mark.integration


async def test_a_new_client_key_resolves_to_that_client(app_pool: asyncpg.Pool) -> None:
    service = TenantsService(app_pool)
    client, key, secret = await service.create_client("  Acme   Recruiting ")
    assert client.name == "Acme Recruiting"  # whitespace normalised
    assert client.is_active
    assert key.role == "client_admin"
    assert secret.startswith(key.prefix)
    principal = await service.resolve_api_key(secret)
    assert (principal.client_id, principal.key_id, principal.role) == (
        client.id,
        key.id,
        "client_admin",
    )


async def test_more_keys_with_roles(app_pool: asyncpg.Pool) -> None:
    service = TenantsService(app_pool)
    client, _, _ = await service.create_client("Roles Inc")
    viewer, secret = await service.create_api_key(client.id, "dashboard", "viewer")
    assert (viewer.role, viewer.client_id) == ("viewer", client.id)
    assert (await service.resolve_api_key(secret)).role == "viewer"
    with pytest.raises(InvalidInput) as caught:
        await service.create_api_key(client.id, "x", "superuser")
    assert caught.value.field == "role"


async def test_unknown_revoked_and_deactivated_are_refused(
    app_pool: asyncpg.Pool, database: dict[str, str]
) -> None:
    service = TenantsService(app_pool)
    client, key, secret = await service.create_client("Soon Gone")
    with pytest.raises(Unauthenticated):
        await service.resolve_api_key(secret[:-2] + "xx")
    with pytest.raises(Unauthenticated):
        await service.resolve_api_key("not a key at all")

    # The runbook's isolation step, run as an operator would (owner role, tenant set).
    owner = await asyncpg.connect(database["owner"])
    try:
        async with owner.transaction():
            await owner.execute("SELECT set_config('app.tenant_id', $1, true)", str(client.id))
            await owner.execute("UPDATE clients SET is_active = false WHERE id = $1", client.id)
        with pytest.raises(Unauthenticated) as caught:
            await service.resolve_api_key(secret)
        assert caught.value.reason == "client_inactive"

        async with owner.transaction():
            await owner.execute("SELECT set_config('app.tenant_id', $1, true)", str(client.id))
            await owner.execute("UPDATE clients SET is_active = true WHERE id = $1", client.id)
            await owner.execute("UPDATE api_keys SET revoked_at = now() WHERE id = $1", key.id)
        with pytest.raises(Unauthenticated) as caught:
            await service.resolve_api_key(secret)
        assert caught.value.reason == "invalid_credentials"
    finally:
        await owner.close()


async def test_empty_client_name_is_refused(app_pool: asyncpg.Pool) -> None:
    with pytest.raises(InvalidInput) as caught:
        await TenantsService(app_pool).create_client("   ")
    assert caught.value.field == "name"
