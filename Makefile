# geobrief — every set-up step lives here, so a fresh machine needs only `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
GB     := $(VENV)/bin/geobrief
PIP_VERSION := 26.3
DEMO_DB := out/demo.db

.PHONY: install demo test eval bench lint clean

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==$(PIP_VERSION)"
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: install
	@mkdir -p out
	$(GB) ingest examples/corpus --db $(DEMO_DB)
	$(GB) docs --db $(DEMO_DB)
	$(GB) actors --db $(DEMO_DB) --top 15
	$(GB) quotes --db $(DEMO_DB) --kind direct --limit 10
	$(GB) brief Russia "North Korea" --db $(DEMO_DB) -o out/brief.md > /dev/null
	$(GB) brief Russia "North Korea" --db $(DEMO_DB) -o out/brief.html

test: install
	$(PY) -m pytest -q

eval: install
	$(PY) eval/extraction.py
	$(PY) eval/tempeval3.py
	$(PY) eval/quotes.py
	$(PY) eval/events.py
	$(PY) eval/claims.py

bench: install
	$(PY) bench/ingest.py

lint: install
	$(VENV)/bin/ruff check src tests eval bench scripts

clean:
	rm -rf out .pytest_cache .ruff_cache
