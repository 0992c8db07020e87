# Everything runs inside .venv, built from the exact pins in requirements*.txt.
# The two commands a newcomer needs: `make serve` and `make test`.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SITE ?= site

# Material 9.8 prints an MkDocs 2.0 banner; builds must stay quiet and reproducible.
export NO_MKDOCS_2_WARNING := true
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build check test lint clean tools bench new format register hooks

# Arguments of the contributor commands: make check FILES=data/events/x.yaml, make format FILES=…,
# make new KIND=event TITLE="Court publishes a list of debtors 2013". ADDR: where serve listens.
FILES ?=
KIND ?=
TITLE ?=
ADDR ?= 127.0.0.1:8000

# The browser tests drive Debian's Chromium, and the clock test runs commands under libfaketime
# (Debian's faketime); install them when they are missing (root, or sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

serve: $(STAMP)  ## build and serve the site on http://127.0.0.1:8000, rebuilding on every edit
	$(PY) -m mkdocs serve --strict --dev-addr $(ADDR)

build: $(STAMP)  ## build the site into site/ (replaced only when the whole build succeeds)
	$(PY) -m scripts.tracker build --site-dir $(SITE)

check: $(STAMP)  ## validate the data (all of it, or report on FILES only)
	$(PY) -m scripts.tracker check $(FILES)

new: $(STAMP)  ## a new entry file, every field explained: make new KIND=event TITLE="…"
	@test -n "$(KIND)" && test -n "$(TITLE)" || { echo 'usage: make new KIND=event|figure|claim|source TITLE="A short title 2013"'; exit 2; }
	$(PY) -m scripts.tracker new "$(KIND)" "$(TITLE)"

format: $(STAMP)  ## rewrite entries in canonical form (all, or FILES); comments stay
	$(PY) -m scripts.tracker format $(FILES)

register: $(STAMP)  ## record each new id in data/register/<id>.txt (never edits a shared file)
	$(PY) -m scripts.tracker register

hooks: $(STAMP)  ## check data files, schemas and Python before every commit (pre-commit)
	$(VENV)/bin/pre-commit install

lint: $(STAMP)
	$(PY) -m ruff check scripts tests
	$(PY) -m ruff format --check scripts tests

# bibtexparser 1.x (the test reads sources.bib with it as most users' scripts do) cannot share
# .venv with 2.x: it goes to build/tools. The Nu HTML checker (npm vnu-jar) runs on Java.
BIBTEXPARSER1 := build/tools/bibtexparser1/bibtexparser
VNU_VERSION := 26.9.27
VNU := build/tools/node_modules/vnu-jar/build/dist/vnu.jar

tools: $(STAMP) $(BIBTEXPARSER1) $(VNU)
	@(command -v chromium >/dev/null || command -v chromium-browser >/dev/null) && command -v faketime >/dev/null || \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium faketime >/dev/null)

$(BIBTEXPARSER1): | $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --target build/tools/bibtexparser1 bibtexparser==1.4.3

$(VNU):
	@(command -v java >/dev/null && command -v npm >/dev/null) || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless npm >/dev/null)
	npm install --silent --no-audit --no-fund --prefix build/tools vnu-jar@$(VNU_VERSION)

test: $(STAMP) tools  ## every test: data check, checker fixtures, a full strict build inspected, browser tests
	$(PY) -m scripts.tracker check
	$(PY) -m ruff check scripts tests
	$(PY) -m pytest

bench: $(STAMP) tools  ## time check, generation and build at 1,000 and 10,000 entries; writes BENCHMARK.md
	@test -x build/tools/node_modules/.bin/lighthouse || npm install --silent --no-audit --no-fund --prefix build/tools lighthouse@12.8.2
	$(PY) -m scripts.tracker bench 1000 10000

clean:
	rm -rf build $(SITE) $(VENV)
