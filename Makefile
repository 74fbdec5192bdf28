# Two commands on a fresh machine with only Python 3.11+:
#   make run    opens the app on your default workspace (with the demo community on first start)
#   make test   runs every check: ruff, the import contract, mypy, and the tests (headless)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshots package smoke wheel-check translations clean receivers

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# The core's catalogues, .po (kept in the repository) compiled to .mo (made here, never committed)
LOCALE := servicecommunity/resources/locale
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/*.po))
$(MO_FILES): %.mo: %.po $(STAMP)
	$(BIN)/python scripts/compile_translations.py
# The app's Qt translations, .ts (kept in the repository) compiled to .qm by pyside6-lrelease (same script)
QT_TRANSLATIONS := servicecommunity/resources/locale-qt
QM_FILES := $(patsubst %.ts,%.qm,$(wildcard $(QT_TRANSLATIONS)/*.ts))
$(QM_FILES): %.qm: %.ts $(STAMP)
	$(BIN)/python scripts/compile_translations.py

# After changing the core's text: extract it (babel.cfg) and add the new entries to each .po,
# marked fuzzy where Babel guessed them; then translate them (docs/glossary-cy.md) and unmark them
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -c "translators:" --no-location --sort-output -o $(LOCALE)/servicecommunity.pot servicecommunity
	$(BIN)/pybabel update -i $(LOCALE)/servicecommunity.pot -d $(LOCALE) -D servicecommunity --no-wrap --ignore-obsolete
	rm $(LOCALE)/servicecommunity.pot
	# the app's text (self.tr / QCoreApplication.translate in ui/) into the Qt .ts, new entries unfinished
	$(BIN)/python scripts/update_ui_translations.py
	$(BIN)/python scripts/compile_translations.py

run: $(STAMP) $(MO_FILES) $(QM_FILES)
	$(BIN)/servicecommunity gui

# bpmn.io's own parser, for the test that reads the BPMN export as bpmn.io does (skipped without node)
BPMN_CHECK := tools/bpmn-check/node_modules/.installed
$(BPMN_CHECK): tools/bpmn-check/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		(cd tools/bpmn-check && npm ci --omit=dev --no-audit --no-fund --silent && touch node_modules/.installed) \
		|| echo "npm ci in tools/bpmn-check failed: the bpmn.io check will be skipped"; \
	else echo "npm is not installed: the bpmn.io check will be skipped"; fi

# axe-core in jsdom, for the test that checks the web page export's accessibility (skipped without node)
AXE_CHECK := tools/axe-check/node_modules/.installed
$(AXE_CHECK): tools/axe-check/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		(cd tools/axe-check && npm ci --omit=dev --no-audit --no-fund --silent && touch node_modules/.installed) \
		|| echo "npm ci in tools/axe-check failed: the axe-core check will be skipped"; \
	else echo "npm is not installed: the axe-core check will be skipped"; fi

# The receivers' own tools, for tests/core/test_receivers_*.py (each skips without its tool): mermaid-cli,
# axe-core and bpmn-js in the system's Chromium (npm ci downloads no browser) (SpiffWorkflow comes with the test extras).
# The system's part: apt-get install chromium poppler-utils libreoffice-calc-nogui fonts-crosextra-carlito
RECEIVERS := tools/receivers/node_modules/.installed
$(RECEIVERS): tools/receivers/package-lock.json $(STAMP)
	@if command -v npm >/dev/null 2>&1; then \
		(cd tools/receivers && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --omit=dev --no-audit --no-fund --silent && touch node_modules/.installed) \
		|| echo "npm ci in tools/receivers failed: the receivers' browser tests will be skipped"; \
	else echo "npm is not installed: the receivers' browser tests will be skipped"; fi

receivers: $(RECEIVERS)

test: $(STAMP) $(MO_FILES) $(QM_FILES) $(BPMN_CHECK) $(AXE_CHECK)
	$(BIN)/ruff check servicecommunity ui tests benchmarks scripts
	$(BIN)/lint-imports
	$(BIN)/mypy servicecommunity
	$(BIN)/python scripts/mypy_ratchet.py
	# the tests, the store ones on a SQLite file and on a throwaway PostgreSQL server (--pg); without
	# PostgreSQL installed they skip, saying so, except under CI (CI=true), where they fail
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/pg_cluster.py run -- $(BIN)/python -m pytest -q -p no:cacheprovider --pg

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy servicecommunity

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Render the README's screenshots offscreen into docs/screenshots/
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

# A normal install: build the wheel, install it in a fresh virtual environment and run demo,
# summary and two exports from outside the checkout (needs only Python and PyPI; about 2 minutes)
wheel-check:
	$(PYTHON) scripts/wheel_check.py

PACKAGE_STAMP := $(VENV)/.installed-package

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,package]"
	touch $(PACKAGE_STAMP)

# The app without Python: dist/servicecommunity/ (dist/ServiceCommunity.app on macOS)
package: $(PACKAGE_STAMP) $(MO_FILES) $(QM_FILES)
	$(BIN)/pyinstaller --noconfirm --clean build.spec

# Start the frozen app offscreen with a temporary data folder; exits 0 when everything works
smoke: package
	$(BIN)/python scripts/smoke_frozen.py

clean:
	rm -rf $(VENV) build dist
