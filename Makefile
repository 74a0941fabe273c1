# Two commands on a fresh machine: `make run` and `make test`.
# The venv is (re)installed only when pyproject.toml or constraints.txt change,
# so a second run installs nothing.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
DB     ?= newsledger.db

.PHONY: run test eval bench install clean-db

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet --upgrade "pip>=24"
	$(PIP) install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsledger run examples/seeds --db $(DB)
	$(VENV)/bin/newsledger articles --db $(DB)
	$(VENV)/bin/newsledger stories --db $(DB)
	$(VENV)/bin/newsledger events --db $(DB)

test: $(STAMP)
	$(PY) -m pytest -q

eval: $(STAMP)
	$(VENV)/bin/newsledger evaluate aeb
	$(VENV)/bin/newsledger evaluate polnear
	$(VENV)/bin/newsledger evaluate gvdb
	$(VENV)/bin/newsledger evaluate case2021
	$(VENV)/bin/newsledger evaluate ecbplus

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
