# Frontdoor: `make run` to try it, `make test` to check it. Everything installs itself.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

BOOT := .bootstrap
UV := $(BOOT)/bin/uv
PY := .venv/bin/python
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
PROFILE ?= county-ci
# One test process per core: CI runs the suite twice (SQLite, PostgreSQL) within 20 minutes.
PYTEST_ARGS ?= -n auto
# The browser tests drive the pages, not the database: they run once, in `make test` (SQLite),
# and `make test-postgres` runs everything else (docs/adr/0045).
POSTGRES_PYTEST_ARGS ?= -m "not browser"

.PHONY: help run serve test lint types pytest test-postgres bench drills backup restore-drill \
	browser-deps static setup demo clean

help:
	@echo "make run            set up (venv, dependencies, database, demo data) and serve on $(HOST):$(PORT)"
	@echo "make test           lint, types and the whole test suite (SQLite), installing what it needs"
	@echo "make serve          the production process set (web, worker, scheduler) on PostgreSQL"
	@echo "make backup         a consistent backup of the configured database, in var/backups/"
	@echo "make restore-drill  restore the latest backup into a scratch database and check it"
	@echo "make drills         the reliability drills (docs/reliability.md), about 10 minutes"
	@echo "make bench          benchmarks (PROFILE=$(PROFILE))"

$(UV):
	python3 -m venv $(BOOT)
	$(BOOT)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

setup: .venv/.synced

demo: setup
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py seed_demo

# Links in emails and the sign-in help use the address the demo is really served on.
run serve: export FRONTDOOR_BASE_URL ?= http://$(HOST):$(PORT)

# The demo runs the same three processes as production (the web server here is Django's own),
# with tasks queued for the worker and the scheduler chasing deadlines.
run: export FRONTDOOR_TASKS := database
run: demo
	@$(PY) manage.py sign_in_help
	@scripts/processes \
	  "web=$(PY) manage.py runserver $(HOST):$(PORT) --noreload" \
	  "worker=$(PY) manage.py run_worker" \
	  "scheduler=$(PY) manage.py run_scheduler"

# Production settings against PostgreSQL (DATABASE_URL; the local server by default).
serve: setup
	HOST=$(HOST) PORT=$(PORT) scripts/serve

# Backups of the configured database (DATABASE_URL, else the embedded SQLite), and the drill
# that proves the latest one restores (docs/operations.md says how often to run each).
backup: setup
	$(PY) manage.py backup

restore-drill: setup
	$(PY) manage.py restore_drill

# Reliability drills on loopback, against PostgreSQL clusters of their own (docs/reliability.md).
drills: setup
	scripts/drills

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

types: setup
	.venv/bin/mypy

browser-deps:
	@scripts/install-browser-deps

pytest: setup browser-deps
	$(PY) manage.py makemigrations --check --dry-run -v 0
	.venv/bin/pytest $(PYTEST_ARGS)

test: lint types pytest

# The same suite against PostgreSQL, but for the browser tests (CI runs this after `make test`,
# which ran those on SQLite).
test-postgres: setup
	scripts/ensure-postgres
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	  .venv/bin/pytest $(PYTEST_ARGS) $(POSTGRES_PYTEST_ARGS)

bench: setup
	PROFILE=$(PROFILE) scripts/bench

# Rebuild the committed GOV.UK Frontend CSS and JS (needs npm; see docs/how-to/rebuild-static.md).
static:
	frontend/build.sh

clean:
	rm -rf .venv $(BOOT) var
