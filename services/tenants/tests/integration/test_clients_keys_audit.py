"""Clients, API keys and the audit log against the real database, as the app role; and the
gRPC edge through a real server."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import grpc
import pytest

from ats_backend.core.errors import InvalidInput, NotFound, Unauthenticated
from ats_backend.core.grpc_client import open_channel
from ats_backend.core.grpc_server import ERROR_FIELD_KEY, ERROR_REASON_KEY, GrpcServer
from ats_backend.proto.tenants.v1 import tenants_pb2 as pb
from ats_backend.proto.tenants.v1 import tenants_pb2_grpc as pb_grpc
from ats_backend.tenants.audit import PLATFORM_ADMIN, Actor
from ats_backend.tenants.config import AuthPolicy
from ats_backend.tenants.server import TenantsServicer
from ats_backend.tenants.service import TenantsService

pytestmark = pytest.mark.integration

ADMIN = Actor("api_key", "test-key", source_ip="192.0.2.1", on_behalf_of="someone")
PASSWORD = "violet-kettle-orbit-42"


@pytest.fixture
def service(app_pool: asyncpg.Pool) -> TenantsService:
    return TenantsService(app_pool, AuthPolicy())


async def test_clients_can_be_read_renamed_and_deactivated(service: TenantsService) -> None:
    client, _, secret = await service.create_client("Before")
    assert (await service.clients.get(str(client.id), None)).name == "Before"
    assert (await service.clients.get(str(client.id), client.id)).id == client.id
    renamed = await service.clients.rename(str(client.id), "  After  Rename ", PLATFORM_ADMIN)
    assert renamed.name == "After Rename" and renamed.updated_at >= client.updated_at

    off = await service.clients.set_active(str(client.id), False, PLATFORM_ADMIN)
    assert not off.is_active and not await service.clients.is_active(str(client.id))
    with pytest.raises(Unauthenticated):
        await service.resolve_api_key(secret)
    await service.clients.set_active(str(client.id), False, PLATFORM_ADMIN)  # no change
    on = await service.clients.set_active(str(client.id), True, PLATFORM_ADMIN)
    assert on.is_active and await service.clients.is_active(str(client.id))
    assert (await service.resolve_api_key(secret)).client_id == client.id

    page = await service.audit_events(client.id, 50, "", "")
    actions = [event.action for event in reversed(page.items)]
    assert actions == [
        "client.created",
        "api_key.created",
        "client.renamed",
        "client.deactivated",
        "client.reactivated",
    ]
    assert {event.actor_kind for event in page.items} == {"platform_admin"}


async def test_another_clients_id_is_a_cross_tenant_miss(service: TenantsService) -> None:
    mine, _, _ = await service.create_client("Mine")
    theirs, _, _ = await service.create_client("Theirs")
    with pytest.raises(NotFound) as cross:
        await service.clients.get(str(theirs.id), mine.id)
    with pytest.raises(NotFound) as missing:
        await service.clients.get(str(uuid.uuid4()), None)
    assert (cross.value.reason, missing.value.reason) == ("cross_tenant", "not_found")
    assert (cross.value.detail, cross.value.field) == (missing.value.detail, missing.value.field)
    for call in (
        service.clients.get("nope", None),
        service.clients.rename("nope", "x", PLATFORM_ADMIN),
        service.clients.set_active(str(uuid.uuid4()), False, PLATFORM_ADMIN),
        service.clients.is_active(str(uuid.uuid4())),
    ):
        with pytest.raises(NotFound):
            await call


async def test_clients_page_walks_every_client_oldest_first(service: TenantsService) -> None:
    created = [(await service.create_client(f"Paged {n}"))[0].id for n in range(3)]
    seen: list[uuid.UUID] = []
    cursor = ""
    while True:
        page = await service.clients.list(2, cursor)
        assert len(page.items) <= 2
        seen.extend(client.id for client in page.items)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert seen == sorted(seen)
    assert [client_id for client_id in seen if client_id in created] == created
    with pytest.raises(InvalidInput):
        await service.clients.list(2, "!!not a cursor")


async def test_the_app_role_cannot_read_clients_directly(app_pool: asyncpg.Pool) -> None:
    # Only clients_page crosses tenants; the owner policy never applies to the app role.
    async with app_pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM clients") == 0
        assert await conn.fetchval("SELECT count(*) FROM users") == 0


async def test_api_keys_list_revoke_and_last_used(service: TenantsService) -> None:
    client, first, first_secret = await service.create_client("Keys")
    viewer, viewer_secret = await service.api_keys.create(client.id, "dash", "viewer", ADMIN)
    assert viewer.last_used_at is None
    await service.resolve_api_key(viewer_secret)
    listed = await service.api_keys.list(client.id, 10, "", False)
    assert [k.id for k in listed.items] == [viewer.id, first.id]
    assert listed.items[0].last_used_at is not None

    revoked = await service.api_keys.revoke(client.id, str(viewer.id), ADMIN)
    assert revoked.revoked_at is not None
    again = await service.api_keys.revoke(client.id, str(viewer.id), ADMIN)
    assert again.revoked_at == revoked.revoked_at  # revoking twice is not an error
    with pytest.raises(Unauthenticated):
        await service.resolve_api_key(viewer_secret)
    assert (await service.resolve_api_key(first_secret)).key_id == first.id

    active = await service.api_keys.list(client.id, 10, "", False)
    assert [k.id for k in active.items] == [first.id]
    every = await service.api_keys.list(client.id, 1, "", True)
    assert [k.id for k in every.items] == [viewer.id] and every.next_cursor
    events = (await service.audit_events(client.id, 10, "", "api_key.revoked")).items
    assert len(events) == 1 and events[0].target == f"api_key:{viewer.id}"
    assert (events[0].actor_kind, events[0].on_behalf_of) == ("api_key", "someone")


async def test_another_clients_key_is_a_cross_tenant_miss(service: TenantsService) -> None:
    mine, _, _ = await service.create_client("Mine")
    theirs, their_key, their_secret = await service.create_client("Theirs")
    with pytest.raises(NotFound) as cross:
        await service.api_keys.revoke(mine.id, str(their_key.id), ADMIN)
    with pytest.raises(NotFound) as missing:
        await service.api_keys.revoke(mine.id, str(uuid.uuid4()), ADMIN)
    with pytest.raises(NotFound) as malformed:
        await service.api_keys.revoke(mine.id, "12", ADMIN)
    assert cross.value.reason == "cross_tenant"
    assert missing.value.reason == malformed.value.reason == "not_found"
    assert cross.value.detail == missing.value.detail and cross.value.field == "key_id"
    assert (await service.resolve_api_key(their_secret)).client_id == theirs.id  # untouched


async def test_audit_events_are_per_tenant_and_filterable(service: TenantsService) -> None:
    a, _, _ = await service.create_client("Audit A")
    b, _, _ = await service.create_client("Audit B")
    for n in range(3):
        await service.api_keys.create(a.id, f"key {n}", "viewer", ADMIN)
    events_a = (await service.audit_events(a.id, 100, "", "")).items
    events_b = (await service.audit_events(b.id, 100, "", "")).items
    assert {e.client_id for e in events_a} == {a.id}
    assert {e.client_id for e in events_b} == {b.id}
    assert not {e.id for e in events_a} & {e.id for e in events_b}
    created = await service.audit_events(a.id, 2, "", "api_key.created")
    assert len(created.items) == 2 and created.next_cursor
    rest = await service.audit_events(a.id, 10, created.next_cursor, "api_key.created")
    assert len(rest.items) == 2 and not rest.next_cursor  # 3 + the default key
    ordered = [e.id for e in created.items + rest.items]
    assert ordered == sorted(ordered, reverse=True)  # newest first


@pytest.fixture
async def stub(service: TenantsService) -> AsyncIterator[pb_grpc.TenantsServiceStub]:
    server = GrpcServer(port=0, host="127.0.0.1")
    server.add(
        pb_grpc.add_TenantsServiceServicer_to_server,
        TenantsServicer(service),
        pb.DESCRIPTOR.services_by_name["TenantsService"].full_name,
    )
    await server.start()
    channel = open_channel(f"127.0.0.1:{server.port}")
    try:
        yield pb_grpc.TenantsServiceStub(channel)
    finally:
        await channel.close()
        await server.stop(1)


def _as(tenant: str) -> tuple[tuple[str, str], ...]:
    return (("x-ats-tenant-id", tenant),)


def _trailers(error: grpc.aio.AioRpcError) -> dict[str, str]:
    return {k: v for k, v in (error.trailing_metadata() or ()) if isinstance(v, str)}


async def test_the_grpc_edge(stub: pb_grpc.TenantsServiceStub) -> None:
    created = await stub.CreateClient(pb.CreateClientRequest(name="Over gRPC"))
    other = await stub.CreateClient(pb.CreateClientRequest(name="Other"))
    cid = created.client.id
    assert not created.api_key.HasField("last_used_at")
    assert not created.api_key.HasField("revoked_at")
    user = await stub.CreateUser(
        pb.CreateUserRequest(
            email="Grpc@Example.com",
            name="G",
            role="client_admin",
            password=PASSWORD,
            actor=pb.Actor(kind="api_key", id=created.api_key.id, source_ip="192.0.2.3"),
        ),
        metadata=_as(cid),
    )
    assert user.email == "grpc@example.com" and not user.HasField("locked_until")

    login = await stub.Login(
        pb.LoginRequest(client_id=cid, email="grpc@example.com", password=PASSWORD)
    )
    assert login.user.HasField("last_login_at") and login.refresh_token.startswith("atsr_")
    resolved = await stub.ResolveSession(
        pb.ResolveSessionRequest(client_id=cid, user_id=user.id, session_id=login.session_id)
    )
    assert resolved.role == "client_admin"
    refreshed = await stub.Refresh(pb.RefreshRequest(refresh_token=login.refresh_token))
    assert refreshed.session_id == login.session_id

    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await stub.Login(pb.LoginRequest(client_id=cid, email="grpc@example.com", password="no"))
    assert failed.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert failed.value.details() == "invalid email or password"
    assert _trailers(failed.value)[ERROR_REASON_KEY] == "invalid_credentials"

    # Another client's user id: NOT_FOUND, reason cross_tenant, same text as a missing one.
    with pytest.raises(grpc.aio.AioRpcError) as cross:
        await stub.GetUser(pb.GetUserRequest(user_id=user.id), metadata=_as(other.client.id))
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await stub.GetUser(pb.GetUserRequest(user_id="nope"), metadata=_as(other.client.id))
    assert cross.value.code() == missing.value.code() == grpc.StatusCode.NOT_FOUND
    assert cross.value.details() == missing.value.details()
    assert _trailers(cross.value)[ERROR_REASON_KEY] == "cross_tenant"
    assert _trailers(missing.value)[ERROR_REASON_KEY] == "not_found"
    assert _trailers(cross.value)[ERROR_FIELD_KEY] == "user_id"
    with pytest.raises(grpc.aio.AioRpcError) as cross_client:
        await stub.GetClient(pb.GetClientRequest(client_id=cid), metadata=_as(other.client.id))
    assert _trailers(cross_client.value)[ERROR_REASON_KEY] == "cross_tenant"
    assert (await stub.GetClient(pb.GetClientRequest(client_id=cid), metadata=_as(cid))).id == cid
    assert (await stub.GetClient(pb.GetClientRequest(client_id=cid))).name == "Over gRPC"

    updated = await stub.UpdateUser(
        pb.UpdateUserRequest(user_id=user.id, name="Renamed"), metadata=_as(cid)
    )
    assert (updated.name, updated.role) == ("Renamed", "client_admin")  # unset fields kept
    with pytest.raises(grpc.aio.AioRpcError) as last_admin:
        await stub.UpdateUser(
            pb.UpdateUserRequest(user_id=user.id, is_active=False), metadata=_as(cid)
        )
    assert last_admin.value.code() == grpc.StatusCode.ALREADY_EXISTS
    users = await stub.ListUsers(pb.ListUsersRequest(), metadata=_as(cid))
    assert [u.id for u in users.users] == [user.id]

    key = await stub.CreateApiKey(
        pb.CreateApiKeyRequest(name="ci", role="recruiter"), metadata=_as(cid)
    )
    await stub.ResolveApiKey(pb.ResolveApiKeyRequest(api_key=key.api_key_secret))
    revoked = await stub.RevokeApiKey(
        pb.RevokeApiKeyRequest(key_id=key.api_key.id), metadata=_as(cid)
    )
    assert revoked.HasField("revoked_at") and revoked.HasField("last_used_at")
    keys = await stub.ListApiKeys(pb.ListApiKeysRequest(include_revoked=True), metadata=_as(cid))
    assert len(keys.api_keys) == 2

    await stub.Logout(pb.LogoutRequest(session_id=login.session_id), metadata=_as(cid))
    with pytest.raises(grpc.aio.AioRpcError) as ended:
        await stub.ResolveSession(
            pb.ResolveSessionRequest(client_id=cid, user_id=user.id, session_id=login.session_id)
        )
    assert ended.value.code() == grpc.StatusCode.UNAUTHENTICATED

    renamed = await stub.UpdateClient(pb.UpdateClientRequest(client_id=cid, name="New"))
    assert renamed.name == "New" and renamed.HasField("updated_at")
    off = await stub.SetClientActive(pb.SetClientActiveRequest(client_id=cid, is_active=False))
    assert not off.is_active
    status = await stub.GetClientStatus(pb.GetClientStatusRequest(client_id=cid))
    assert not status.is_active
    with pytest.raises(grpc.aio.AioRpcError) as unknown:
        await stub.GetClientStatus(pb.GetClientStatusRequest(client_id=str(uuid.uuid4())))
    assert unknown.value.code() == grpc.StatusCode.NOT_FOUND
    listed = await stub.ListClients(pb.ListClientsRequest(limit=500))
    assert cid in {c.id for c in listed.clients}
    with pytest.raises(grpc.aio.AioRpcError) as client_principal:
        await stub.ListClients(pb.ListClientsRequest(), metadata=_as(cid))
    assert client_principal.value.code() == grpc.StatusCode.PERMISSION_DENIED

    events = await stub.ListAuditEvents(pb.ListAuditEventsRequest(), metadata=_as(cid))
    actions = [e.action for e in events.events]
    assert actions[0] == "client.deactivated"
    for action in (
        "user.created",
        "login.succeeded",
        "login.failed",
        "api_key.revoked",
        "session.revoked",
        "client.renamed",
    ):
        assert action in actions
    created_event = next(e for e in events.events if e.action == "user.created")
    assert (created_event.actor.kind, created_event.actor.source_ip) == ("api_key", "192.0.2.3")
    assert created_event.target == f"user:{user.id}"
    only = await stub.ListAuditEvents(
        pb.ListAuditEventsRequest(action="login.failed"), metadata=_as(cid)
    )
    assert {e.action for e in only.events} == {"login.failed"}

    with pytest.raises(grpc.aio.AioRpcError) as no_tenant:
        await stub.ListUsers(pb.ListUsersRequest())
    assert no_tenant.value.code() == grpc.StatusCode.UNAUTHENTICATED
