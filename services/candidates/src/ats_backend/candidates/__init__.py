"""Candidates service: parsed candidate profiles."""
