"""Tenants service: clients, API keys and credential resolution."""
