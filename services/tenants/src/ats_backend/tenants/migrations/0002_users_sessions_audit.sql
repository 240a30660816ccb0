-- Users (password login), their sessions and refresh tokens, and the security audit log; plus
-- the SECURITY DEFINER functions that look across tenants on purpose: the cross-tenant probes
-- (an id that exists under another client is logged as an RLS bypass attempt by the gateway)
-- and the platform admin's client list. Every table is tenant data under forced row-level
-- security whose policies fail closed when app.tenant_id is unset (NULL never equals).

CREATE TABLE users (
    tenant_id      uuid NOT NULL REFERENCES clients (id),
    id             uuid NOT NULL,
    -- Stored lower-cased so uniqueness and login ignore case.
    email          text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role           text NOT NULL CHECK (role IN ('client_admin', 'recruiter', 'viewer')),
    -- argon2id PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
    password_hash  text NOT NULL,
    is_active      boolean NOT NULL DEFAULT true,
    -- Consecutive failed logins since the last success or lockout.
    failed_logins  integer NOT NULL DEFAULT 0,
    locked_until   timestamptz,
    -- Lockouts since the last successful login: each one doubles the next lock's length.
    lockouts       integer NOT NULL DEFAULT 0,
    last_login_at  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email)
);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_tenant_isolation ON users
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- A login session. Access tokens name it (claim sid); revoking it ends them at the next
-- ResolveSession. expires_at slides forward with every refresh.
CREATE TABLE sessions (
    tenant_id   uuid NOT NULL,
    id          uuid NOT NULL,
    user_id     uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    source_ip   text,
    user_agent  text,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX sessions_by_user ON sessions (tenant_id, user_id);
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_tenant_isolation ON sessions
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- One row per refresh token ever issued, so a spent token presented again is recognised
-- (reuse = theft: the session is revoked). sha256 of the token: 256-bit random secrets.
CREATE TABLE refresh_tokens (
    tenant_id   uuid NOT NULL,
    token_hash  text NOT NULL,
    session_id  uuid NOT NULL,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    spent_at    timestamptz,
    PRIMARY KEY (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id)
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (tenant_id, session_id);
ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY refresh_tokens_tenant_isolation ON refresh_tokens
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Security audit log: append-only for the app role (no UPDATE, no DELETE granted).
CREATE TABLE audit_events (
    tenant_id     uuid NOT NULL REFERENCES clients (id),
    id            uuid NOT NULL,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    action        text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    actor_kind    text NOT NULL
        CHECK (actor_kind IN ('user', 'api_key', 'platform_admin', 'anonymous', 'system')),
    actor_id      text,
    source_ip     text,
    on_behalf_of  text,
    target        text,
    details       jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_events_by_action ON audit_events (tenant_id, action, id);
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_events_tenant_isolation ON audit_events
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE ON users TO {app_role};
GRANT SELECT, INSERT, UPDATE ON sessions TO {app_role};
GRANT SELECT, INSERT, UPDATE ON refresh_tokens TO {app_role};
GRANT SELECT, INSERT ON audit_events TO {app_role};

-- The owner (who runs migrations) may read every row, for the SECURITY DEFINER functions
-- below only; the policies name the owner, so they never apply to the app role.
CREATE POLICY clients_owner_probe ON clients FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY users_owner_probe ON users FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY api_keys_owner_probe ON api_keys FOR SELECT TO CURRENT_USER USING (true);

-- Does this id exist under a client other than the calling one? Answers a boolean only.
-- `<>`, not IS DISTINCT FROM: with no tenant set the comparison is NULL and the answer false.
CREATE FUNCTION user_exists_elsewhere(p_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM public.users WHERE id = p_id AND tenant_id
          <> nullif(current_setting('app.tenant_id', true), '')::uuid) $$;
REVOKE ALL ON FUNCTION user_exists_elsewhere(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION user_exists_elsewhere(uuid) TO {app_role};

CREATE FUNCTION api_key_exists_elsewhere(p_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM public.api_keys WHERE id = p_id AND tenant_id
          <> nullif(current_setting('app.tenant_id', true), '')::uuid) $$;
REVOKE ALL ON FUNCTION api_key_exists_elsewhere(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_key_exists_elsewhere(uuid) TO {app_role};

-- The platform admin's list of every client, oldest first (UUIDv7 ids are time-ordered),
-- keyset-paged after p_after. The only way the app role reads more than one client row.
CREATE FUNCTION clients_page(p_after uuid, p_limit int) RETURNS SETOF public.clients
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT * FROM public.clients WHERE p_after IS NULL OR id > p_after
          ORDER BY id LIMIT greatest(least(p_limit, 500), 1) $$;
REVOKE ALL ON FUNCTION clients_page(uuid, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION clients_page(uuid, int) TO {app_role};

-- The probes look an id up across tenants, where the (tenant_id, id) keys cannot help:
-- without an index on id alone every probe (any 404 by id) would scan all tenants' rows.
CREATE INDEX users_id ON users (id);
CREATE INDEX api_keys_id ON api_keys (id);
