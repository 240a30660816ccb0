"""Users, password login, lockout, refresh rotation, logout and session resolution, against
the real database as the app role (RLS applies)."""

from __future__ import annotations

import asyncio
import datetime
import json
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from argon2 import PasswordHasher

from ats_backend.core.db import create_pool
from ats_backend.core.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from ats_backend.tenants.audit import Actor
from ats_backend.tenants.config import AuthPolicy
from ats_backend.tenants.models import Client, LoginResult, User
from ats_backend.tenants.service import TenantsService
from ats_backend.tenants.users import UserChanges

pytestmark = pytest.mark.integration

PASSWORD = "violet-kettle-orbit-42"
ADMIN = Actor("user", "test-admin", source_ip="192.0.2.1")
# Small numbers so lockout growth is observable in a test run.
POLICY = AuthPolicy(login_max_failures=3, lockout_base_seconds=1, lockout_max_seconds=2)


@pytest.fixture
def service(app_pool: asyncpg.Pool) -> TenantsService:
    return TenantsService(app_pool, POLICY)


@pytest.fixture
async def owner(database: dict[str, str]) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(database["owner"])
    try:
        yield conn
    finally:
        await conn.close()


async def _as_owner(
    owner: asyncpg.Connection, tenant: uuid.UUID, query: str, *args: object
) -> asyncpg.Record | None:
    """An operator's statement on one tenant's rows (the owner obeys RLS too)."""
    async with owner.transaction():
        await owner.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant))
        return await owner.fetchrow(query, *args)


async def _client_with_user(
    service: TenantsService, role: str = "client_admin"
) -> tuple[Client, User, str]:
    client, _, _ = await service.create_client(f"Client {uuid.uuid4().hex[:8]}")
    email = f"user-{uuid.uuid4().hex[:8]}@example.com"
    user = await service.users.create(client.id, email, "Grace Hopper", role, PASSWORD, ADMIN)
    return client, user, email


async def _login(
    service: TenantsService, client: Client, email: str, password: str = PASSWORD
) -> LoginResult:
    return await service.sessions.login(str(client.id), email, password, "198.51.100.7", "pytest")


async def _failure(
    service: TenantsService, client_id: str, email: str, password: str
) -> tuple[object, ...]:
    with pytest.raises(Unauthenticated) as caught:
        await service.sessions.login(client_id, email, password, "198.51.100.7", "pytest")
    error = caught.value
    return (type(error), error.detail, error.reason, error.field)


async def _actions(service: TenantsService, client: Client, action: str = "") -> list[str]:
    page = await service.audit_events(client.id, 500, "", action)
    return [event.action for event in page.items]


async def test_create_user_stores_lower_case_email_and_refuses_duplicates(
    service: TenantsService,
) -> None:
    client, user, email = await _client_with_user(service)
    assert user.email == email and user.role == "client_admin" and user.is_active
    assert user.last_login_at is None and user.locked_until is None
    with pytest.raises(Conflict) as caught:
        await service.users.create(client.id, email.upper(), "Other", "viewer", PASSWORD, ADMIN)
    assert caught.value.field == "email"
    with pytest.raises(InvalidInput) as invalid:
        await service.users.create(client.id, "x@example.com", "X", "viewer", "password1", ADMIN)
    assert invalid.value.field == "password"
    with pytest.raises(InvalidInput) as invalid:
        await service.users.create(client.id, "x@example.com", "X", "owner", PASSWORD, ADMIN)
    assert invalid.value.field == "role"
    with pytest.raises(InvalidInput) as invalid:
        await service.users.create(client.id, "not-an-email", "X", "viewer", PASSWORD, ADMIN)
    assert invalid.value.field == "email"
    assert "user.created" in await _actions(service, client)


async def test_the_stored_hash_is_argon2id(
    service: TenantsService, owner: asyncpg.Connection
) -> None:
    _, user, _ = await _client_with_user(service)
    stored = await owner.fetchval("SELECT password_hash FROM users WHERE id = $1", user.id)
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


async def test_login_succeeds_and_opens_a_session(service: TenantsService) -> None:
    client, user, email = await _client_with_user(service)
    result = await _login(service, client, email.upper())  # email case does not matter
    assert result.user.id == user.id
    assert result.user.last_login_at is not None
    assert result.refresh_token.startswith(f"atsr_{client.id.hex}_")
    assert result.refresh_expires_at > datetime.datetime.now(datetime.UTC) + datetime.timedelta(
        days=13
    )
    role = await service.sessions.resolve(str(client.id), str(user.id), str(result.session_id))
    assert role == "client_admin"
    events = (await service.audit_events(client.id, 10, "", "login.succeeded")).items
    assert events[0].actor_kind == "user" and events[0].actor_id == str(user.id)
    assert events[0].source_ip == "198.51.100.7"


