# Two commands for a fresh machine:  `make site`  builds the site,  `make test`  runs every test.
# Each does its own set-up: a .venv with the package and its test tools, and for the tests Debian's Chromium.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test test-latest lock lint messages browser-deps clean

# The tests run on the versions pinned in constraints.txt, so a new upstream release cannot
# turn CI red unnoticed; `make test-latest` tries the newest releases on purpose, `make lock`
# then pins them.
$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,zensical]'
	touch $(STAMP)

LATEST := .venv-latest
$(LATEST)/.installed: pyproject.toml
	$(PY) -m venv $(LATEST)
	$(LATEST)/bin/pip install --quiet --upgrade pip
	$(LATEST)/bin/pip install --quiet --upgrade --upgrade-strategy eager -e '.[test,zensical]'
	touch $@

site: $(STAMP)
	$(BIN)/factcheck build

serve: $(STAMP)
	$(BIN)/factcheck serve

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

# Extract the reader-visible strings and merge them into every language's catalog.
messages: $(STAMP)
	$(BIN)/python -m generator.catalogs

browser-deps:
	sh scripts/browser-deps.sh

test: $(STAMP) browser-deps
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/python -m pytest -q

# The same tests against the newest release of every dependency (not run by CI).
test-latest: $(LATEST)/.installed browser-deps
	$(LATEST)/bin/pip install --quiet --upgrade --upgrade-strategy eager -e '.[test,zensical]'
	$(LATEST)/bin/pip freeze --exclude-editable | sed 's/^/  /'
	$(LATEST)/bin/python -m pytest -q

# Pin what test-latest just passed with.
lock: $(LATEST)/.installed
	{ sed -n '/^#/p' constraints.txt; $(LATEST)/bin/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf site $(VENV) $(LATEST)
