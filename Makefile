# Two commands on a fresh machine with only Python 3.11+:
#   make run    opens the app on your default workspace (with the demo community on first start)
#   make test   runs every check: ruff, the import contract, and the tests (headless)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshots package smoke clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/servicecommunity demo --if-missing
	$(BIN)/servicecommunity summary

test: $(STAMP)
	$(BIN)/ruff check servicecommunity ui tests benchmarks scripts
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy servicecommunity

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist
