# The README's two commands: `make demo` and `make test`. Both set up .venv from scratch.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
EXAMPLE_PLUGINS := plugins/eventflow-docx plugins/eventflow-etno

.PHONY: demo test lint test-plugins bench bench-outputs reliability-long install clean docs messages bench-merge

$(STAMP): pyproject.toml $(addsuffix /pyproject.toml,$(EXAMPLE_PLUGINS))
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e '.[test,lint,docs]'
	$(PIP) $(addprefix -e ,$(EXAMPLE_PLUGINS))
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) -m eventflow.demo

# ruff (style and likely bugs), mypy (types; strict for the public API, hookspecs and the
# store) and import-linter (the layers README.md's Development section names); configured in pyproject.toml.
lint: $(STAMP)
	$(VENV)/bin/ruff check src tests plugins bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The lint, every test of eventflow, then each example plugin's own tests (installed with pip
# above, as another organisation's users would install them).
test: lint
	$(PY) -m pytest -q
	$(MAKE) --no-print-directory test-plugins

test-plugins: $(STAMP)
	@for p in $(EXAMPLE_PLUGINS); do (cd $$p && ../../$(PY) -m pytest -q) || exit 1; done

reliability-long: $(STAMP)
	EVENTFLOW_LONG=1 $(PY) -m pytest tests/reliability -q -p no:cacheprovider

bench: $(STAMP)
	$(PY) bench/run.py

# The API page for plugin authors (build/api/eventflow.html), from the docstrings of the public
# names that `import eventflow` gives, the hook contract and the test helpers.
docs: $(STAMP)
	$(PIP) -e '.[docs]'
	$(PY) -m pdoc --docformat markdown -o build/api eventflow eventflow.hookspecs eventflow.testing \
		eventflow.event eventflow.workflow
	@echo "API page: build/api/eventflow.html"

# eventflow outputs, 8 stages x fi,sv,en, against bare Jinja2 rendering the same templates
bench-outputs: $(STAMP)
	PYTHONPATH=src $(PY) bench/outputs.py

# The interface's gettext catalogues (src/eventflow/i18n.py says how to mark a message):
# extract every message, merge it into the fi and sv .po files, compile the .mo files.
LOCALE := src/eventflow/locale
messages: $(STAMP)
	PYTHONPATH=src $(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output \
		--project eventflow --copyright-holder "eventflow" -o $(LOCALE)/eventflow.pot .
	@for l in fi sv; do \
		if [ -f $(LOCALE)/$$l/LC_MESSAGES/eventflow.po ]; then \
			$(VENV)/bin/pybabel update --no-fuzzy-matching -D eventflow \
				-i $(LOCALE)/eventflow.pot -d $(LOCALE) -l $$l || exit 1; \
		else \
			$(VENV)/bin/pybabel init -D eventflow -i $(LOCALE)/eventflow.pot -d $(LOCALE) \
				-l $$l || exit 1; \
		fi; \
	done
	$(VENV)/bin/pybabel compile -D eventflow -d $(LOCALE) --statistics

bench-merge: $(STAMP)
	$(PY) bench/merge.py

clean:
	rm -rf $(VENV) demo-planning build