async def test_every_failure_looks_the_same(
    service: TenantsService, owner: asyncpg.Connection
) -> None:
    client, user, email = await _client_with_user(service)
    _, inactive, inactive_email = await _client_with_user(service)
    failures = {
        "unknown client": await _failure(service, str(uuid.uuid4()), email, PASSWORD),
        "malformed client": await _failure(service, "not-a-uuid", email, PASSWORD),
        "unknown user": await _failure(service, str(client.id), "nobody@example.com", PASSWORD),
        "wrong password": await _failure(service, str(client.id), email, PASSWORD + "x"),
    }
    await service.users.create(
        client.id, "second@example.com", "S", "client_admin", PASSWORD, ADMIN
    )
    await service.users.update(client.id, str(user.id), UserChanges(is_active=False), ADMIN)
    failures["inactive user"] = await _failure(service, str(client.id), email, PASSWORD)
    await _as_owner(
        owner,
        client.id,
        "UPDATE users SET locked_until = now() + interval '1 hour' WHERE email = $1",
        "second@example.com",
    )
    failures["locked"] = await _failure(service, str(client.id), "second@example.com", PASSWORD)
    await service.clients.set_active(str(inactive.client_id), False, ADMIN)
    failures["inactive client"] = await _failure(
        service, str(inactive.client_id), inactive_email, PASSWORD
    )
    assert set(failures.values()) == {
        (Unauthenticated, "invalid email or password", "invalid_credentials", None)
    }
    # The reason is kept for the client's admins, not told to the caller.
    events = (await service.audit_events(client.id, 50, "", "login.failed")).items
    reasons = {json.loads(event.details_json)["reason"] for event in events}
    assert reasons == {"unknown_user", "wrong_password", "user_inactive", "locked"}
    anonymous = [e for e in events if e.actor_kind == "anonymous"]
    assert json.loads(anonymous[0].details_json)["email"] == "nobody@example.com"


async def test_unknown_users_cost_a_hash_verify_too(service: TenantsService) -> None:
    client, _, email = await _client_with_user(service)
    await _failure(service, str(client.id), "warm@example.com", PASSWORD)  # dummy hash made

    async def timed(address: str) -> float:
        started = asyncio.get_running_loop().time()
        await _failure(service, str(client.id), address, "wrong-but-long-enough")
        return asyncio.get_running_loop().time() - started

    known = min([await timed(email) for _ in range(3)])
    unknown = min([await timed("nobody@example.com") for _ in range(3)])
    # Both spend one argon2 verify (tens of milliseconds); no path is an order faster.
    assert unknown > known / 3 and known > unknown / 3


async def test_lockout_after_repeated_failures_grows(
    service: TenantsService, owner: asyncpg.Connection
) -> None:
    client, user, email = await _client_with_user(service)
    cid = str(client.id)
    for _ in range(3):
        await _failure(service, cid, email, "wrong password!")
    locked = await service.users.get(client.id, str(user.id))
    assert locked.locked_until is not None
    first_lock = (locked.locked_until - datetime.datetime.now(datetime.UTC)).total_seconds()
    assert 0 < first_lock <= 1
    # The right password does not get in while locked.
    await _failure(service, cid, email, PASSWORD)
    assert "login.locked" in await _actions(service, client)

    await asyncio.sleep(1.05)
    for _ in range(3):
        await _failure(service, cid, email, "wrong password!")
    row = await _as_owner(
        owner,
        client.id,
        "SELECT lockouts, locked_until - now() AS left FROM users WHERE id = $1",
        user.id,
    )
    assert row is not None
    assert row["lockouts"] == 2
    assert 1 < row["left"].total_seconds() <= 2  # doubled from 1 s, capped at 2 s

    await asyncio.sleep(2.05)
    result = await _login(service, client, email)
    assert result.user.locked_until is None
    row = await _as_owner(
        owner,
        client.id,
        "SELECT failed_logins, lockouts, locked_until FROM users WHERE id = $1",
        user.id,
    )
    assert row is not None
    assert tuple(row) == (0, 0, None)  # a success resets the growth


