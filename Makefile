# Quick start: `make run` (set up everything, demo data, serve on 127.0.0.1:8000) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup system-packages browser-packages lint format check demo messages

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	@$(MAKE) --no-print-directory messages
	$(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup browser-packages
	@$(MAKE) --no-print-directory messages
	$(PY) -m pytest $(PYTEST_ARGS)

setup: system-packages $(VENV)/.installed

system-packages:
	@scripts/install-system-packages.sh runtime

# Real-browser tests skip themselves when Chromium cannot be installed (e.g. no root).
browser-packages:
	@scripts/install-system-packages.sh browser || echo "Chromium not installed: browser tests will be skipped."

$(VENV)/.installed: pyproject.toml scripts/requirements-from-pyproject.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) scripts/requirements-from-pyproject.py test > $(VENV)/requirements.txt
	$(PY) -m pip install -q -r $(VENV)/requirements.txt
	touch $@

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
