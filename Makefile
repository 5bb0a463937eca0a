# samspill: `make run` serves the demo hub, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test test-fast e2e lint fmt demo install install-dev messages bench bench-answers bench-events bench-network bench-surveys bench-projects clean

run: install ## create .venv, migrate the SQLite database in var/, build the demo, serve it
	$(BIN)/samspill migrate --noinput
	$(BIN)/samspill demo
	@echo "Serving samspill at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	$(BIN)/samspill serve --with-worker --workers 2

test: install-dev ## the whole suite: unit, integration and browser tests
	$(BIN)/pytest -n 2 --dist loadgroup

test-fast: install-dev ## everything but the browser tests
	$(BIN)/pytest -n 2 -m "not e2e"

e2e: install-dev ## only the browser tests (Debian's chromium)
	$(BIN)/pytest tests/e2e

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

demo: install
	$(BIN)/samspill demo

messages: install-dev ## extract strings into the .po files and compile the .mo files
	cd src/samspill && SAMSPILL_VAR_DIR=$(CURDIR)/var ../../$(BIN)/samspill makemessages -l nb -l da -l en --no-obsolete --ignore "*/migrations/*"
	$(BIN)/python -m samspill.core.i18n_compile

bench: install ## load benchmark: pages against a minimal baseline (bench/README.md)
	$(BIN)/python bench/load.py

bench-answers: install ## answer finder: quality against BM25, latency at 10k/100k passages (bench/answers/README.md)
	$(BIN)/python bench/answers/evaluate.py
	$(BIN)/python bench/answers/latency.py --builder proposed

bench-events: install ## events: registrations per second and the event pages against the baseline (bench/README.md)
	$(BIN)/python bench/events.py

bench-network: install ## network: directory and match suggestions with 50,000 organisations against the baseline (bench/README.md)
	$(BIN)/python bench/network.py

bench-surveys: install ## surveys: the results page with 100,000 responses against a naive count (bench/README.md)
	$(BIN)/python bench/surveys.py

bench-projects: install ## projects: project list, reach matrix and ideas by support with 5,000 projects and 1,000,000 supports against the baseline (bench/README.md)
	$(BIN)/python bench/projects.py

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

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e ".[dev]"
	@touch $@

clean:
	rm -rf $(VENV) var build *.egg-info
