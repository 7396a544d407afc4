# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
# Python 3.12 as .python-version selects it (pyenv), else any python3.12/3.13 on the PATH.
PYTHON ?= $(shell (pyenv which python 2>/dev/null) || command -v python3.12 || command -v python3.13)
DEMO_ENV := DEBUG=true DEMO_DATA_ALLOWED=true
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
# Python keeps what it compiles (__pycache__/, ignored by git) even where the machine says
# not to (PYTHONDONTWRITEBYTECODE, set on our CI machines): without it every process (each
# manage.py, test worker, Celery worker and gunicorn) compiled ~1,700 modules again, 3 s of
# CPU each (issue 24, BENCHMARKS.md). `make test PYTHONDONTWRITEBYTECODE=1` still writes none.
export PYTHONDONTWRITEBYTECODE :=

.PHONY: help install run test test-fast lint format bench totp migrate worker beat services-check db db-stop db-reset \
	backup restore loadtest baseline baseline-check

help:
	@echo "make run    - install, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install and run the whole test suite"
	@echo "make lint   - ruff check and format check"
	@echo "make bench  - benchmarks (see BENCHMARKS.md)"
	@echo "make backup - database + media into backups/ (BACKUP_DIR=...); see README"
	@echo "make restore BACKUP=backups/zvhd-... CONFIRM=yes - restore a backup"
	@echo "make loadtest - 100 users of every role for 10 minutes against gunicorn (BENCHMARKS.md)"
	@echo "make baseline - rewrite zvhd/baseline.sql after adding a migration (CI checks it)"
	@echo "make totp ACCOUNT=regisseur - current second-factor code of a demo account"
	@echo "make db / db-stop / db-reset - the embedded PostgreSQL (when DATABASE_URL is not set)"

$(UV):
	@test -n "$(PYTHON)" || { echo "Python 3.12 or 3.13 is needed (pyenv or python3.12)"; exit 1; }
	@echo "==> uv installeren in $(TOOLS)/ ..."
	@$(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Installs exactly what uv.lock says (dev tools included) into .venv.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	@echo "==> Pakketten installeren (uv.lock) ..."
	@$(UV) sync --frozen --quiet --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed

# Without DATABASE_URL every target below uses the project's own embedded PostgreSQL
# (ops/devdb.py, data in .devdb/): started when needed, stopped when the last user ends.
DEVDB := $(PY) ops/devdb.py

migrate: install
	$(DEVDB) run -- env $(DEMO_ENV) $(PY) manage.py migrate --noinput

# The web (gunicorn), a Celery worker and beat, with demo data; logs in var/log/ (ops/run_demo.py).
run: install
	@$(PY) ops/run_demo.py --host $(HOST) --port $(PORT)

# zvhd/baseline.sql: what all migrations make of an empty database, loaded by `migrate` into
# an empty one (zvhd/baseline.py). Run after adding a migration; CI checks it equals them.
baseline: install
	$(DEVDB) run -- env $(DEMO_ENV) $(PY) manage.py baseline
baseline-check: install
	$(DEVDB) run -- env $(DEMO_ENV) $(PY) manage.py baseline --check

totp: install
	@$(PY) ops/demo_totp.py $(ACCOUNT)

# The suite starts the embedded PostgreSQL itself when DATABASE_URL is not set (tests/testenv.py).
# Two processes (pytest-xdist, one per core; TEST_WORKERS=0 for one), each with its own test
# database; the drills that share fixed resources run in one of them (tests/conftest.py).
TEST_WORKERS ?= auto
test: install
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The embedded PostgreSQL by hand: `make db` starts it (and prints its DATABASE_URL), `make
# db-stop` stops it, `make db-reset` removes it with all its data (make run seeds it again).
db: install
	@$(DEVDB) start
db-stop: install
	@$(DEVDB) stop
db-reset: install
	@$(DEVDB) reset

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: install
	$(PY) -m tests.bench.run $(BENCH_ARGS)

worker: install
	$(PY) -m celery -A zvhd worker --loglevel=info

beat: install
	$(PY) -m celery -A zvhd beat --loglevel=info --schedule=/tmp/zvhd-celerybeat-schedule

# Backups (ops/backup.py): the database of DATABASE_URL and MEDIA_ROOT, with checksums.
BACKUP_DIR ?= backups
backup: install
	$(DEVDB) run -- $(PY) ops/backup.py create --into $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/zvhd-... CONFIRM=yes"; exit 2; }
	$(DEVDB) run -- $(PY) ops/backup.py restore $(BACKUP) $(if $(filter yes,$(CONFIRM)),--yes)

# The load scenario of a real morning (tests/bench/bench_load.py): loopback only, bounded.
loadtest: install
	$(PY) -m tests.bench.run load $(BENCH_ARGS)
