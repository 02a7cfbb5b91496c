# Two commands matter: `make run` (set up, build the sample archive, open the app)
# and `make test` (set up with test extras, run the whole suite headless).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := .sample-archive

.PHONY: run test lint check sample bench screenshots clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

$(SAMPLE)/archive.sqlite: $(BIN)/.installed
	$(BIN)/takedown-atlas --archive $(SAMPLE) import resources/samples || test -f $@

sample: $(SAMPLE)/archive.sqlite

run: sample
	$(BIN)/python -m desktop --archive $(SAMPLE)

test: $(BIN)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy archive
	$(BIN)/lint-imports

check: lint test

bench: $(BIN)/.installed
	$(BIN)/python bench/import_search.py
	$(BIN)/python bench/extraction_eval.py

clean:
	rm -rf $(VENV) $(SAMPLE) build *.egg-info

screenshots: sample
	$(BIN)/python bench/screenshots.py
	$(BIN)/python docs/screenshots/render_briefing_screenshots.py
