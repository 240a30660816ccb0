-- Database roles for the ATS backend (tenant isolation, ARCHITECTURE.md rule 1). The same
-- roles and flags as `python -m ats_backend.core.dbsetup` (make run, tests), in plain SQL for
-- the postgres container's first start and for DBAs:
--   ats_owner  owns the database and every table; migrations connect as this role
--              (ATS_MIGRATION_DATABASE_URL).
--   ats_app    what the services connect as (ATS_DATABASE_URL): not owner, not superuser,
--              not BYPASSRLS, so forced row-level security applies to every query it runs.
--
-- psql variables (set by 10-ats-roles.sh under docker-compose; pass them with -v elsewhere):
--   db_name, owner_password, app_password
-- Run as a superuser against an existing maintenance database, e.g.
--   psql -v ON_ERROR_STOP=1 -v db_name=ats -v owner_password=... -v app_password=... \
--        -d postgres -f deploy/compose/postgres/ats-roles.sql

CREATE ROLE ats_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'owner_password';

CREATE ROLE ats_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT
  PASSWORD :'app_password';

CREATE DATABASE :"db_name" OWNER ats_owner;

-- Only the two ATS roles may connect (other roles of a shared server may not).
REVOKE CONNECT ON DATABASE :"db_name" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db_name" TO ats_app;

\connect :"db_name"

-- The owner creates the schema objects; nobody else may create anything. Table privileges
-- for ats_app are granted by the migrations themselves (ATS_APP_ROLE), table by table.
ALTER SCHEMA public OWNER TO ats_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC, ats_app;
GRANT USAGE ON SCHEMA public TO ats_app;
