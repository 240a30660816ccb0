-- A probe for candidate ids of other tenants: when a lookup by id finds nothing under the
-- calling tenant, the service asks whether the id belongs to another client, so such an
-- attempt is told apart from a mistyped id (logged as RLS_BYPASS by the gateway) while the
-- caller gets the same 404 either way. It answers a boolean, never a row.
--
-- The owner (who runs migrations) may read every row, for SECURITY DEFINER probes only; the
-- policy names the owner, so it never applies to the app role (the RLS audit skips it).
-- `<>`, not IS DISTINCT FROM: with no tenant set the comparison is NULL and the probe answers
-- false, so outside a tenant transaction it tells nothing.

CREATE POLICY candidates_owner_probe ON candidates FOR SELECT TO CURRENT_USER USING (true);
CREATE FUNCTION candidate_exists_elsewhere(p_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM public.candidates WHERE id = p_id AND tenant_id
          <> nullif(current_setting('app.tenant_id', true), '')::uuid) $$;
REVOKE ALL ON FUNCTION candidate_exists_elsewhere(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION candidate_exists_elsewhere(uuid) TO {app_role};

-- The probes look an id up across tenants, where the (tenant_id, id) keys cannot help:
-- without an index on id alone every probe (any 404 by id) would scan all tenants' rows.
CREATE INDEX candidates_id ON candidates (id);