async def test_refresh_rotates_and_reuse_revokes_the_session(service: TenantsService) -> None:
    client, user, email = await _client_with_user(service)
    first = await _login(service, client, email)
    second = await service.sessions.refresh(first.refresh_token, "198.51.100.7")
    assert second.session_id == first.session_id
    assert second.refresh_token != first.refresh_token
    third = await service.sessions.refresh(second.refresh_token, "198.51.100.7")

    with pytest.raises(Unauthenticated) as caught:
        await service.sessions.refresh(first.refresh_token, "203.0.113.9")  # stolen, replayed
    assert caught.value.reason == "refresh_token_reused"
    with pytest.raises(Unauthenticated):
        await service.sessions.refresh(third.refresh_token, "198.51.100.7")
    with pytest.raises(Unauthenticated):
        await service.sessions.resolve(str(client.id), str(user.id), str(first.session_id))
    events = (await service.audit_events(client.id, 10, "", "session.reuse_detected")).items
    assert [e.target for e in events] == [f"session:{first.session_id}"]
    assert events[0].source_ip == "203.0.113.9"

    for bad in ("", "atsr_nope", "atsr_" + client.id.hex + "_" + "A" * 43):
        with pytest.raises(Unauthenticated):
            await service.sessions.refresh(bad, "")


async def test_concurrent_refreshes_of_one_token_never_fork_the_session(
    database: dict[str, str],
) -> None:
    """A thief replaying a stolen refresh token at the same moment as its owner: exactly one
    of the simultaneous refreshes wins, the others count as reuse, and the session ends."""
    # Every connection open beforehand, so the eight refreshes really meet in the database
    # (with connections still being opened, the first would finish before the others begin).
    pool = await create_pool(database["app"], min_size=8, max_size=8)
    try:
        service = TenantsService(pool, POLICY)
        client, user, email = await _client_with_user(service)
        first = await _login(service, client, email)
        results = await asyncio.gather(
            *(service.sessions.refresh(first.refresh_token, "198.51.100.7") for _ in range(8)),
            return_exceptions=True,
        )
        await _assert_one_winner(service, client, user, first, results)
    finally:
        await pool.close()


async def _assert_one_winner(
    service: TenantsService,
    client: Client,
    user: User,
    first: LoginResult,
    results: list[LoginResult | BaseException],
) -> None:
    winners = [r for r in results if isinstance(r, LoginResult)]
    refused = [r for r in results if isinstance(r, Unauthenticated)]
    assert len(winners) == 1 and len(refused) == 7, results
    assert {error.reason for error in refused} == {"refresh_token_reused"}
    # Reuse revoked the session: the winner's new token is dead too.
    with pytest.raises(Unauthenticated):
        await service.sessions.refresh(winners[0].refresh_token, "198.51.100.7")
    with pytest.raises(Unauthenticated):
        await service.sessions.resolve(str(client.id), str(user.id), str(first.session_id))


async def test_logout_revokes_the_session(service: TenantsService) -> None:
    client, user, email = await _client_with_user(service)
    result = await _login(service, client, email)
    other = await _login(service, client, email)
    ids = (str(client.id), str(user.id))
    await service.sessions.logout(client.id, str(result.session_id), ADMIN)
    await service.sessions.logout(client.id, str(result.session_id), ADMIN)  # idempotent
    with pytest.raises(Unauthenticated):
        await service.sessions.resolve(*ids, str(result.session_id))
    with pytest.raises(Unauthenticated):
        await service.sessions.refresh(result.refresh_token, "")
    assert await service.sessions.resolve(*ids, str(other.session_id)) == "client_admin"
    assert (await _actions(service, client, "session.revoked")) == ["session.revoked"]
    with pytest.raises(NotFound):
        await service.sessions.logout(client.id, "nope", ADMIN)


async def test_resolve_session_follows_role_user_and_client_state(
    service: TenantsService,
) -> None:
    client, admin, _ = await _client_with_user(service)
    email = "recruiter@example.com"
    user = await service.users.create(client.id, email, "R", "recruiter", PASSWORD, ADMIN)
    session = await _login(service, client, email)
    ids = (str(client.id), str(user.id), str(session.session_id))
    assert await service.sessions.resolve(*ids) == "recruiter"

    await service.users.update(client.id, str(user.id), UserChanges(role="viewer"), ADMIN)
    assert await service.sessions.resolve(*ids) == "viewer"

    # Client deactivation stops everything; reactivation restores the same sessions.
    await service.clients.set_active(str(client.id), False, ADMIN)
    with pytest.raises(Unauthenticated) as caught:
        await service.sessions.resolve(*ids)
    assert caught.value.reason == "client_inactive"
    with pytest.raises(Unauthenticated):
        await service.sessions.refresh(session.refresh_token, "")
    await _failure(service, str(client.id), email, PASSWORD)
    await service.clients.set_active(str(client.id), True, ADMIN)
    assert await service.sessions.resolve(*ids) == "viewer"
    refreshed = await service.sessions.refresh(session.refresh_token, "")

    # User deactivation ends their sessions for good: reactivated, they log in again.
    await service.users.update(client.id, str(user.id), UserChanges(is_active=False), ADMIN)
    with pytest.raises(Unauthenticated):
        await service.sessions.resolve(*ids)
    await service.users.update(client.id, str(user.id), UserChanges(is_active=True), ADMIN)
    with pytest.raises(Unauthenticated):
        await service.sessions.resolve(*ids)
    with pytest.raises(Unauthenticated):
        await service.sessions.refresh(refreshed.refresh_token, "")
    again = await _login(service, client, email)
    assert await service.sessions.resolve(ids[0], ids[1], str(again.session_id)) == "viewer"

    # A session id of another user does not resolve for this one.
    with pytest.raises(Unauthenticated):
        await service.sessions.resolve(ids[0], str(admin.id), ids[2])
    actions = await _actions(service, client)
    for action in (
        "user.role_changed",
        "user.deactivated",
        "user.reactivated",
        "client.deactivated",
        "client.reactivated",
    ):
        assert action in actions


