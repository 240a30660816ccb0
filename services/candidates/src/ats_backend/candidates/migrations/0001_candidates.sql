-- Candidate profiles in the JSON Resume shape, one per parsed document.

CREATE TABLE candidates (
    tenant_id    uuid NOT NULL,
    id           uuid NOT NULL,
    document_id  uuid NOT NULL,
    job_id       uuid NOT NULL,
    profile      jsonb NOT NULL,
    name         text,
    email        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    -- One candidate per document: the upsert key that makes redelivered events harmless.
    UNIQUE (tenant_id, document_id)
);
CREATE INDEX candidates_tenant_email ON candidates (tenant_id, lower(email));

ALTER TABLE candidates ENABLE ROW LEVEL SECURITY;
ALTER TABLE candidates FORCE ROW LEVEL SECURITY;
CREATE POLICY candidates_tenant_isolation ON candidates
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

GRANT SELECT, INSERT, UPDATE ON candidates TO {app_role};
