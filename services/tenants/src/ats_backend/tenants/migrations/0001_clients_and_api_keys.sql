-- Clients (tenants) and their API keys. Both tables are protected by forced row-level
-- security; every policy fails closed when app.tenant_id is unset (NULL never equals).

CREATE TABLE clients (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE clients FORCE ROW LEVEL SECURITY;
-- A client row is the tenant itself: visible only to a transaction acting as that tenant.
CREATE POLICY clients_tenant_isolation ON clients
    USING (id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (id = nullif(current_setting('app.tenant_id', true), '')::uuid);

CREATE TABLE api_keys (
    tenant_id     uuid NOT NULL REFERENCES clients (id),
    id            uuid NOT NULL,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role          text NOT NULL CHECK (role IN ('client_admin', 'recruiter', 'viewer')),
    -- sha256 of the secret: keys are 256-bit random, so a fast hash is enough (unlike passwords).
    key_hash      text NOT NULL,
    prefix        text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX api_keys_key_hash ON api_keys (key_hash);
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
-- Resolving a presented key happens before the tenant is known: a transaction that has set
-- app.api_key_hash may see the one row with that hash (knowing the hash means holding the key).
-- Writes always need the tenant.
CREATE POLICY api_keys_tenant_isolation ON api_keys
    USING (
        tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
        OR key_hash = nullif(current_setting('app.api_key_hash', true), '')
    )
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE ON clients TO {app_role};
GRANT SELECT, INSERT, UPDATE ON api_keys TO {app_role};
