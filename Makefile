# Two commands for a newcomer: `make run` serves the dashboard, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test validate schema docs briefing bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(VENV)/.installed-test
	$(PY) -m pytest

validate: $(VENV)/.installed
	$(PY) -m sctracker validate

schema: $(VENV)/.installed
	$(PY) -m sctracker schema

docs: $(VENV)/.installed
	$(PY) -m sctracker docs

# Load, filter, figures and pages at the real records and 1,000 / 10,000 / 50,000 synthetic ones (about 5 min on 2 cores).
bench: $(VENV)/.installed-test
	$(PY) -m sctracker.bench

clean:
	rm -rf $(VENV) .pytest_cache

# A briefing pack of the whole data set; pass filters as ARGS, e.g. make briefing ARGS="--sector batteries"
briefing: $(VENV)/.installed-test
	$(PY) -m sctracker briefing --out out/briefing $(ARGS)
