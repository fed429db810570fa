# Jobspor: `make run` to try it, `make test` to test it. Both set up everything they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.local
# Python keeps compiled modules in __pycache__ (and pytest its assertion-rewritten tests). Where the machine sets
# PYTHONDONTWRITEBYTECODE (CI does), every process — each test worker, each `jobspor` a test starts — compiled
# Jobspor's ≈ 700 modules again: ≈ 4–5 s of CPU per process.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install run dev serve-data test lint lock lock-upgrade lock-check audit test-deps test-sqlite test-postgres bench \
  messages clean openapi

install: $(VENV)/.installed node_modules/.installed messages

# Python packages exactly as locked, every file checked against its hash (requirements/lock.txt, made by `make lock`);
# then Jobspor itself, without resolving anything further.
LOCK := requirements/lock.txt
$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# npm packages exactly as package-lock.json has them (npm ci fails when it is out of step with package.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# After changing dependencies in pyproject.toml: pin them (and what they need) with hashes for every platform.
# Versions already in the lock are kept where they still fit; `make lock-upgrade` takes the newest allowed.
UV_COMPILE = $(BIN)/uv pip compile --quiet pyproject.toml --extra test --generate-hashes --universal --python-version 3.11 \
  -o $(LOCK)
lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "uv>=0.5"
	$(UV_COMPILE)

lock-upgrade:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "uv>=0.5"
	$(UV_COMPILE) --upgrade

# Offline: every dependency of pyproject.toml pinned in the lock at an allowed version, with hashes.
lock-check: $(VENV)/.installed
	$(BIN)/python scripts/check_lock.py

# For operators, on a machine that reaches a vulnerability database (not part of `make test`; docs/security.md).
audit: install
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r $(LOCK)
	npm audit --omit=dev

messages: $(VENV)/.installed
	$(BIN)/python scripts/compile_messages.py

serve-data: install
	$(BIN)/jobspor migrate --noinput
	$(BIN)/jobspor demo --if-empty
	$(BIN)/jobspor expire_jobs

# As in production: gunicorn, DEBUG off, static files from WhiteNoise (straight from the finders, so no
# collectstatic step), Danish error pages. Local settings still allow 127.0.0.1 and an insecure key.
# `jobspor worker` runs beside it (scheduled jobs, the task queue); Ctrl-C stops both.
run: serve-data
	DJANGO_DEBUG=0 BIN=$(BIN) scripts/serve_with_worker.sh $(BIN)/gunicorn config.wsgi:application \
	  --bind 127.0.0.1:$(PORT) --workers 3 --access-logfile - --graceful-timeout 5

# Development: Django's runserver with DEBUG on (reloads on code changes, shows tracebacks), the worker beside it.
dev: serve-data
	BIN=$(BIN) scripts/serve_with_worker.sh $(BIN)/jobspor runserver 127.0.0.1:$(PORT)

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

lint: install lock-check
	$(BIN)/ruff check .

# Each run spreads its tests over two worker processes (pytest-xdist): when one database's run is done, the other's
# still keeps both cores busy. Tests of one xdist_group go to one worker (a module that shares an expensive world
# builds it once: jobspor/testing/shared.py). JOBSPOR_TEST_WORKERS=0 runs in one process, as a debugger wants it.
TEST_WORKERS := $(if $(filter 0,$(JOBSPOR_TEST_WORKERS)),-p no:xdist,-n $(or $(JOBSPOR_TEST_WORKERS),2) --dist loadgroup)
# The property test of the forms posts 100 bodies per form group on each database, other bodies on each (a seed per
# database): 200 different ones per group in all (500, its default when run alone, cost 4 minutes of CPU more in make
# test for no failure found in the last runs; JOBSPOR_FORM_EXAMPLES=500 for a deeper run).
SQLITE_TESTS := DJANGO_SETTINGS_MODULE=config.settings.test JOBSPOR_FORM_EXAMPLES=100 $(BIN)/pytest -q $(TEST_WORKERS)
# One throw-away server; each worker has its own test database on it.
POSTGRES_TESTS := DJANGO_SETTINGS_MODULE=config.settings.test JOBSPOR_FORM_EXAMPLES=100 scripts/with_postgres.sh \
  $(BIN)/pytest -q $(TEST_WORKERS)

test-sqlite: install
	$(SQLITE_TESTS)

test-postgres: install
	$(POSTGRES_TESTS)

# Both databases at the same time (on two cores nearly half the wall time of one after the other), each into its own
# log under data/test-logs/, printed when both are done; fails when either fails. Tests marked one_database (the
# browser journeys: they prove the UI, not the database) run in the PostgreSQL run only; `make test-sqlite` alone
# still runs them (conftest.py).
test: install test-deps lint
	scripts/run_parallel.sh sqlite 'JOBSPOR_ONE_DATABASE=postgresql $(SQLITE_TESTS)' \
	  postgresql 'JOBSPOR_ONE_DATABASE=postgresql $(POSTGRES_TESTS)'

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $@

# KPI on both databases: SQLite (data/bench.sqlite3) and a kept PostgreSQL server (data/pg-bench, port 54352);
# then the load test (Locust against gunicorn) on that PostgreSQL database, after kpi.py has topped its hours up.
bench: install test-deps $(VENV)/.bench-installed
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/kpi.py
	scripts/bench_postgres.sh $(BIN)/python benchmarks/kpi.py
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/pages_http.py
	scripts/bench_postgres.sh $(BIN)/python benchmarks/pages_http.py
	scripts/bench_postgres.sh $(BIN)/python benchmarks/load.py

clean:
	rm -rf $(VENV) node_modules staticfiles
