# The single entry point. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
PACKAGES := libs/proto libs/common services/tenants services/ingest services/candidates services/parser services/gateway libs/cli
# What pip installs (editable): every package, the parser with its `ocr` extra (PyTorch,
# EasyOCR and its English weights: the OCR lane, docs/ocr.md).
EDITABLES := $(patsubst services/parser,'services/parser[ocr]',$(PACKAGES))
PG_ADMIN_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
ATS_DB ?= ats

export ATS_DATABASE_URL ?= postgresql://ats_app@127.0.0.1:5432/$(ATS_DB)
export ATS_MIGRATION_DATABASE_URL ?= postgresql://ats_owner@127.0.0.1:5432/$(ATS_DB)
export ATS_AMQP_URL ?= amqp://guest:guest@127.0.0.1:5672/

.PHONY: help install protos db migrate run demo test lint bench eval clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): constraints.txt $(addsuffix /pyproject.toml,$(PACKAGES))
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -c constraints.txt $(addprefix -e ,$(EDITABLES)) \
		grpcio-tools mypy-protobuf pytest pytest-asyncio ruff mypy types-protobuf types-PyYAML types-grpcio \
		kubernetes-validate PyYAML httpx helm-python-sdk hypothesis rapidfuzz
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install every package (editable, parser with OCR) with pinned versions

protos: $(STAMP) ## Regenerate libs/proto from protos/*.proto
	$(PY) protos/generate.py

db: $(STAMP) ## Create roles and database (superuser), then apply migrations (owner role)
	$(PY) -m ats_backend.core.dbsetup --admin-url $(PG_ADMIN_URL) --database $(ATS_DB)
	$(MAKE) --no-print-directory migrate

migrate: $(STAMP) ## Apply pending migrations of every service
	$(PY) -m ats_backend.tenants migrate
	$(PY) -m ats_backend.ingest migrate
	$(PY) -m ats_backend.candidates migrate

run: db ## Run the whole system in the foreground (gateway on :8002)
	$(PY) scripts/run_local.py

demo: $(STAMP) ## Upload samples/ to a running stack and print the parsed candidates
	$(PY) scripts/demo.py

test: $(STAMP) ## Run the whole test suite (needs PostgreSQL and RabbitMQ on localhost)
	$(PY) -m ats_backend.core.dbsetup --admin-url $(PG_ADMIN_URL) --database ats_test >/dev/null
	@# The tests use their own vhost so a `make run` stack on this machine is not disturbed.
	@if command -v rabbitmqctl >/dev/null; then \
		rabbitmqctl -q add_vhost ats_test >/dev/null 2>&1 || true; \
		rabbitmqctl -q set_permissions -p ats_test guest '.*' '.*' '.*' >/dev/null; \
	fi
	$(PY) -m pytest

lint: $(STAMP) ## ruff and mypy --strict on our code
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

bench: $(STAMP) ## Throughput beside raw PyMuPDF; auth cost per credential; OCR s/page and CER
	$(PY) -m ats_backend.core.dbsetup --admin-url $(PG_ADMIN_URL) --database ats_bench >/dev/null
	$(MAKE) --no-print-directory migrate \
		ATS_MIGRATION_DATABASE_URL=postgresql://ats_owner@127.0.0.1:5432/ats_bench >/dev/null
	@if command -v rabbitmqctl >/dev/null; then \
		rabbitmqctl -q add_vhost ats_bench >/dev/null 2>&1 || true; \
		rabbitmqctl -q set_permissions -p ats_bench guest '.*' '.*' '.*' >/dev/null; \
	fi
	$(PY) scripts/bench.py $(BENCH_ARGS)
	$(PY) scripts/bench_auth.py $(BENCH_AUTH_ARGS)
	$(PY) scripts/bench_ocr.py $(BENCH_OCR_ARGS)

eval: $(STAMP) ## Parse the labelled corpus: precision, recall and F1 per field, slowest documents
	$(PY) eval/run.py $(EVAL_ARGS)

clean: ## Remove the venv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .run
