#!/bin/sh
# Runs once, when the postgres container initialises an empty data directory
# (/docker-entrypoint-initdb.d). Passes the passwords to ats-roles.sql as psql variables so
# they never appear in a file or in the SQL text kept in the repository.
set -eu

: "${ATS_OWNER_DB_PASSWORD:?ATS_OWNER_DB_PASSWORD must be set}"
: "${ATS_APP_DB_PASSWORD:?ATS_APP_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 \
  --username "${POSTGRES_USER:-postgres}" \
  --dbname "${POSTGRES_DB:-postgres}" \
  --set=db_name="${ATS_DB_NAME:-ats}" \
  --set=owner_password="$ATS_OWNER_DB_PASSWORD" \
  --set=app_password="$ATS_APP_DB_PASSWORD" \
  --file=/ats-init/ats-roles.sql
