"""Candidates against the real database, as the app role."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from ats_backend.candidates.service import CandidatesService
from ats_backend.core.errors import InvalidInput, NotFound

pytestmark = pytest.mark.integration


def _profile(email: str) -> dict[str, object]:
    return {"basics": {"name": "Jane Doe", "email": email}, "skills": [{"name": "Go"}]}


async def test_storing_the_same_document_twice_keeps_one_candidate(app_pool: asyncpg.Pool) -> None:
    service = CandidatesService(app_pool)
    tenant, document, job = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    first = await service.store_profile(
        tenant, document_id=document, job_id=job, profile=_profile("a@example.com")
    )
    again = await service.store_profile(
        tenant, document_id=document, job_id=job, profile=_profile("b@example.com")
    )
    assert first == again
    stored = await service.get(tenant, str(first))
    assert '"b@example.com"' in stored.profile_json
    listed, cursor = await service.list(tenant, limit=10, cursor="")
    assert [c.id for c in listed] == [first]
    assert cursor == ""


async def test_other_tenants_and_bad_ids_are_not_found(app_pool: asyncpg.Pool) -> None:
    service = CandidatesService(app_pool)
    tenant = uuid.uuid4()
    candidate = await service.store_profile(
        tenant, document_id=uuid.uuid4(), job_id=uuid.uuid4(), profile=_profile("x@example.com")
    )
    for other_tenant, candidate_id in (
        (uuid.uuid4(), str(candidate)),
        (tenant, "nope"),
        (tenant, str(uuid.uuid4())),
    ):
        with pytest.raises(NotFound):
            await service.get(other_tenant, candidate_id)


async def test_pages_walk_newest_first_without_gaps(app_pool: asyncpg.Pool) -> None:
    service = CandidatesService(app_pool)
    tenant = uuid.uuid4()
    made = [
        await service.store_profile(
            tenant,
            document_id=uuid.uuid4(),
            job_id=uuid.uuid4(),
            profile=_profile(f"{i}@example.com"),
        )
        for i in range(7)
    ]
    seen: list[uuid.UUID] = []
    cursor = ""
    while True:
        page, cursor = await service.list(tenant, limit=3, cursor=cursor)
        seen.extend(c.id for c in page)
        if not cursor:
            break
    assert seen == list(reversed(made))
    with pytest.raises(InvalidInput):
        await service.list(tenant, limit=3, cursor="!!")


async def test_another_tenants_candidate_is_not_found_with_reason_cross_tenant(
    app_pool: asyncpg.Pool,
) -> None:
    service = CandidatesService(app_pool)
    owner, intruder = uuid.uuid4(), uuid.uuid4()
    candidate = str(
        await service.store_profile(
            owner, document_id=uuid.uuid4(), job_id=uuid.uuid4(), profile=_profile("c@x.org")
        )
    )
    with pytest.raises(NotFound) as cross:
        await service.get(intruder, candidate)
    assert (cross.value.reason, cross.value.field, cross.value.detail) == (
        "cross_tenant",
        "candidate_id",
        f"candidate {candidate} not found",
    )
    random_id = str(uuid.uuid4())
    for tenant, candidate_id in ((owner, random_id), (intruder, random_id), (owner, "nope")):
        with pytest.raises(NotFound) as missing:
            await service.get(tenant, candidate_id)
        # Same detail text and field as the cross-tenant answer; only the reason differs.
        assert (missing.value.reason, missing.value.field, missing.value.detail) == (
            "not_found",
            "candidate_id",
            f"candidate {candidate_id} not found",
        )
    assert str((await service.get(owner, candidate)).id) == candidate
