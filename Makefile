# samspill: `make run` serves the demo hub, `make hub` a hub of your own, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

# `make hub` keeps its own database and files here, apart from the demo's var/.
HUB_VAR ?= $(CURDIR)/var/hub

.PHONY: run hub test test-fast e2e lint fmt demo install install-dev lock messages scaleout bench bench-answers bench-events bench-network bench-surveys bench-projects bench-backup bench-pages bench-digests clean

run: install ## create .venv, migrate the SQLite database in var/, build the demo, serve it
	$(BIN)/samspill migrate --noinput
	$(BIN)/samspill demo
	@echo "Serving samspill at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	@echo "A hub of your own, without the demo's fictional content: make hub"
	$(BIN)/samspill serve --with-worker --workers 2

hub: install ## a hub of your own in var/hub/ (no demo): migrate, `samspill setup` (asks for name, address, first admin), serve
	SAMSPILL_VAR_DIR=$(HUB_VAR) $(BIN)/samspill migrate --noinput
	SAMSPILL_VAR_DIR=$(HUB_VAR) $(BIN)/samspill setup
	@echo "Serving your hub at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	SAMSPILL_VAR_DIR=$(HUB_VAR) $(BIN)/samspill serve --with-worker --workers 2

test: install-dev ## the whole suite: unit, integration and browser tests
	$(BIN)/pytest -n 2 --dist loadgroup

test-fast: install-dev ## everything but the browser tests
	$(BIN)/pytest -n 2 -m "not e2e"

e2e: install-dev ## only the browser tests (Debian's chromium)
	$(BIN)/pytest tests/e2e

lint: install-dev ## ruff, and the import contracts between the apps (README, "Architecture")
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

fmt: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

demo: install
	$(BIN)/samspill demo

messages: install-dev ## extract strings into the .po files and compile the .mo files
	cd src/samspill && SAMSPILL_VAR_DIR=$(CURDIR)/var ../../$(BIN)/samspill makemessages -l nb -l nn -l da -l en --no-obsolete --ignore "*/migrations/*"
	$(BIN)/python -m samspill.core.i18n_compile

scaleout: install-dev ## production profile on this machine: PostgreSQL, Redis, two app servers, two workers; concurrency tests and the walk against both (bench/scaleout.py)
	$(BIN)/python bench/scaleout.py

bench: install ## load benchmark: pages against a minimal baseline (bench/README.md)
	$(BIN)/python bench/load.py

bench-answers: install ## answer finder: quality against BM25, latency at 10k/100k passages (bench/answers/README.md)
	$(BIN)/python bench/answers/evaluate.py
	$(BIN)/python bench/answers/latency.py

bench-events: install ## events: registrations per second and the event pages against the baseline (bench/README.md)
	$(BIN)/python bench/events.py

bench-network: install ## network: directory and match suggestions with 50,000 organisations against the baseline (bench/README.md)
	$(BIN)/python bench/network.py

bench-surveys: install ## surveys: the results page with 100,000 responses against a naive count (bench/README.md)
	$(BIN)/python bench/surveys.py

bench-projects: install ## projects: project list, reach matrix and ideas by support with 5,000 projects and 1,000,000 supports against the baseline (bench/README.md)
	$(BIN)/python bench/projects.py

bench-pages: install ## key public pages against the baseline with wrk, anonymous and signed in: rps ratio, p99, CPU per request, page-cache hit rate (bench/README.md)
	$(BIN)/python bench/pages.py

bench-digests: install ## digests: the daily digests of 20,000 people following 50 things each: time, queries per batch, memory, emails per second (bench/README.md)
	$(BIN)/python bench/digests.py

bench-backup: install ## backup and restore: time and file size for the demo and 100,000 survey responses (bench/README.md)
	$(BIN)/python bench/backup.py

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "samspill needs Python 3.11 or newer"' \
	  || { echo "samspill needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv is missing; installing Debian's python3-venv"; \
	  rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-venv >/dev/null \
	    && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip

# The locks pin every package with its hashes (pip-compile); the project itself goes on top of them.
$(VENV)/.installed: pyproject.toml requirements/base.lock | $(VENV)/bin/python
	$(BIN)/pip install -q -r requirements/base.lock
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml requirements/dev.lock $(VENV)/.installed
	$(BIN)/pip install -q -r requirements/dev.lock
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

LOCK := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile -q --generate-hashes --strip-extras \
  --allow-unsafe --no-emit-index-url --no-emit-find-links $(LOCKFLAGS)
lock: install-dev ## after a change to pyproject.toml: re-resolve requirements/*.lock (pins stay; LOCKFLAGS=--upgrade moves them)
	$(LOCK) --extra semantic -o requirements/base.lock pyproject.toml
	$(LOCK) --extra postgres --extra redis --extra s3 --extra semantic -o requirements/production.lock pyproject.toml
	$(LOCK) --extra dev --extra semantic -o requirements/dev.lock pyproject.toml

clean:
	rm -rf $(VENV) var build *.egg-info
