# Two commands for a fresh machine:  `make site`  builds the site,  `make test`  runs every test.
# Each does its own set-up: a .venv with the package and its test tools, and for the tests Debian's Chromium.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint browser-deps clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/factcheck build

serve: $(STAMP)
	$(BIN)/factcheck serve

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

browser-deps:
	sh scripts/browser-deps.sh

test: $(STAMP) browser-deps
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/python -m pytest -q

clean:
	rm -rf site $(VENV)
