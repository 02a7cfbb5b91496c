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
BUNDLE_VENV := .venv-bundle

.PHONY: run test lint check sample bench screenshots clean qt-deps lock upgrade-check bundle test-bundle validate-desktop

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

# The slow tests (the bundle's smoke test) run in `make test-bundle`, which CI runs too.
test: qt-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

test-bundle: qt-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m slow tests/test_pyinstaller_bundle.py

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

# The PyInstaller bundle, dist/takedown-atlas/: one executable for the window, the CLI and
# the sandbox worker. Built in its own venv from requirements/bundle.txt (the runtime pins
# plus PyInstaller, hashed), so no test tool is frozen into it; the sources come from here.
$(BUNDLE_VENV)/bin/.installed: requirements/bundle.txt
	rm -rf $(BUNDLE_VENV)
	$(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/pip install -q --require-hashes -r requirements/bundle.txt
	touch $@

bundle: $(BUNDLE_VENV)/bin/.installed
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
	    --distpath dist --workpath build/pyinstaller packaging/takedown-atlas.spec

# The launcher and the store listing, through the freedesktop validators (Debian packages
# desktop-file-utils and appstream; .ci/run installs them). --no-net: CI is offline.
validate-desktop:
	desktop-file-validate packaging/linux/*.desktop
	appstreamcli validate --no-net packaging/linux/*.metainfo.xml

bench: $(BIN)/.installed
	$(BIN)/python bench/import_search.py
	$(BIN)/python bench/extraction_eval.py

clean:
	rm -rf $(VENV) $(LOCK_VENV) $(BUNDLE_VENV) .venv-upgrade $(SAMPLE) build dist *.egg-info

screenshots: sample
	$(BIN)/python bench/screenshots.py
	$(BIN)/python docs/screenshots/render_briefing_screenshots.py
