# Two commands for a newcomer: `make run` serves the dashboard, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint validate schema docs briefing bench bench-browser country-data clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-briefing: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[briefing]'
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT)

# Lint and format check, the curated data, then every test (unit, AppTest, headless Chromium).
test: $(VENV)/.installed-test lint
	$(PY) -m sctracker validate
	$(PY) -m pytest

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

validate: $(VENV)/.installed
	$(PY) -m sctracker validate

schema: $(VENV)/.installed
	$(PY) -m sctracker schema

docs: $(VENV)/.installed
	$(PY) -m sctracker docs

# Rebuild the country outlines the map ships with (after upgrading countryinfo).
country-data: $(VENV)/.installed-test
	$(PY) -m tools.build_country_data

# Load, filter, figures and pages at the real records and 1,000 / 10,000 / 50,000 synthetic ones (about 5 min on 2 cores).
bench: $(VENV)/.installed-test
	$(PY) -m benchmarks.bench

# Every page in headless Chromium against an empty page, at the real records and 10,000 synthetic ones (about 30 min on 2 cores).
# Pass options as ARGS, e.g. make bench-browser ARGS="--sizes real --repeats 5".
bench-browser: $(VENV)/.installed-test
	$(PY) -m benchmarks.browser $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache

# A briefing pack in out/briefing: each chart alone as slide images, a deck (.pptx, and PDF with LibreOffice),
# the events CSV, an index. Pass filters as ARGS, e.g. make briefing ARGS="--partner EUU" (about half a minute).
briefing: $(VENV)/.installed-briefing
	$(PY) -m sctracker briefing --out out/briefing $(ARGS)