async def test_password_change_and_rename(service: TenantsService) -> None:
    client, user, email = await _client_with_user(service)
    old = await _login(service, client, email)
    changed = await service.users.update(
        client.id,
        str(user.id),
        UserChanges(name=" Grace  B. Hopper ", password="n3w-Passphrase!"),
        ADMIN,
    )
    assert changed.name == "Grace B. Hopper"
    await _failure(service, str(client.id), email, PASSWORD)
    await _login(service, client, email, "n3w-Passphrase!")
    with pytest.raises(Unauthenticated):
        await service.sessions.resolve(str(client.id), str(user.id), str(old.session_id))
    with pytest.raises(InvalidInput):
        await service.users.update(client.id, str(user.id), UserChanges(password=email), ADMIN)
    assert "user.password_changed" in await _actions(service, client)


async def test_the_last_active_client_admin_stays(service: TenantsService) -> None:
    client, first, _ = await _client_with_user(service)
    for changes in (UserChanges(role="viewer"), UserChanges(is_active=False)):
        with pytest.raises(Conflict) as caught:
            await service.users.update(client.id, str(first.id), changes, ADMIN)
        assert caught.value.reason == "last_client_admin"
    second = await service.users.create(
        client.id, "second-admin@example.com", "Second", "client_admin", PASSWORD, ADMIN
    )
    demoted = await service.users.update(
        client.id, str(first.id), UserChanges(role="viewer"), ADMIN
    )
    assert demoted.role == "viewer"
    with pytest.raises(Conflict):
        await service.users.update(client.id, str(second.id), UserChanges(is_active=False), ADMIN)


async def test_users_list_get_and_cross_tenant_ids(service: TenantsService) -> None:
    client_a, user_a, _ = await _client_with_user(service)
    client_b, user_b, _ = await _client_with_user(service)
    extra = await service.users.create(
        client_a.id, "extra@example.com", "Extra", "viewer", PASSWORD, ADMIN
    )
    page = await service.users.list(client_a.id, 1, "")
    assert [u.id for u in page.items] == [extra.id] and page.next_cursor
    rest = await service.users.list(client_a.id, 10, page.next_cursor)
    assert [u.id for u in rest.items] == [user_a.id] and not rest.next_cursor
    assert (await service.users.get(client_b.id, str(user_b.id))).id == user_b.id

    errors = {}
    for label, user_id in (
        ("other tenant", str(user_a.id)),
        ("missing", str(uuid.uuid4())),
        ("malformed", "not-a-uuid"),
    ):
        with pytest.raises(NotFound) as caught:
            await service.users.get(client_b.id, user_id)
        errors[label] = caught.value
        with pytest.raises(NotFound):
            await service.users.update(client_b.id, user_id, UserChanges(name="x"), ADMIN)
    assert errors["other tenant"].reason == "cross_tenant"
    assert errors["missing"].reason == errors["malformed"].reason == "not_found"
    assert {(e.detail, e.field) for e in errors.values()} == {("user not found", "user_id")}


async def test_a_weaker_hash_is_upgraded_at_login(
    service: TenantsService, owner: asyncpg.Connection
) -> None:
    client, user, email = await _client_with_user(service)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    await _as_owner(
        owner, client.id, "UPDATE users SET password_hash = $2 WHERE id = $1", user.id, weak
    )
    await _login(service, client, email)
    stored = await owner.fetchval("SELECT password_hash FROM users WHERE id = $1", user.id)
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    await _login(service, client, email)  # and the new hash verifies
