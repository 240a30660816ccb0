"""Ingest service: uploads, stored documents, parse jobs and the outbox relay."""
