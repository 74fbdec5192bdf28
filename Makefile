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
	$(BIN)/servicecommunity gui

test: $(STAMP)
	$(BIN)/ruff check servicecommunity ui tests benchmarks scripts
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy servicecommunity

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Render the README's screenshots offscreen into docs/screenshots/
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

PACKAGE_STAMP := $(VENV)/.installed-package

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,package]"
	touch $(PACKAGE_STAMP)

# The app without Python: dist/servicecommunity/ (dist/ServiceCommunity.app on macOS)
package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean build.spec

# Start the frozen app offscreen with a temporary data folder; exits 0 when everything works
smoke: package
	$(BIN)/python scripts/smoke_frozen.py

clean:
	rm -rf $(VENV) build dist
