# The two commands of the README: `make run` and `make test`. Each does all the set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CLI := $(BIN)/counterpart
STAMP := $(VENV)/.installed
# PostgreSQL server used for the second test run (the maintenance database is only probed).
PG_SERVER_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/counterpart
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest exits 5 when it collected nothing; that is not a failure of the suite's set-up.
PYTEST = $(BIN)/pytest $(PYTEST_ARGS) || [ $$? -eq 5 ]

.PHONY: help install run data test lint check test-sqlite test-postgres lock messages audit schema clean serve worker bench

help:
	@echo "make run    set up, load reference and sample data, serve on http://$(HOST):$(PORT)/"
	@echo "make test   set up, then lint, checks and the whole suite on SQLite and PostgreSQL"
	@echo "make audit  check requirements.lock against known vulnerabilities (pip-audit)"
	@echo "make serve  production: collect static files, start gunicorn (docs/deployment.md)"
	@echo "make worker the background worker: large imports, many articles, briefs (beside run or serve)"
	@echo "make bench  benchmarks on SQLite and PostgreSQL (BENCH_PROJECTS, docs/benchmarks.md)"

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

data: install
	mkdir -p var
	$(CLI) migrate --no-input
	$(CLI) load-refdata
	$(CLI) load-sample

# The background worker (briefs, large imports, several articles) runs beside the development
# server and stops with it.
run: data
	@echo ""
	@echo "Counterpart is at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@$(CLI) sample-login
	@echo ""
	@$(CLI) worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(CLI) runserver $(HOST):$(PORT)

# Production on this machine (docs/deployment.md): SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL
# (and REDIS_URL with several servers) in the environment, `counterpart migrate` run once per
# upgrade; then static files are collected and gunicorn starts (workers from WEB_CONCURRENCY).
serve: install
	DJANGO_SETTINGS_MODULE=counterpart.settings.production $(CLI) collectstatic --no-input -v0
	DJANGO_SETTINGS_MODULE=counterpart.settings.production $(CLI) serve

# The background worker (django-tasks' db_worker): run it beside `make run` or `make serve`, with
# the same environment. Ctrl+C or SIGTERM lets the running job finish first.
worker: install
	$(CLI) worker

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	mkdir -p var
	$(CLI) check --fail-level WARNING
	$(CLI) makemigrations --check --dry-run

test-sqlite: install
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(PYTEST)

test-postgres: install
	@if $(BIN)/python scripts/pg_available.py $(PG_SERVER_URL); then \
		echo "== test suite on PostgreSQL ($(PG_TEST_URL), fresh test database) =="; \
		DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest --create-db $(PYTEST_ARGS) || [ $$? -eq 5 ]; \
	else \
		echo "== PostgreSQL run skipped: nothing answers at $(PG_SERVER_URL) =="; \
	fi

test: lint check test-sqlite test-postgres

lock: install
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

# pip-audit in a virtual environment of its own (not a dependency of the product). CI runs it;
# AUDIT_STRICT=1 also fails when the vulnerability service cannot be reached.
AUDIT_VENV := .venv-audit
$(AUDIT_VENV)/bin/pip-audit:
	$(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet pip-audit==2.9.0

audit: $(AUDIT_VENV)/bin/pip-audit
	$(PYTHON) scripts/audit.py $(AUDIT_VENV)/bin/pip-audit

# Benchmarks (docs/benchmarks.md), not part of `make test`: fills var/bench/ databases with
# BENCH_PROJECTS generated projects (20,000 by default; BENCH_PROJECTS=1000000 for the full run)
# on SQLite and, when it answers, on PostgreSQL, runs benchmarks/*.py on each and prints every
# ratio. BENCH_SECONDS (30) and BENCH_CLIENTS (20) bound the load test. Then
# `benchmarks/compare var/bench/results/latest.json` flags regressions against the recorded figures.
bench: install
	PG_SERVER_URL=$(PG_SERVER_URL) $(BIN)/python benchmarks/run.py

# The API's OpenAPI schema, committed; core/tests/test_api_schema.py fails when it drifts.
schema: install
	$(CLI) spectacular --lang en --validate --fail-on-warn --file docs/api/openapi.yaml

# After changing translatable strings: extract, translate the new entries in
# counterpart/locale/zh_Hans/LC_MESSAGES/django.po, then compile. Needs GNU gettext; the compiled
# catalogue is committed so that set-up does not.
messages: install
	cd counterpart && ../$(CLI) makemessages -l zh_Hans --ignore 'tests/*' --ignore '*/tests/*'
	cd counterpart && ../$(CLI) compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) $(AUDIT_VENV) var .pytest_cache .ruff_cache .hypothesis
