# Jobspor: `make run` to try it, `make test` to test it. Both set up everything they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: install run dev serve-data test lint test-deps test-sqlite test-postgres bench messages clean openapi

install: $(VENV)/.installed node_modules/.installed messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	$(BIN)/python scripts/compile_messages.py

serve-data: install
	$(BIN)/jobspor migrate --noinput
	$(BIN)/jobspor demo --if-empty
	$(BIN)/jobspor expire_jobs

# As in production: gunicorn, DEBUG off, static files from WhiteNoise (straight from the finders, so no
# collectstatic step), Danish error pages. Local settings still allow 127.0.0.1 and an insecure key.
run: serve-data
	DJANGO_DEBUG=0 $(BIN)/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) --workers 3 \
	  --access-logfile - --graceful-timeout 5

# Development: Django's runserver with DEBUG on (reloads on code changes, shows tracebacks).
dev: serve-data
	$(BIN)/jobspor runserver 127.0.0.1:$(PORT)

# Debian packages the tests need: a browser for the journeys, a PostgreSQL server, Pango for WeasyPrint (PDFs),
# poppler-utils (pdftoppm, to look at a PDF as an image) and xmlsec1 (pysaml2 signs and checks SAML messages with it).
test-deps:
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	  || ! ldconfig -p | grep -q libpangoft2-1.0 || ! command -v pdftoppm >/dev/null || ! command -v xmlsec1 >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium postgresql fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 poppler-utils xmlsec1 >/dev/null; \
	fi

# The integration API's OpenAPI 3.1 description, committed (a test checks it equals the generated one).
openapi: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/jobspor spectacular --file docs/openapi.yaml --validate --fail-on-warn

lint: install
	$(BIN)/ruff check .

# Each run spreads its tests over two worker processes (pytest-xdist): when one database's run is done, the other's
# still keeps both cores busy. JOBSPOR_TEST_WORKERS=0 runs in one process, as a debugger wants it.
TEST_WORKERS := $(if $(filter 0,$(JOBSPOR_TEST_WORKERS)),-p no:xdist,-n $(or $(JOBSPOR_TEST_WORKERS),2))
SQLITE_TESTS := DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -q $(TEST_WORKERS)
# The property test of the forms posts 500 bodies per form on SQLite; on PostgreSQL 150 still check that a refused
# post writes nothing there. One throw-away server; each worker has its own test database on it.
POSTGRES_TESTS := DJANGO_SETTINGS_MODULE=config.settings.test JOBSPOR_FORM_EXAMPLES=150 scripts/with_postgres.sh \
  $(BIN)/pytest -q $(TEST_WORKERS)

test-sqlite: install
	$(SQLITE_TESTS)

test-postgres: install
	$(POSTGRES_TESTS)

# Both databases at the same time (on two cores nearly half the wall time of one after the other), each into its own
# log under data/test-logs/, printed when both are done; fails when either fails.
test: install test-deps lint
	scripts/run_parallel.sh sqlite '$(SQLITE_TESTS)' postgresql '$(POSTGRES_TESTS)'

# KPI on both databases: SQLite (data/bench.sqlite3) and a kept PostgreSQL server (data/pg-bench, port 54352).
bench: install test-deps
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/kpi.py
	scripts/bench_postgres.sh $(BIN)/python benchmarks/kpi.py
	$(BIN)/python benchmarks/matching.py

clean:
	rm -rf $(VENV) node_modules staticfiles
