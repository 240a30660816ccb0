-- Probes for ids of other tenants: "does this job / document exist under another client?"
-- When a lookup by id finds nothing under the calling tenant, the service asks, so an attempt
-- to reach another client's row is told apart from a mistyped id (logged as RLS_BYPASS by the
-- gateway) while the caller gets the same 404 either way. They answer a boolean, never a row.
--
-- The owner (who runs migrations) may read every row, for SECURITY DEFINER probes only; the
-- policies name the owner, so they never apply to the app role (the RLS audit skips them).
-- `<>`, not IS DISTINCT FROM: with no tenant set the comparison is NULL and the probe answers
-- false, so outside a tenant transaction it tells nothing.

CREATE POLICY parse_jobs_owner_probe ON parse_jobs FOR SELECT TO CURRENT_USER USING (true);
CREATE FUNCTION parse_job_exists_elsewhere(p_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM public.parse_jobs WHERE id = p_id AND tenant_id
          <> nullif(current_setting('app.tenant_id', true), '')::uuid) $$;
REVOKE ALL ON FUNCTION parse_job_exists_elsewhere(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION parse_job_exists_elsewhere(uuid) TO {app_role};

CREATE POLICY documents_owner_probe ON documents FOR SELECT TO CURRENT_USER USING (true);
CREATE FUNCTION document_exists_elsewhere(p_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM public.documents WHERE id = p_id AND tenant_id
          <> nullif(current_setting('app.tenant_id', true), '')::uuid) $$;
REVOKE ALL ON FUNCTION document_exists_elsewhere(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION document_exists_elsewhere(uuid) TO {app_role};

-- The probes look an id up across tenants, where the (tenant_id, id) keys cannot help:
-- without an index on id alone every probe (any 404 by id) would scan all tenants' rows.
CREATE INDEX parse_jobs_id ON parse_jobs (id);
CREATE INDEX documents_id ON documents (id);
