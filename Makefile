# The README's two commands: `make demo` and `make test`. Both set up .venv from scratch.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
EXAMPLE_PLUGINS := plugins/eventflow-docx plugins/eventflow-etno

.PHONY: demo test lint test-plugins bench bench-merge reliability-long install clean

$(STAMP): pyproject.toml $(addsuffix /pyproject.toml,$(EXAMPLE_PLUGINS))
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e '.[test,lint]'
	$(PIP) $(addprefix -e ,$(EXAMPLE_PLUGINS))
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) -m eventflow.demo

# ruff (style and likely bugs), mypy (types; strict for the public API, hookspecs and the
# store) and import-linter (the layers of DESIGN.md); configured in pyproject.toml.
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

bench-merge: $(STAMP)
	$(PY) bench/merge.py

clean:
	rm -rf $(VENV) demo-planning build
