# syntax=docker/dockerfile:1
# One-shot schema migration image for docker-compose (the `migrate` service): tenants, then
# ingest, then candidates, each as the database owner (ATS_MIGRATION_DATABASE_URL).
# Kubernetes does not use this image: its migration Job runs the same three commands from the
# services' own images (deploy/k8s/base/migrate-job.yaml, helm/ats/templates/migrate-job.yaml).
# Build from the repository root:
#   docker build -f deploy/compose/migrate.Dockerfile -t ats/migrate:local .

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY constraints.txt ./
COPY libs/proto ./libs/proto
COPY libs/common ./libs/common
COPY services/tenants ./services/tenants
COPY services/ingest ./services/ingest
COPY services/candidates ./services/candidates
RUN pip install --no-cache-dir -c constraints.txt ./libs/proto ./libs/common \
    ./services/tenants ./services/ingest ./services/candidates

FROM python:3.11-slim
RUN groupadd --system --gid 10001 ats \
 && useradd --system --uid 10001 --gid ats --no-create-home --home-dir /tmp --shell /usr/sbin/nologin ats
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    TMPDIR=/tmp
USER 10001:10001
WORKDIR /tmp
STOPSIGNAL SIGTERM
# Stops at the first failing step (&&), so a later service never migrates against a schema
# its dependency failed to create.
CMD ["sh", "-c", "python -m ats_backend.tenants migrate && python -m ats_backend.ingest migrate && python -m ats_backend.candidates migrate"]
