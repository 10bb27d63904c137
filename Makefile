# frontlines: `make maps` builds the maps of seeds/ into maps/; `make test` runs the whole test suite.
# Both create .venv and install what they need: `make maps` the package alone, `make test` the test extras
# and Debian's chromium too (for the browser tests).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BASE_STAMP := $(VENV)/.installed-base
CORPUS ?= seeds
OUT ?= maps
SHARED ?= ../shared
EVAL_ARGS ?=

.PHONY: install compiled maps test lint docs bench eval gazetteer browser clean

# `make install`: frontlines with the test extras (for development). `make maps` installs frontlines alone.
install: $(STAMP)

$(STAMP): $(BASE_STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The C extension (the name index's scan) is compiled by pip install: its source is a prerequisite too.
$(BASE_STAMP): pyproject.toml src/frontlines/gazetteer/_scan.c
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $(BASE_STAMP)

# The build a wheel gives users: the hot modules compiled by mypyc (setup.py), in a venv of its own, rebuilt
# when a source or a data file changes. The editable .venv stays pure Python, so that an edit takes effect at once.
COMPILED := .venv-compiled
COMPILED_STAMP := $(COMPILED)/.installed
SOURCES := setup.py pyproject.toml $(shell find src/frontlines gazetteer -type f ! -path '*/__pycache__/*' ! -name '*.so')

compiled: $(COMPILED_STAMP)

$(COMPILED_STAMP): $(SOURCES)
	test -x $(COMPILED)/bin/python || $(PYTHON) -m venv $(COMPILED)
	$(COMPILED)/bin/python -m pip install --quiet --upgrade pip
	FRONTLINES_COMPILE=1 $(COMPILED)/bin/python -m pip install --quiet .
	touch $(COMPILED_STAMP)

# Headless Chromium for the browser tests: Debian's package, never a downloaded browser build.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

maps: $(BASE_STAMP)
	$(BIN)/frontlines build $(CORPUS) --out $(OUT)

# make test checks style and types first (make lint), then runs the whole suite (which checks the compiled
# build's output against the pure one's).
test: lint browser compiled
	FRONTLINES_COMPILED_PYTHON=$(CURDIR)/$(COMPILED)/bin/python $(PY) -m pytest

# Style and types: ruff (lint and format) over the code, mypy --strict (pyproject.toml) over src/.
lint: install
	$(BIN)/ruff check setup.py src tests scripts benchmarks
	$(BIN)/ruff format --check setup.py src tests scripts benchmarks
	$(BIN)/mypy

# The API reference from the docstrings, into docs/api/ (git-ignored); a broken reference fails the build.
docs: install
	$(PY) -m pip install --quiet -e '.[docs]'
	$(PY) scripts/build_docs.py docs/api

bench: install browser compiled
	$(PY) benchmarks/run.py --compiled $(COMPILED)/bin/python

# Development scores on ../shared/devset and ../shared/devset2; EVAL_ARGS=--details lists misses and false positives.
eval: install
	$(PY) scripts/eval.py --shared $(SHARED) $(EVAL_ARGS)

# Rebuild the generated gazetteer files from the reference data in ../shared/data.
gazetteer: install
	$(BIN)/frontlines gazetteer build $(SHARED)/data --out gazetteer

clean:
	rm -rf $(VENV) $(COMPILED) build dist src/*.egg-info .pytest_cache
	find $(OUT) -mindepth 1 ! -name README.md -delete
