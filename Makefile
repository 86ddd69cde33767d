# Benchbook: every target sets itself up on a fresh machine.
#   make build   compile every course in courses/ into dist/   (default)
#   make test    lint + every test, browser tests included
#   make bench   performance figures
# Python: 3.12 where present (Open edX Verawood), else 3.11 (Ulmo).

.DEFAULT_GOAL := build
SHELL := /bin/bash

PYTHON312 := $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12))
PYTHON311 := $(firstword $(wildcard $(HOME)/.pyenv/versions/3.11*/bin/python3.11 /usr/local/bin/python3.11 /usr/bin/python3.11))
PYTHON ?= $(or $(PYTHON312),$(PYTHON311),python3)

VENV := .venv
VENV311 := .venv-py311
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test lint test-unit test-browser test-py311 bench preview translations chromium clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

$(VENV311)/bin/.installed: pyproject.toml
	$(PYTHON311) -m venv $(VENV311)
	$(VENV311)/bin/pip install --quiet --upgrade pip
	$(VENV311)/bin/pip install --quiet -e '.[test]'
	@touch $@

## build: compile every course in courses/ into dist/
build: $(BIN)/.installed
	$(BIN)/benchbook build --strict --out dist

## lint: ruff over the whole tree
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## test: lint, unit and compiler tests, browser tests, and the unit tests again on Python 3.11
test: lint test-unit test-browser test-py311

test-unit: $(BIN)/.installed
	$(BIN)/pytest -m "not browser" -q

test-browser: $(BIN)/.installed chromium
	$(BIN)/pytest -m browser -q

# Open edX Ulmo runs on 3.11: the unit tests must pass there too.
test-py311: $(if $(PYTHON311),$(VENV311)/bin/.installed)
	@if [ -n "$(PYTHON311)" ] && [ "$(PYTHON311)" != "$(PYTHON)" ]; then \
		$(VENV311)/bin/pytest -m "not browser" -q -p no:cacheprovider; \
	else echo "test-py311: no separate python3.11 here, skipped"; fi

# Playwright cannot download its own browser here: use Debian's Chromium.
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## bench: compile generated courses and time the XBlocks (see bench/)
bench: $(BIN)/.installed chromium
	$(BIN)/python -m bench

## preview: serve a course with live reload (COURSE=courses/NAME)
preview: $(BIN)/.installed
	$(BIN)/benchbook preview $(or $(COURSE),$(firstword $(wildcard courses/*/)))

## translations: extract the XBlocks' UI strings, merge them into each language's .po, compile .mo and JS catalogs
translations: $(BIN)/.installed
	$(BIN)/python -m benchbook.xblocks.common.translations

clean:
	rm -rf dist build *.egg-info .pytest_cache
