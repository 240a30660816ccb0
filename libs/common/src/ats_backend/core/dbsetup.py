"""Create the database and its two roles, as a PostgreSQL superuser (``make run``, tests, CI).

- ``ats_owner``: owns the database and every table; migrations run as it.
- ``ats_app``: what the services log in as; NOSUPERUSER, NOBYPASSRLS, owns nothing, so
  row-level security always applies to it.

Idempotent: existing roles and databases are left as they are (their flags are re-asserted).
In production the roles come from the platform (Helm values/secrets); this is for local use.

    python -m ats_backend.core.dbsetup --admin-url postgresql://postgres@127.0.0.1/postgres \
        --database ats
"""

from __future__ import annotations

import argparse
import asyncio

import asyncpg

__all__ = ["ensure_database"]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def ensure_database(
    admin_url: str, database: str, *, owner: str = "ats_owner", app_role: str = "ats_app"
) -> None:
    conn = await asyncpg.connect(admin_url)
    try:
        for role, flags in (
            (owner, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS"),
            (app_role, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT"),
        ):
            exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role)
            verb = "ALTER" if exists else "CREATE"
            await conn.execute(f"{verb} ROLE {_ident(role)} {flags}")
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
            await conn.execute(f"CREATE DATABASE {_ident(database)} OWNER {_ident(owner)}")
    finally:
        await conn.close()
    # Inside the new database: the owner owns the public schema, the app role may only use it.
    db_conn = await asyncpg.connect(admin_url, database=database)
    try:
        await db_conn.execute(f"ALTER SCHEMA public OWNER TO {_ident(owner)}")
        await db_conn.execute(f"REVOKE CREATE ON SCHEMA public FROM PUBLIC, {_ident(app_role)}")
        await db_conn.execute(f"GRANT USAGE ON SCHEMA public TO {_ident(app_role)}")
        await db_conn.execute(f"GRANT CONNECT ON DATABASE {_ident(database)} TO {_ident(app_role)}")
    finally:
        await db_conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="ats")
    parser.add_argument("--owner", default="ats_owner")
    parser.add_argument("--app-role", default="ats_app")
    args = parser.parse_args()
    asyncio.run(
        ensure_database(args.admin_url, args.database, owner=args.owner, app_role=args.app_role)
    )
    print(f"database {args.database!r} ready (owner {args.owner}, app role {args.app_role})")


if __name__ == "__main__":
    main()
