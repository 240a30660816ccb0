-- Documents, their bytes, parse jobs, upload idempotency records: tenant tables with forced
-- RLS and fail-closed policies. The outbox is cross-tenant plumbing (see below).

CREATE TABLE documents (
    tenant_id     uuid NOT NULL,
    id            uuid NOT NULL,
    sha256        text NOT NULL,
    filename      text NOT NULL,
    content_type  text NOT NULL,
    size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    -- Dedupe per client: the same bytes uploaded twice are one document.
    UNIQUE (tenant_id, sha256)
);

CREATE TABLE document_contents (
    tenant_id    uuid NOT NULL,
    document_id  uuid NOT NULL,
    content      bytea NOT NULL,
    PRIMARY KEY (tenant_id, document_id),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id) ON DELETE CASCADE
);
-- PDFs and images are compressed already: store them out of line without recompressing.
ALTER TABLE document_contents ALTER COLUMN content SET STORAGE EXTERNAL;

CREATE TABLE parse_jobs (
    tenant_id       uuid NOT NULL,
    id              uuid NOT NULL,
    document_id     uuid NOT NULL,
    status          text NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'parsing', 'ocr', 'parsed', 'failed')),
    failure_reason  text,
    failure_detail  text,
    candidate_id    uuid,
    attempts        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX parse_jobs_tenant_document ON parse_jobs (tenant_id, document_id);
CREATE INDEX parse_jobs_tenant_status ON parse_jobs (tenant_id, status, id);

CREATE TABLE upload_idempotency (
    tenant_id        uuid NOT NULL,
    idempotency_key  text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    part_index       integer NOT NULL,
    sha256           text NOT NULL,
    document_id      uuid NOT NULL,
    job_id           uuid NOT NULL,
    duplicate        boolean NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idempotency_key, part_index)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['documents', 'document_contents', 'parse_jobs', 'upload_idempotency']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY %I ON %I '
            'USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) '
            'WITH CHECK (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
            t || '_tenant_isolation', t);
    END LOOP;
END $$;

-- Transactional outbox: a message written in the same transaction as the job it announces,
-- published by the relay afterwards. It holds serialised messages in flight only (ids, no
-- resume content), is read by the relay across all tenants, and no API exposes it; so it is
-- deliberately not a tenant table (no tenant_id column, no RLS). The tenant rides in headers.
CREATE TABLE outbox (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    exchange      text NOT NULL,
    routing_key   text NOT NULL,
    message_type  text NOT NULL,
    message_id    text NOT NULL,
    payload       bytea NOT NULL,
    headers       jsonb NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON documents, document_contents, parse_jobs, upload_idempotency
    TO {app_role};
-- UPDATE only because SELECT ... FOR UPDATE requires it; rows are never updated.
GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO {app_role};
