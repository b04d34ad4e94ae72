# Kyoso — two set-up commands: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kyoso-installed
APT_PACKAGES := chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 poppler-utils

.PHONY: demo test test-sqlite test-postgres lint audit bench vendor messages system-packages clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements/constraints.txt
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[test,lint]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kyoso demo

# Debian's chromium (browser tests), Noto CJK fonts (Japanese in screenshots and PDFs), Pango
# (WeasyPrint draws the receipts and the evaluation report with it, decision 0019) and
# poppler-utils (pdftoppm: tests and people look at the PDFs as PNG).
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing$$missing from Debian's packages"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages:$$missing. Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# All the tests in one pass across the CPUs (pytest-xdist, a module or class per worker at a
# time). The demo-loading tests run in it too: a transactional test that ran earlier in the same
# worker flushes the migration-loaded regions, and the fixtures put them back
# (kyoso/regions/testing.py), so no test needs a process of its own.
test: $(STAMP) system-packages
	$(BIN)/pytest -n auto --dist loadscope

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy kyoso

# Known-vulnerable dependencies (pip-audit, PyPI's advisory data; needs the network). Exit 2 and
# a "NOT AUDITED" line when the advisory data cannot be reached (docs/security.md).
audit: $(STAMP)
	$(BIN)/python scripts/dependency_audit.py

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

vendor:
	bash scripts/vendor.sh

messages: $(STAMP)
	bash scripts/messages.sh

clean:
	rm -rf $(VENV) test-artifacts
