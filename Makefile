# flareup — one entry point for setup, demo, tests and benchmarks.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test chromium lint typecheck check bench bench-venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,dask,web,calibrate,postgres]'
	touch $(STAMP)

## demo: set up and load the bundled Kashgar 2020 example, print the summary
demo: $(STAMP)
	$(BIN)/flareup demo

## test: set up and run the whole suite (PostgreSQL tests start their own server)
test: $(STAMP) chromium
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's chromium (never a downloaded browser): install it with apt
# when it is missing and we are root (as in CI); otherwise those tests skip and say why.
chromium:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the browser tests (apt-get)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
		|| echo "could not install chromium: the browser tests will skip"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint test

# Benchmarks compare against other tools (Covasim, epyestim; spaCy, dateparser and word2number
# for bulletin text) installed into a separate venv
# so that they never leak into flareup's own dependencies.
BENCH_VENV := .bench-venv
$(BENCH_VENV)/.installed:
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q --upgrade pip
	$(BENCH_VENV)/bin/pip install -q covasim epyestim spacy dateparser word2number
	touch $@

bench-venv: $(BENCH_VENV)/.installed

## bench: print figures and ratios (never asserted in tests)
bench: $(STAMP) bench-venv
	$(BIN)/python benchmarks/run_all.py --other-python $(BENCH_VENV)/bin/python

clean:
	rm -rf $(VENV) $(BENCH_VENV) build dist .pytest_cache .ruff_cache .mypy_cache .hypothesis
