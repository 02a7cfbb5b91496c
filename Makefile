# Two commands matter: `make run` (set up, build the sample archive, open the app)
# and `make test` (set up with test extras, run the whole suite headless).
#
# The venv is installed from requirements/lock.txt only: every package pinned and hashed
# (`pip --require-hashes`), then the project itself without dependencies. So a fresh
# clone gets exactly the versions CI tested, with nothing but python3 and pip. The lock
# is written by `make lock` (uv; see requirements/compile.sh for why this shape), and
# `make upgrade-check` tries the newest allowed versions in a scratch venv without
# touching it. A changed lock rebuilds .venv from scratch, so nothing stale survives.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := .sample-archive
LOCK := requirements/lock.txt
UV_VERSION := 0.13.9
LOCK_VENV := .venv-lock

.PHONY: run test lint check sample bench screenshots clean qt-deps lock upgrade-check

$(BIN)/.installed: pyproject.toml $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV); on Debian or Ubuntu: apt-get install python3-venv" >&2; exit 2; }
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# The Qt runtime libraries (xcb and offscreen platform plugins): installed with apt-get
# when possible, else one line naming the Debian packages to install.
qt-deps: $(BIN)/.installed
	packaging/qt-deps.sh $(BIN)/python

$(SAMPLE)/archive.sqlite: $(BIN)/.installed
	$(BIN)/takedown-atlas --archive $(SAMPLE) import resources/samples || test -f $@

sample: $(SAMPLE)/archive.sqlite

run: qt-deps sample
	$(BIN)/python -m desktop --archive $(SAMPLE)

test: qt-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy --strict archive
	$(BIN)/mypy desktop
	$(BIN)/lint-imports

check: lint test

# Re-resolve the lock after editing pyproject.toml (UPGRADE=1: move every pin to the newest
# allowed). Only this needs uv, installed at a fixed version in its own venv.
lock:
	test -x $(LOCK_VENV)/bin/uv || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install -q uv==$(UV_VERSION); }
	UV=$(LOCK_VENV)/bin/uv requirements/compile.sh

# Scheduled-style: the newest versions pyproject.toml allows, in a scratch venv, through the
# whole suite; prints what differs from the lock and whether it passed. Never writes the lock.
upgrade-check:
	PYTHON=$(PYTHON) requirements/upgrade-check.sh

bench: $(BIN)/.installed
	$(BIN)/python bench/import_search.py
	$(BIN)/python bench/extraction_eval.py

clean:
	rm -rf $(VENV) $(LOCK_VENV) .venv-upgrade $(SAMPLE) build *.egg-info

screenshots: sample
	$(BIN)/python bench/screenshots.py
	$(BIN)/python docs/screenshots/render_briefing_screenshots.py
