# Quick start: `make run` (set up everything, demo data, serve on 127.0.0.1:8000) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Which lock file the virtualenv installs (see "$(INSTALLED):" below).
REQUIREMENTS ?= requirements-test.txt
INSTALLED := $(VENV)/.installed-$(basename $(REQUIREMENTS))

.PHONY: run test setup system-packages browser-packages lint format check demo messages lock

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	@$(MAKE) --no-print-directory messages
	$(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	@# Beside the server: one task worker (emails, PDFs, ZIPs) and the scheduler (reminders,
	@# email retries); the trap stops both when the server stops (Ctrl-C included).
	@trap 'kill $$WORKER $$SCHEDULER 2>/dev/null; wait $$WORKER $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --queue-name default,email --no-reload & WORKER=$$!; \
	$(PY) manage.py run_scheduler & SCHEDULER=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup browser-packages
	@$(MAKE) --no-print-directory messages
	$(PY) -m pytest $(PYTEST_ARGS)

setup: system-packages $(INSTALLED)

system-packages:
	@scripts/install-system-packages.sh runtime

# Real-browser tests skip themselves when Chromium cannot be installed (e.g. no root).
browser-packages:
	@scripts/install-system-packages.sh browser || echo "Chromium not installed: browser tests will be skipped."

# The virtualenv installs the locked versions, each checked against its hash. The lock files are
# made from pyproject.toml by `make lock`: requirements.txt (what the app needs to run) and
# requirements-test.txt (that plus the test and lint tools, the default here); a production
# machine can take the first: `make setup REQUIREMENTS=requirements.txt`. One stamp per lock file.
$(INSTALLED): $(REQUIREMENTS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes -r $(REQUIREMENTS)
	touch $@

# After changing the dependencies in pyproject.toml: re-resolve them into the lock files. Pins
# already in the files are kept where they still fit; `make lock LOCK_ARGS=--upgrade` moves
# everything to the newest versions allowed. Resolves from PyPI for Linux, macOS and Windows.
UV_VERSION ?= 0.13.9
LOCK := $(VENV)/bin/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
	--python-version 3.11 --custom-compile-command "make lock" $(LOCK_ARGS)

lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q "uv==$(UV_VERSION)"
	$(LOCK) -o requirements.txt
	$(LOCK) --extra test -c requirements.txt -o requirements-test.txt

# Style (ruff) and the import contracts in pyproject.toml (import-linter: see README, "Layers").
lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-logo

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

check: setup
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Compiles the translation catalogues (.mo files are built here, not committed).
messages:
	@if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi
