# geobrief — every set-up step lives here, so a fresh machine needs only `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
GB     := $(VENV)/bin/geobrief
PIP_VERSION := 26.3
DEMO_DB := out/demo.db

.PHONY: install system-deps demo test eval bench lint clean

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==$(PIP_VERSION)"
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Debian's Chromium renders the brief to PDF and runs the browser tests; installed where we may (root).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: Chromium is not installed (apt-get install chromium); browser tests will be skipped"; fi; }

demo: install system-deps
	@mkdir -p out
	$(GB) ingest examples/corpus --db $(DEMO_DB)
	$(GB) docs --db $(DEMO_DB)
	$(GB) actors --db $(DEMO_DB) --top 15
	$(GB) quotes --db $(DEMO_DB) --kind direct --limit 10
	$(GB) brief Russia "North Korea" --db $(DEMO_DB) -o out/brief.md > /dev/null
	$(GB) brief Russia "North Korea" --db $(DEMO_DB) -o out/brief.html

test: install system-deps
	$(PY) -m pytest -q

eval: install
	$(PY) eval/extraction.py
	$(PY) eval/tempeval3.py
	$(PY) eval/quotes.py
	$(PY) eval/events.py
	$(PY) eval/claims.py
	$(PY) eval/voices.py
	$(PY) eval/unseen.py
	$(PY) eval/unseen.py --gold eval/gold/unseen2/gold.json --out eval/results/unseen2.json
	$(PY) eval/unseen.py --gold eval/gold/unseen3/gold.json --out eval/results/unseen3.json
	$(PY) eval/unseen.py --gold eval/gold/unseen4/gold.json --out eval/results/unseen4.json

bench: install
	$(PY) bench/ingest.py

lint: install
	$(VENV)/bin/ruff check src tests eval bench scripts

clean:
	rm -rf out .pytest_cache .ruff_cache
