# The two commands of the README:  make demo  ·  make test
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
UV := uv run --frozen
PORT ?= 8000

.PHONY: demo test install install-test smoke quality checks e2e bench bench-data

demo: install  ## Install everything, build the demo database and serve it on http://127.0.0.1:8000
	$(UV) python manage.py migrate --verbosity 0
	$(UV) python manage.py load_demo
	@mkdir -p var/private
	@echo "Arrêt : Ctrl+C"
	@# One gunicorn process with threads: the demo's memory cache is per process (docs/deploy.md).
	@trap 'kill 0' EXIT; \
	  $(UV) python manage.py db_worker >var/worker.log 2>&1 & \
	  while $(UV) python manage.py enqueue_heartbeat; do sleep 300; done >var/heartbeat.log 2>&1 & \
	  DJANGO_SETTINGS_MODULE=config.settings.demo WEB_CONCURRENCY=1 GUNICORN_THREADS=4 \
	    GUNICORN_BIND=127.0.0.1:$(PORT) $(UV) gunicorn -c config/gunicorn.py config.wsgi

test: install-test  ## Install everything, check the code and run the whole test suite (DATABASE_URL chooses the database)
	@$(MAKE) --no-print-directory checks
	$(UV) pytest

smoke: install-test  ## A short run on the embedded SQLite database
	DATABASE_URL= $(UV) pytest -x -q -m "not e2e" tests/network tests/accounts tests/territories

install:
	@scripts/bootstrap.sh

install-test:
	@scripts/bootstrap.sh --test

quality: install-test  ## Formatting, lint, layering contracts, types and migrations, without the tests
	@$(MAKE) --no-print-directory checks

checks:
	$(UV) ruff format --check .
	$(UV) ruff check .
	$(UV) lint-imports
	$(UV) mypy
	$(UV) python manage.py makemigrations --check --dry-run --verbosity 0

e2e: install-test
	$(UV) pytest -m e2e tests/e2e

bench-data:  ## Synthetic national-scale data in var/bench.sqlite3 (or BENCH_DATABASE_URL)
	$(UV) python -m bench.generate

bench:  ## Latency and query counts of the key pages on the synthetic data
	$(UV) python -m bench.load
